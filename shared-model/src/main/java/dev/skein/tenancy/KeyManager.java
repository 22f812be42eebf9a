package dev.skein.tenancy;

import dev.skein.model.Tenants;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Creating, listing and revoking keys: what {@code skein keys} and skein-local do with a store. */
public final class KeyManager {
    private final ApiKeyStore store;
    private final Clock clock;
    private final SecureRandom random;

    public KeyManager(ApiKeyStore store, Clock clock, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    /** A key just made: the token is shown once and is not kept anywhere. */
    public record CreatedKey(ApiKey key, StoredKey stored) {}

    /**
     * @throws IllegalArgumentException for a tenant ID Skein cannot store, or no scope
     */
    public CreatedKey create(String tenant, Set<Scope> scopes, String name) {
        requireTenant(tenant);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope: ingest, query or both");
        }
        ApiKey key = ApiKey.generate(tenant, random);
        StoredKey stored = new StoredKey(tenant, key.keyId(), key.hash(), scopes, name, clock.instant(), Optional.empty());
        store.create(stored);
        return new CreatedKey(key, stored);
    }

    public List<StoredKey> list(String tenant) {
        return store.list(requireTenant(tenant));
    }

    /** @return false when the tenant has no such key */
    public boolean revoke(String tenant, String keyId) {
        requireTenant(tenant);
        if (!ApiKey.isKeyId(keyId)) {
            throw new IllegalArgumentException("key IDs are 12 of a-z 0-9 (the third part of a key), got '" + keyId + "'");
        }
        return store.revoke(tenant, keyId, clock.instant());
    }

    /** @throws IllegalArgumentException naming the rule */
    public static String requireTenant(String tenant) {
        if (!Tenants.isValid(tenant)) {
            throw new IllegalArgumentException("tenant IDs are 1-64 of A-Z a-z 0-9 _ . - (they become parts of "
                    + "storage keys), got '" + tenant + "'");
        }
        return tenant;
    }
}
