package dev.skein.local;

import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS over the network, every service through one set of clients: either one endpoint that
 * takes every service, as LocalStack does, where skein-local creates what is missing; or an AWS
 * account, where it creates nothing and checks at start that everything exists. Nothing is kept
 * under the data directory.
 */
final class RemoteAws implements AwsServices {
    private final AwsClients clients;
    private final AwsResources resources;
    private final Optional<URI> endpoint;
    private final String description;

    private RemoteAws(AwsClients clients, AwsResources resources, Optional<URI> endpoint, String description) {
        this.clients = clients;
        this.resources = resources;
        this.endpoint = endpoint;
        this.description = description;
    }

    /**
     * One endpoint for Kinesis, DynamoDB, S3 (path style) and SQS, holding the emulators'
     * resource names, each created when missing. Region {@code AWS_REGION} (us-east-1 when not
     * set); dummy credentials unless the environment has keys.
     *
     * @param env the process environment
     */
    static RemoteAws atEndpoint(URI endpoint, Map<String, String> env, int shards) {
        Map<String, String> withEndpoint = new HashMap<>(env);
        withEndpoint.put(AwsClientSettings.ENDPOINT, endpoint.toString());
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(withEndpoint);
        String description = String.join("\n",
                AwsServices.row("AWS", "LocalStack (or another single endpoint) at " + endpoint + ", region "
                        + settings.region()),
                AwsServices.row("Kinesis", "stream " + SkeinLocal.STREAM),
                AwsServices.row("DynamoDB", "table " + SkeinLocal.TABLE),
                AwsServices.row("S3", "bucket " + SkeinLocal.BUCKET),
                AwsServices.row("SQS", "queues " + SkeinLocal.TIMER_QUEUE + ", " + SkeinLocal.TIMER_DEAD_LETTER_QUEUE
                        + ", " + SkeinLocal.STREAM_FAILURE_QUEUE),
                AwsServices.row("data", "not used: the endpoint keeps the stream, table, bucket and queues"));
        return connect(settings, "the AWS endpoint " + endpoint, clients -> ResourceProvisioning.createAllIfMissing(
                clients.kinesis(), clients.dynamoDb(), clients.s3(), clients.sqs(), shards), description);
    }

    /**
     * The account and region of the SDK's default chains (environment, system properties,
     * profiles, container and instance credentials), with resources that must exist.
     *
     * @throws IllegalStateException when no region is configured, or naming what is missing
     */
    static RemoteAws realAws(AwsResourceNames names) {
        Region region;
        try {
            region = new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new IllegalStateException("--aws needs a region: set AWS_REGION or a region in your AWS profile", e);
        }
        return existing(new AwsClientSettings(region, null, DefaultCredentialsProvider.builder().build()), names);
    }

    /**
     * Clients with {@code settings}, on resources that must exist: real AWS, or in tests an
     * endpoint standing in for it.
     */
    static RemoteAws existing(AwsClientSettings settings, AwsResourceNames names) {
        String where = settings.endpointOverride().map(u -> "AWS at " + u).orElse("real AWS") + ", region "
                + settings.region();
        String description = String.join("\n",
                AwsServices.row("AWS", where),
                AwsServices.row("Kinesis", "stream " + names.stream()),
                AwsServices.row("DynamoDB", "table " + names.table()),
                AwsServices.row("S3", "bucket " + names.bucket()),
                AwsServices.row("SQS", "timer queue " + names.timerQueue()),
                AwsServices.row("data", "not used: AWS keeps the stream, table, bucket and queue"),
                AwsServices.row("note", "a deployed assembler reading this stream processes each record too"));
        return connect(settings, where, clients -> ResourceCheck.requireExisting(clients.kinesis(),
                clients.dynamoDb(), clients.s3(), clients.sqs(), names, where), description);
    }

    private static RemoteAws connect(AwsClientSettings settings, String where,
            Function<AwsClients, AwsResources> resources, String description) {
        AwsClients clients = new AwsClients(settings);
        try {
            return new RemoteAws(clients, resources.apply(clients), settings.endpointOverride(), description);
        } catch (SdkClientException e) {
            // Nothing answered, or there are no credentials: say where skein-local was looking.
            IllegalStateException failure = new IllegalStateException("cannot use " + where + ": " + e.getMessage(), e);
            Closing.closeAfterFailure(failure, clients);
            throw failure;
        } catch (RuntimeException e) {
            Closing.closeAfterFailure(e, clients);
            throw e;
        }
    }

    @Override
    public KinesisClient kinesis() {
        return clients.kinesis();
    }

    @Override
    public DynamoDbClient dynamoDb() {
        return clients.dynamoDb();
    }

    @Override
    public S3Client s3() {
        return clients.s3();
    }

    @Override
    public SqsClient sqs() {
        return clients.sqs();
    }

    @Override
    public AwsResources resources() {
        return resources;
    }

    @Override
    public Optional<URI> endpoint(Service service) {
        return endpoint;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        clients.close();
    }
}
