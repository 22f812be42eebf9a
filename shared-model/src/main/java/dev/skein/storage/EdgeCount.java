package dev.skein.storage;

import dev.skein.trace.EdgeStats;
import dev.skein.trace.ServiceEdge;
import java.util.Objects;

/** The counts of one service edge in one minute for one tenant, or a change to them. */
public record EdgeCount(String tenant, ServiceEdge edge, EdgeStats stats) {
    public EdgeCount {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(stats, "stats");
    }
}
