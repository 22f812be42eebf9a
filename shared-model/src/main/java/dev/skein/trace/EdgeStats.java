package dev.skein.trace;

import java.util.Objects;

/** Calls over one service edge: how many, how many failed, and how long the callee took. */
public record EdgeStats(long calls, long errors, LatencyHistogram latency) {
    public static final EdgeStats ZERO = new EdgeStats(0, 0, LatencyHistogram.empty());

    public EdgeStats {
        Objects.requireNonNull(latency, "latency");
    }

    public static EdgeStats ofCall(long durationNanos, boolean error) {
        return new EdgeStats(1, error ? 1 : 0, LatencyHistogram.of(durationNanos));
    }

    public EdgeStats plus(EdgeStats o) {
        return new EdgeStats(calls + o.calls, errors + o.errors, latency.plus(o.latency));
    }

    public EdgeStats minus(EdgeStats o) {
        return new EdgeStats(calls - o.calls, errors - o.errors, latency.minus(o.latency));
    }

    public boolean isZero() {
        return calls == 0 && errors == 0 && latency.isZero();
    }
}
