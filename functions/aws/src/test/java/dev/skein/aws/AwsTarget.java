package dev.skein.aws;

import dev.skein.emulators.DynamoDbEmulator;
import dev.skein.emulators.KinesisEmulator;
import dev.skein.emulators.S3Emulator;
import dev.skein.emulators.SqsEmulator;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One AWS-compatible service for an integration test: the endpoint in {@code SKEIN_AWS_ENDPOINT}
 * (system property or environment, e.g. LocalStack) when set, else an emulator started here.
 * Clients come from {@link AwsClients}, the production path, so the tests also prove its
 * settings (path-style S3, emulator credentials) work.
 */
public final class AwsTarget implements AutoCloseable {
    private final Runnable stopEmulator; // null for an external endpoint
    private final String description;
    private final URI endpoint;
    private final AwsClients clients;

    private AwsTarget(Runnable stopEmulator, String description, URI endpoint) {
        this.stopEmulator = stopEmulator;
        this.description = description;
        this.endpoint = endpoint;
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(AwsClientSettings.ENDPOINT, endpoint.toString());
        this.clients = new AwsClients(AwsClientSettings.fromEnvironment(env));
    }

    public static AwsTarget dynamoDb() {
        return external().orElseGet(() -> {
            DynamoDbEmulator dynamoDb = DynamoDbEmulator.start();
            return new AwsTarget(dynamoDb::close, dynamoDb.toString(), dynamoDb.endpoint());
        });
    }

    public static AwsTarget s3() {
        return external().orElseGet(() -> {
            S3Emulator s3 = S3Emulator.start();
            return new AwsTarget(s3::close, s3.toString(), s3.endpoint());
        });
    }

    public static AwsTarget kinesis() {
        return external().orElseGet(() -> {
            KinesisEmulator kinesis = KinesisEmulator.start();
            return new AwsTarget(kinesis::close, "Kinesis emulator at " + kinesis.endpoint(), kinesis.endpoint());
        });
    }

    public static AwsTarget sqs() {
        return external().orElseGet(() -> {
            SqsEmulator sqs = SqsEmulator.start();
            return new AwsTarget(sqs::close, sqs.toString(), sqs.endpoint());
        });
    }

    private static Optional<AwsTarget> external() {
        String external = System.getProperty(AwsClientSettings.ENDPOINT,
                System.getenv(AwsClientSettings.ENDPOINT));
        if (external == null || external.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AwsTarget(null, "AWS at " + external.trim(),
                URI.create(external.trim())));
    }

    public AwsClients clients() {
        return clients;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A name no other test uses (an external target may be shared and keep old resources). */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        try {
            clients.close();
        } finally {
            if (stopEmulator != null) {
                stopEmulator.run();
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
