package dev.skein.query;

import dev.skein.trace.LatencyHistogram;

/** One edge of the service graph over a time range: calls, failures and callee latency. */
public record DependencyLink(String parent, String child, long calls, long errors, LatencyHistogram latency) {
    public long p50Nanos() {
        return latency.percentileNanos(0.50);
    }

    public long p95Nanos() {
        return latency.percentileNanos(0.95);
    }

    public long p99Nanos() {
        return latency.percentileNanos(0.99);
    }
}
