package dev.skein.storage;

import dev.skein.model.TraceId;
import java.util.Objects;

/** A trace as storage knows it: trace IDs are only unique within a tenant. */
public record TraceKey(String tenant, TraceId traceId) {
    public TraceKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(traceId, "traceId");
    }

    @Override
    public String toString() {
        return tenant + "/" + traceId.toHex();
    }
}
