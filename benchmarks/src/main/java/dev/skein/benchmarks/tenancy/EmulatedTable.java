package dev.skein.benchmarks.tenancy;

import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.aws.StorageProvisioning;
import dev.skein.emulators.DynamoDbEmulator;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The index table on DynamoDB Local, started in this JVM and reached over loopback HTTP, with a
 * client built as the functions build theirs ({@link AwsClients}: URL-connection HTTP client,
 * explicit region and credentials).
 */
final class EmulatedTable implements AutoCloseable {
    static final String TABLE = "skein-index";
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

    private final DynamoDbEmulator emulator;
    private final AwsClients clients;

    private EmulatedTable(DynamoDbEmulator emulator, AwsClients clients) {
        this.emulator = emulator;
        this.clients = clients;
    }

    static EmulatedTable start() {
        DynamoDbEmulator emulator = DynamoDbEmulator.start();
        AwsClients clients = null;
        try {
            clients = new AwsClients(AwsClientSettings.fromEnvironment(
                    Map.of(AwsClientSettings.ENDPOINT, emulator.endpoint().toString())));
            StorageProvisioning.createTableIfMissing(clients.dynamoDb(), TABLE, ACTIVE_TIMEOUT);
            return new EmulatedTable(emulator, clients);
        } catch (RuntimeException e) {
            if (clients != null) clients.close();
            emulator.close();
            throw e;
        }
    }

    DynamoDbClient dynamoDb() {
        return clients.dynamoDb();
    }

    String description() {
        return "DynamoDB Local in this JVM, over loopback HTTP at " + emulator.endpoint() + "; table " + TABLE;
    }

    /** Closes the client, then stops the emulator. */
    @Override
    public void close() {
        try {
            clients.close();
        } finally {
            emulator.close();
        }
    }
}
