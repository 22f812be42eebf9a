package dev.skein.aws;

import dev.skein.storage.StorageContract;
import dev.skein.storage.StorageFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The core's storage contract (the suite the in-memory implementation passes) on the AWS
 * adapters, on the emulators or at the endpoint in SKEIN_AWS_ENDPOINT.
 */
class AwsStorageContractIT extends StorageContract {
    @RegisterExtension
    static final AwsStorageServices AWS = new AwsStorageServices("contract");

    @Override
    protected StorageFixture fixture() {
        return AWS.newFixture();
    }
}
