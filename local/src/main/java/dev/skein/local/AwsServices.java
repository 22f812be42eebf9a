package dev.skein.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS side of skein-local: a client for each service and the resources the write path uses
 * in them. The front door, the functions and the pollers take what this gives and do not care
 * whether it is the emulators, LocalStack or an AWS account. The clients are shared and stay
 * open until {@link #close()}.
 */
interface AwsServices extends AutoCloseable {
    /** The services skein-local calls. */
    enum Service {
        KINESIS, DYNAMODB, S3, SQS
    }

    /**
     * Starts or connects to the services {@code location} names, with the write path's
     * resources in them.
     *
     * @param dataDir where the emulators keep data (unused elsewhere)
     * @param persist false to keep the emulators' data in memory
     * @param shards the stream's shard count when skein-local creates it
     */
    static AwsServices start(AwsLocation location, Path dataDir, boolean persist, int shards) {
        if (location instanceof AwsLocation.Endpoint e) {
            return RemoteAws.atEndpoint(e.endpoint(), System.getenv(), shards);
        }
        if (location instanceof AwsLocation.RealAws r) {
            return RemoteAws.realAws(r.names());
        }
        return EmulatedAws.start(dataDir, persist, shards);
    }

    KinesisClient kinesis();

    DynamoDbClient dynamoDb();

    S3Client s3();

    SqsClient sqs();

    AwsResources resources();

    /** Where a service's calls go; empty for real AWS, where the SDK picks the region's endpoint. */
    Optional<URI> endpoint(Service service);

    /**
     * The ready printout's lines about the AWS side: where each service is and what it holds,
     * and where data is kept; no trailing line break.
     */
    String describe();

    /** Closes the clients, then stops whatever this process started. */
    @Override
    void close();

    /** One printout line, aligned with skein-local's other ones. */
    static String row(String label, String text) {
        return String.format(Locale.ROOT, "  %-15s%s", label, text);
    }
}
