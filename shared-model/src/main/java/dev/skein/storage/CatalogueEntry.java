package dev.skein.storage;

import java.util.Objects;

/**
 * A service ({@code operation == null}) or one of its operations (span name and kind) that the
 * tenant has sent. Written when new or stale, never per span.
 */
public record CatalogueEntry(String tenant, String service, String operation, String spanKind,
        long expiresAtEpochSeconds) implements CatalogueRecord {
    public CatalogueEntry {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(service, "service");
    }

    public static CatalogueEntry service(String tenant, String service, long expiresAt) {
        return new CatalogueEntry(tenant, service, null, null, expiresAt);
    }

    public boolean isService() {
        return operation == null;
    }

    @Override
    public CatalogueEntry withoutExpiry() {
        return new CatalogueEntry(tenant, service, operation, spanKind, 0);
    }
}
