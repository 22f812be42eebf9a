package dev.skein.aws.dynamodb;

import dev.skein.aws.AwsTarget;
import dev.skein.aws.StorageProvisioning;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local (or the endpoint in SKEIN_AWS_ENDPOINT) with an index table of the test class's
 * own, as StorageProvisioning creates it. Register it as a static field with
 * {@code @RegisterExtension}.
 */
final class IndexTable implements BeforeAllCallback, AfterAllCallback {
    private final String prefix;
    private AwsTarget target;
    private String name;

    /** @param prefix starts the table's name */
    IndexTable(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        target = AwsTarget.dynamoDb();
        name = AwsTarget.uniqueName(prefix);
        StorageProvisioning.createTableIfMissing(client(), name, Duration.ofSeconds(60));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (target != null) {
            target.close();
        }
    }

    DynamoDbClient client() {
        return target.clients().dynamoDb();
    }

    String name() {
        return name;
    }
}
