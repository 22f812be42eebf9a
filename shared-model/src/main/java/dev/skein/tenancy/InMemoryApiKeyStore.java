package dev.skein.tenancy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keys in memory: for tests and for hosts without a table. */
public final class InMemoryApiKeyStore implements ApiKeyStore {
    private final Map<String, StoredKey> keys = new ConcurrentHashMap<>();

    @Override
    public void create(StoredKey key) {
        if (keys.putIfAbsent(id(key.tenant(), key.keyId()), key) != null) {
            throw new IllegalStateException("tenant " + key.tenant() + " already has key " + key.keyId());
        }
    }

    @Override
    public Optional<StoredKey> find(String tenant, String keyId) {
        return Optional.ofNullable(keys.get(id(tenant, keyId)));
    }

    @Override
    public List<StoredKey> list(String tenant) {
        return keys.values().stream().filter(k -> k.tenant().equals(tenant))
                .sorted(Comparator.comparing(StoredKey::createdAt).thenComparing(StoredKey::keyId))
                .toList();
    }

    @Override
    public boolean revoke(String tenant, String keyId, Instant at) {
        return keys.computeIfPresent(id(tenant, keyId), (id, k) -> k.revoked() ? k : k.revokedAt(at)) != null;
    }

    private static String id(String tenant, String keyId) {
        return tenant + "\n" + keyId;
    }
}
