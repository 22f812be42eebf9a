package dev.skein.aws.dynamodb;

import dev.skein.storage.StorageException;
import dev.skein.tenancy.ApiKeyStore;
import dev.skein.tenancy.Scope;
import dev.skein.tenancy.StoredKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * API keys in the index table, one item per key under the tenant's partition {@code K#{tenant}}
 * with the key ID as sort key (docs/storage.md, "API key"). The item holds the key's hash,
 * never its secret, and has no {@code expiresAt}: a key lives until it is revoked, and a revoked
 * key stays listed.
 *
 * <p>Only the low-level client: the authorizer's jar leaves the Enhanced client out (its cold
 * start), and this class is all the authorizer uses of the table.
 *
 * <p>Reads are strongly consistent. A key must work the moment {@code skein keys create}
 * returns: an eventually consistent miss right after creation would be answered "unknown key",
 * and that answer is cached (by the verifier and by API Gateway) for the whole cache time. The
 * price is one read unit per lookup instead of half of one, and lookups are cached.
 *
 * <p>Every SDK failure is a {@link StorageException} naming the request and the table.
 */
public final class DynamoApiKeyStore implements ApiKeyStore {
    static final String HASH = "hash";
    static final String SCOPES = "scopes";
    static final String NAME = "name";
    static final String CREATED_AT = "createdAt";
    static final String REVOKED_AT = "revokedAt";

    private static final String PK = IndexKeys.PARTITION_KEY;
    private static final String SK = IndexKeys.SORT_KEY;

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoApiKeyStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** One PutItem, conditional on no item with the same keys. */
    @Override
    public void create(StoredKey key) {
        Map<String, AttributeValue> item = new HashMap<>(keyOf(key.tenant(), key.keyId()));
        item.put(HASH, AttributeValue.fromB(SdkBytes.fromByteArray(key.hash())));
        item.put(SCOPES, AttributeValue.fromS(Scope.format(key.scopes())));
        item.put(NAME, AttributeValue.fromS(key.name()));
        item.put(CREATED_AT, epochMillis(key.createdAt()));
        key.revokedAt().ifPresent(at -> item.put(REVOKED_AT, epochMillis(at)));
        try {
            client.putItem(request -> request.tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("tenant " + key.tenant() + " already has key " + key.keyId(), e);
        } catch (SdkException e) {
            throw failure("PutItem of key " + key.keyId() + " of tenant " + key.tenant(), e);
        }
    }

    /** One strongly consistent GetItem. */
    @Override
    public Optional<StoredKey> find(String tenant, String keyId) {
        Map<String, AttributeValue> item;
        try {
            item = client.getItem(request -> request.tableName(tableName).key(keyOf(tenant, keyId))
                    .consistentRead(true)).item();
        } catch (SdkException e) {
            throw failure("GetItem of key " + keyId + " of tenant " + tenant, e);
        }
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toStoredKey(tenant, item));
    }

    /** One strongly consistent Query of the tenant's partition, paginated; sorted here by creation. */
    @Override
    public List<StoredKey> list(String tenant) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(IndexKeys.apiKeys(tenant))))
                .build();
        List<StoredKey> keys = new ArrayList<>();
        try {
            // The paginator sends one Query per page, as the iteration reaches it.
            for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
                keys.add(toStoredKey(tenant, item));
            }
        } catch (SdkException e) {
            throw failure("Query of the keys of tenant " + tenant, e);
        }
        // Key IDs are random, so the sort key gives no useful order.
        keys.sort(Comparator.comparing(StoredKey::createdAt).thenComparing(StoredKey::keyId));
        return keys;
    }

    /**
     * One UpdateItem: {@code SET revokedAt = if_not_exists(revokedAt, :now)}, conditional on the
     * item existing (an update would otherwise create a key-less item).
     */
    @Override
    public boolean revoke(String tenant, String keyId, Instant at) {
        try {
            client.updateItem(request -> request.tableName(tableName).key(keyOf(tenant, keyId))
                    .conditionExpression("attribute_exists(#pk)")
                    .updateExpression("SET #revokedAt = if_not_exists(#revokedAt, :now)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#revokedAt", REVOKED_AT))
                    .expressionAttributeValues(Map.of(":now", epochMillis(at))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw failure("UpdateItem (revoke) of key " + keyId + " of tenant " + tenant, e);
        }
    }

    private static Map<String, AttributeValue> keyOf(String tenant, String keyId) {
        return Map.of(PK, AttributeValue.fromS(IndexKeys.apiKeys(tenant)), SK, AttributeValue.fromS(keyId));
    }

    private static StoredKey toStoredKey(String tenant, Map<String, AttributeValue> item) {
        AttributeValue revokedAt = item.get(REVOKED_AT);
        return new StoredKey(tenant, item.get(SK).s(), item.get(HASH).b().asByteArray(),
                Scope.parse(item.get(SCOPES).s()), item.get(NAME).s(), instant(item.get(CREATED_AT)),
                revokedAt == null ? Optional.empty() : Optional.of(instant(revokedAt)));
    }

    /** Times are kept to the millisecond. */
    private static AttributeValue epochMillis(Instant at) {
        return AttributeValue.fromN(Long.toString(at.toEpochMilli()));
    }

    private static Instant instant(AttributeValue epochMillis) {
        return Instant.ofEpochMilli(Long.parseLong(epochMillis.n()));
    }

    private StorageException failure(String request, SdkException e) {
        // SDK messages carry the status, error code and request ID, never credentials.
        return new StorageException(request + " in DynamoDB table " + tableName + " failed: "
                + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
}
