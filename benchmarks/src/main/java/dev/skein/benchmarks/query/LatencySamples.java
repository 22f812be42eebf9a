package dev.skein.benchmarks.query;

import java.util.Arrays;

/** Latencies of one kind of lookup, and their percentiles by the nearest-rank method. */
final class LatencySamples {
    private long[] nanos = new long[64];
    private int count;

    void add(long elapsedNanos) {
        if (count == nanos.length) nanos = Arrays.copyOf(nanos, count * 2);
        nanos[count++] = elapsedNanos;
    }

    int count() {
        return count;
    }

    /** The smallest sample that at least {@code percent} % of the samples do not exceed. */
    double percentileMillis(double percent) {
        if (count == 0) throw new IllegalStateException("no samples");
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * count);
        return sorted[Math.max(1, rank) - 1] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(100);
    }
}
