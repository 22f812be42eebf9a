package dev.skein.storage;

import dev.skein.trace.EdgeStats;
import dev.skein.trace.ServiceEdge;
import dev.skein.trace.TraceSummary;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A finalized trace: its summary, the version it was computed from (a digest of the trace's
 * chunks), and the service-graph counts it contributed, kept so that a later version can take
 * them back before adding its own.
 */
public record StoredSummary(
        String tenant,
        TraceSummary summary,
        String version,
        Map<ServiceEdge, EdgeStats> contribution,
        long expiresAtEpochSeconds) {

    public StoredSummary {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(version, "version");
        contribution = java.util.Collections.unmodifiableMap(new TreeMap<>(contribution));
    }

    public TraceKey key() {
        return new TraceKey(tenant, summary.traceId());
    }
}
