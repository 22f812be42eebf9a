package dev.skein.aws;

import dev.skein.query.QuerySuite;
import dev.skein.storage.StorageFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The query suite (the semantics the in-memory store is held to) on the AWS adapters, on the
 * emulators or at the endpoint in SKEIN_AWS_ENDPOINT: the fixture traces are stored once, through
 * the Kinesis emulator and real SQS timers, then every query runs against DynamoDB and S3.
 */
class QuerySuiteIT extends QuerySuite {
    @RegisterExtension
    static final AwsStorageServices AWS = new AwsStorageServices("querysuite");

    @Override
    protected StorageFixture fixture() {
        return AWS.newFixture();
    }
}
