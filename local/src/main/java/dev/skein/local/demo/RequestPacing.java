package dev.skein.local.demo;

/**
 * When the live demo's requests start: at the given rate on average, spread evenly over the time
 * since the last tick, with the fraction of a request that was not yet due carried to the next.
 *
 * <p>Time comes from the wall clock, which can jump: a gap over {@link #MAX_CATCH_UP_NANOS} (the
 * machine slept, the clock was set forward) is not made up in one burst of requests, and a clock
 * set back owes nothing rather than pausing the traffic until it has caught up again.
 */
final class RequestPacing {
    static final long MAX_CATCH_UP_NANOS = 1_000_000_000L;

    private final double requestsPerSecond;
    private long lastTickNanos;
    private double due;

    RequestPacing(double requestsPerSecond, long startNanos) {
        this.requestsPerSecond = requestsPerSecond;
        this.lastTickNanos = startNanos;
    }

    /** Starts over from {@code nowNanos}, owing nothing: live traffic does not make up for the back-fill. */
    void restartAt(long nowNanos) {
        lastTickNanos = nowNanos;
        due = 0;
    }

    /** The start times of the requests due since the last tick, evenly spread up to {@code nowNanos}. */
    long[] tick(long nowNanos) {
        long elapsed = Math.max(0, Math.min(nowNanos - lastTickNanos, MAX_CATCH_UP_NANOS));
        lastTickNanos = nowNanos;
        due += requestsPerSecond * elapsed / 1e9;
        int n = (int) due;
        due -= n;
        long[] starts = new long[n];
        for (int i = 0; i < n; i++) starts[i] = nowNanos - elapsed + elapsed * i / n;
        return starts;
    }
}
