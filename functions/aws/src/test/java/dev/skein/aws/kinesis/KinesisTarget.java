package dev.skein.aws.kinesis;

import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.emulators.KinesisEmulator;
import dev.skein.emulators.KinesisStreams;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The Kinesis the integration tests talk to: the endpoint in {@code SKEIN_AWS_ENDPOINT} (system
 * property or environment, e.g. LocalStack) when set, else a {@link KinesisEmulator} started here.
 * Clients are built by {@link AwsClients}, the production path.
 */
final class KinesisTarget implements AutoCloseable {
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(60);

    private final KinesisEmulator emulator; // null for an external endpoint
    private final URI endpoint;
    private final AwsClients admin;
    private final List<String> streams = new ArrayList<>();

    private KinesisTarget(KinesisEmulator emulator, URI endpoint) {
        this.emulator = emulator;
        this.endpoint = endpoint;
        this.admin = clientsFor(endpoint);
    }

    static KinesisTarget start() {
        String external = System.getProperty(AwsClientSettings.ENDPOINT,
                System.getenv(AwsClientSettings.ENDPOINT));
        if (external != null && !external.isBlank()) {
            return new KinesisTarget(null, URI.create(external.trim()));
        }
        KinesisEmulator emulator = KinesisEmulator.start();
        return new KinesisTarget(emulator, emulator.endpoint());
    }

    URI endpoint() {
        return endpoint;
    }

    /** Clients for {@code endpoint} (the target or a proxy in front of it); the caller closes. */
    AwsClients clientsFor(URI endpoint) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(AwsClientSettings.ENDPOINT, endpoint.toString());
        return new AwsClients(AwsClientSettings.fromEnvironment(env));
    }

    KinesisClient admin() {
        return admin.kinesis();
    }

    /** Creates an ACTIVE stream with a unique name (an external target may be shared). */
    String createStream(String prefix, int shards) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        KinesisStreams.createAndAwaitActive(admin(), name, shards, STREAM_TIMEOUT);
        streams.add(name);
        return name;
    }

    @Override
    public void close() {
        try {
            if (emulator == null) {
                streams.forEach(name -> admin().deleteStream(r -> r.streamName(name)));
            }
            admin.close();
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    @Override
    public String toString() {
        return emulator != null ? emulator.toString() : "Kinesis at " + endpoint;
    }
}
