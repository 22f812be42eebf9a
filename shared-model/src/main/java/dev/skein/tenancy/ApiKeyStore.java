package dev.skein.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where keys are kept (the index table in the cloud). Every key is stored under its tenant. */
public interface ApiKeyStore {
    /**
     * Stores a new key.
     *
     * @throws IllegalStateException when the tenant already has a key with that ID
     */
    void create(StoredKey key);

    Optional<StoredKey> find(String tenant, String keyId);

    /** Every key of the tenant, revoked ones included, oldest first. */
    List<StoredKey> list(String tenant);

    /**
     * Marks the key revoked at {@code at}; a key already revoked keeps its first time.
     *
     * @return false when the tenant has no key with that ID
     */
    boolean revoke(String tenant, String keyId, Instant at);
}
