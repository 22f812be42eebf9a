package dev.skein.tenancy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * An API key as stored: its hash, never its secret.
 *
 * @param name a label for people ("ci", "grafana"); may be empty
 */
public record StoredKey(String tenant, String keyId, byte[] hash, Set<Scope> scopes, String name,
        Instant createdAt, Optional<Instant> revokedAt) {
    public StoredKey {
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
        hash = hash.clone();
        name = name == null ? "" : name;
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }

    public StoredKey revokedAt(Instant at) {
        return new StoredKey(tenant, keyId, hash, scopes, name, createdAt, Optional.of(at));
    }
}
