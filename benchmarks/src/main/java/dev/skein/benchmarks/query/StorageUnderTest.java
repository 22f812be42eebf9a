package dev.skein.benchmarks.query;

import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.aws.StorageProvisioning;
import dev.skein.emulators.DynamoDbEmulator;
import dev.skein.emulators.S3Emulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where the harness stores traces: the endpoint in {@code SKEIN_AWS_ENDPOINT} (system property
 * or environment; LocalStack, for example) for both DynamoDB and S3, or else DynamoDB Local (in
 * memory) and S3Proxy (objects in a temporary directory, deleted on close) started in this JVM.
 * Creates a table and a bucket of its own with {@link StorageProvisioning}. Clients are built
 * the way the functions build theirs ({@link AwsClients}: URL-connection HTTP client, explicit
 * region and credentials, path-style S3 with an endpoint override).
 */
final class StorageUnderTest implements AutoCloseable {
    private static final Duration TABLE_TIMEOUT = Duration.ofSeconds(60);

    private final URI dynamoDbEndpoint;
    private final URI s3Endpoint;
    private final String description;
    private final String table;
    private final String bucket;
    private final List<AutoCloseable> toClose;
    private final Path s3Directory;

    private StorageUnderTest(URI dynamoDbEndpoint, URI s3Endpoint, String description, List<AutoCloseable> toClose,
            Path s3Directory) {
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.s3Endpoint = s3Endpoint;
        this.description = description;
        this.toClose = toClose;
        this.s3Directory = s3Directory;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // Unique names: an external endpoint may be shared and keep earlier runs' resources.
        this.table = "skein-qbench-" + suffix;
        this.bucket = "skein-qbench-" + suffix;
    }

    /** The external endpoint when one is configured, else emulators started here. */
    static StorageUnderTest start() {
        String external = System.getProperty(AwsClientSettings.ENDPOINT, System.getenv(AwsClientSettings.ENDPOINT));
        StorageUnderTest storage = external == null || external.isBlank() ? emulators() : external(external.trim());
        try {
            try (AwsClients dynamoDb = storage.clients(storage.dynamoDbEndpoint);
                    AwsClients s3 = storage.clients(storage.s3Endpoint)) {
                StorageProvisioning.createTableIfMissing(dynamoDb.dynamoDb(), storage.table, TABLE_TIMEOUT);
                StorageProvisioning.createBucketIfMissing(s3.s3(), storage.bucket);
            }
            return storage;
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    private static StorageUnderTest external(String endpoint) {
        // Validated as the functions validate it: an absolute http(s) URI, or an error naming the variable.
        URI uri = AwsClientSettings.fromEnvironment(Map.of(AwsClientSettings.ENDPOINT, endpoint)).endpointOverride()
                .orElseThrow();
        return new StorageUnderTest(uri, uri,
                "DynamoDB and S3 at " + endpoint + " (" + AwsClientSettings.ENDPOINT + ")",
                new ArrayList<>(), null);
    }

    private static StorageUnderTest emulators() {
        List<AutoCloseable> toClose = new ArrayList<>();
        Path directory;
        try {
            directory = Files.createTempDirectory("skein-qbench-s3");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the S3 emulator", e);
        }
        try {
            DynamoDbEmulator dynamoDb = DynamoDbEmulator.start();
            toClose.add(dynamoDb);
            S3Emulator s3 = S3Emulator.builder().storeIn(directory).start();
            toClose.add(s3);
            return new StorageUnderTest(dynamoDb.endpoint(), s3.endpoint(),
                    "DynamoDB Local (in memory) and S3Proxy (files in " + directory
                            + "), in this JVM", toClose, directory);
        } catch (RuntimeException e) {
            closeAll(toClose, e);
            deleteTree(directory);
            throw e;
        }
    }

    String description() {
        return description;
    }

    String table() {
        return table;
    }

    String bucket() {
        return bucket;
    }

    /** A new set of clients for DynamoDB, closed with this object. */
    AwsClients dynamoDbClients() {
        return track(clients(dynamoDbEndpoint));
    }

    /** A new set of clients for S3, closed with this object. */
    AwsClients s3Clients() {
        return track(clients(s3Endpoint));
    }

    private AwsClients track(AwsClients clients) {
        synchronized (toClose) {
            // Clients before the emulators they talk to.
            toClose.add(0, clients);
        }
        return clients;
    }

    private AwsClients clients(URI endpoint) {
        return new AwsClients(AwsClientSettings.fromEnvironment(
                Map.of(AwsClientSettings.ENDPOINT, endpoint.toString())));
    }

    /** Closes the clients, stops the emulators and deletes the emulated bucket's files. */
    @Override
    public void close() {
        RuntimeException failure = null;
        synchronized (toClose) {
            failure = closeAll(toClose, null);
            toClose.clear();
        }
        if (s3Directory != null) deleteTree(s3Directory);
        if (failure != null) throw failure;
    }

    private static RuntimeException closeAll(List<AutoCloseable> resources, RuntimeException failure) {
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) failure = new IllegalStateException("could not close " + c, e);
                else failure.addSuppressed(e);
            }
        }
        return failure;
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }
}
