package dev.skein.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

class DynamoDbEmulatorIT {
    private static final String TABLE = "traces";

    @TempDir
    Path dir;

    @Test
    void start_whenInMemory_supportsConditionsTransactionsAndConsumedCapacity() throws Exception {
        URI endpoint;
        try (DynamoDbEmulator emulator = DynamoDbEmulator.start();
                DynamoDbClient client = emulator.dynamoDbClient()) {
            endpoint = emulator.endpoint();
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            createTable(client);

            PutItemResponse put = client.putItem(request -> request
                    .tableName(TABLE)
                    .item(Map.of("pk", s("tenant-a#trace-1"), "sk", s("span#1"),
                            "name", s("GET /")))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            assertThat(put.consumedCapacity()).isNotNull();
            assertThat(put.consumedCapacity().capacityUnits()).isPositive();

            assertThatThrownBy(() -> client.putItem(request -> request
                    .tableName(TABLE)
                    .item(Map.of("pk", s("tenant-a#trace-1"), "sk", s("span#1"), "name", s("dup")))
                    .conditionExpression("attribute_not_exists(pk)")))
                    .isInstanceOf(ConditionalCheckFailedException.class);

            TransactWriteItemsResponse transaction = client.transactWriteItems(request -> request
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .transactItems(
                            TransactWriteItem.builder().update(update -> update
                                    .tableName(TABLE)
                                    .key(Map.of("pk", s("tenant-a#trace-1"), "sk", s("summary")))
                                    .updateExpression("ADD spanCount :n")
                                    .expressionAttributeValues(Map.of(":n", n("2")))).build(),
                            TransactWriteItem.builder().put(p -> p
                                    .tableName(TABLE)
                                    .item(Map.of("pk", s("tenant-a#trace-1"), "sk", s("span#2")))
                                    .conditionExpression("attribute_not_exists(pk)")).build()));
            assertThat(transaction.consumedCapacity()).isNotEmpty();
            assertThat(transaction.consumedCapacity().get(0).tableName()).isEqualTo(TABLE);
            assertThat(transaction.consumedCapacity().get(0).capacityUnits()).isPositive();

            client.updateItem(request -> request
                    .tableName(TABLE)
                    .key(Map.of("pk", s("tenant-a#trace-1"), "sk", s("summary")))
                    .updateExpression("ADD spanCount :n")
                    .expressionAttributeValues(Map.of(":n", n("3"))));
            Map<String, AttributeValue> summary = client.getItem(request -> request
                    .tableName(TABLE)
                    .key(Map.of("pk", s("tenant-a#trace-1"), "sk", s("summary")))
                    .consistentRead(true)).item();
            assertThat(summary.get("spanCount").n()).isEqualTo("5");

            DynamoDbTable<EnhancedDocument> documents = DynamoDbEnhancedClient.builder()
                    .dynamoDbClient(client).build()
                    .table(TABLE, TableSchema.documentSchemaBuilder()
                            .addIndexPartitionKey(TableMetadata.primaryIndexName(), "pk",
                                    AttributeValueType.S)
                            .addIndexSortKey(TableMetadata.primaryIndexName(), "sk",
                                    AttributeValueType.S)
                            .attributeConverterProviders(
                                    AttributeConverterProvider.defaultProvider())
                            .build());
            EnhancedDocument span = documents.getItem(Key.builder()
                    .partitionValue("tenant-a#trace-1").sortValue("span#1").build());
            assertThat(span.getString("name")).isEqualTo("GET /");
        }

        assertThatThrownBy(() -> connect(endpoint)).isInstanceOf(ConnectException.class);
    }

    @Test
    void persistTo_whenRestartedOnTheSameDirectory_keepsTablesAndItems() {
        try (DynamoDbEmulator first = DynamoDbEmulator.builder().persistTo(dir).start();
                DynamoDbClient client = first.dynamoDbClient()) {
            createTable(client);
            client.putItem(request -> request.tableName(TABLE)
                    .item(Map.of("pk", s("t#1"), "sk", s("s#1"), "kept", s("yes"))));
        }
        assertThat(dir.resolve("shared-local-instance.db")).isRegularFile();

        try (DynamoDbEmulator second = DynamoDbEmulator.builder().persistTo(dir).start();
                DynamoDbClient client = second.dynamoDbClient()) {
            Map<String, AttributeValue> item = client.getItem(request -> request.tableName(TABLE)
                    .key(Map.of("pk", s("t#1"), "sk", s("s#1")))).item();
            assertThat(item.get("kept").s()).isEqualTo("yes");
        }
    }

    @Test
    void start_whenTwoRunAtOnce_keepsThemApart() {
        try (DynamoDbEmulator a = DynamoDbEmulator.start();
                DynamoDbEmulator b = DynamoDbEmulator.start();
                DynamoDbClient clientA = a.dynamoDbClient();
                DynamoDbClient clientB = b.dynamoDbClient()) {
            createTable(clientA);

            assertThat(a.endpoint()).isNotEqualTo(b.endpoint());
            assertThat(clientB.listTables().tableNames()).isEmpty();
        }
    }

    private static void createTable(DynamoDbClient client) {
        client.createTable(request -> request
                .tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk")
                                .attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk")
                                .attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE)
                                .build()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    private static void connect(URI endpoint) throws IOException {
        new Socket(endpoint.getHost(), endpoint.getPort()).close();
    }
}
