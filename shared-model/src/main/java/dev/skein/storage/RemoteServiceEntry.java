package dev.skein.storage;

import java.util.Objects;

/**
 * A remote service that one service's spans named as their peer ({@code peer.service}; Zipkin's
 * remote endpoint maps to it at ingest). {@code remoteService} is the name as the index keys it
 * ({@link dev.skein.trace.IndexedNames#service}).
 */
public record RemoteServiceEntry(String tenant, String service, String remoteService, long expiresAtEpochSeconds)
        implements CatalogueRecord {
    public RemoteServiceEntry {
        Objects.requireNonNull(tenant, "tenant");
        CatalogueRecord.requireNotEmpty(service, "service");
        CatalogueRecord.requireNotEmpty(remoteService, "remoteService");
    }

    @Override
    public RemoteServiceEntry withoutExpiry() {
        return new RemoteServiceEntry(tenant, service, remoteService, 0);
    }
}
