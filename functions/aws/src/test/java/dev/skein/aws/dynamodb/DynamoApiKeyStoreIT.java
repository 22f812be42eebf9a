package dev.skein.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.storage.StorageException;
import dev.skein.tenancy.ApiKeyStore;
import dev.skein.tenancy.ApiKeyStoreContract;
import dev.skein.tenancy.Scope;
import dev.skein.tenancy.StoredKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key store contract on DynamoDB Local (or the endpoint in SKEIN_AWS_ENDPOINT), in a table
 * as StorageProvisioning creates it, plus what only this store has: its item layout and how it
 * reports a failing table.
 */
class DynamoApiKeyStoreIT extends ApiKeyStoreContract {
    @RegisterExtension
    static final IndexTable TABLE = new IndexTable("keys");

    @Override
    protected ApiKeyStore newStore() {
        return new DynamoApiKeyStore(TABLE.client(), TABLE.name());
    }

    @Test
    void item_holdsTheDocumentedAttributes_andNoExpiry() {
        byte[] hash = new byte[32];
        hash[0] = 42;
        Instant created = Instant.ofEpochMilli(1_795_000_000_123L);
        store.create(new StoredKey(tenant, "k1k1k1k1k1k1", hash, EnumSet.of(Scope.QUERY, Scope.INGEST), "grafana",
                created, Optional.empty()));
        store.revoke(tenant, "k1k1k1k1k1k1", created.plusMillis(5));

        Map<String, AttributeValue> item = TABLE.client().getItem(r -> r.tableName(TABLE.name())
                .key(Map.of("pk", AttributeValue.fromS("K#" + tenant), "sk", AttributeValue.fromS("k1k1k1k1k1k1"))))
                .item();

        assertThat(item).containsOnlyKeys("pk", "sk", "hash", "scopes", "name", "createdAt", "revokedAt");
        assertThat(item.get("hash").b()).isEqualTo(SdkBytes.fromByteArray(hash));
        assertThat(item.get("scopes").s()).isEqualTo("ingest query");
        assertThat(item.get("name").s()).isEqualTo("grafana");
        assertThat(item.get("createdAt").n()).isEqualTo("1795000000123");
        assertThat(item.get("revokedAt").n()).isEqualTo("1795000000128");
    }

    @Test
    void everyRequest_whenTheTableIsMissing_throwsStorageExceptionNamingIt() {
        DynamoApiKeyStore missing = new DynamoApiKeyStore(TABLE.client(), "no-such-table");
        StoredKey key = new StoredKey(tenant, "k2k2k2k2k2k2", new byte[32], EnumSet.of(Scope.INGEST), "",
                Instant.EPOCH, Optional.empty());

        assertThatThrownBy(() -> missing.create(key)).isInstanceOf(StorageException.class)
                .hasMessageContaining("no-such-table").hasMessageContaining("ResourceNotFoundException");
        assertThatThrownBy(() -> missing.find(tenant, "k2k2k2k2k2k2")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> missing.list(tenant)).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> missing.revoke(tenant, "k2k2k2k2k2k2", Instant.EPOCH))
                .isInstanceOf(StorageException.class);
    }
}
