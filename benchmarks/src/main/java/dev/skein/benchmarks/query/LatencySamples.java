package dev.skein.benchmarks.query;

import java.util.Arrays;

/** Latencies of one kind (a lookup, a request), and their percentiles by the nearest-rank method. */
public final class LatencySamples {
    private long[] nanos = new long[64];
    private int count;

    public void add(long elapsedNanos) {
        if (count == nanos.length) nanos = Arrays.copyOf(nanos, count * 2);
        nanos[count++] = elapsedNanos;
    }

    public int count() {
        return count;
    }

    /** The smallest sample that at least {@code percent} % of the samples do not exceed. */
    public double percentileMillis(double percent) {
        if (count == 0) throw new IllegalStateException("no samples");
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * count);
        return sorted[Math.max(1, rank) - 1] / 1e6;
    }

    public double maxMillis() {
        return percentileMillis(100);
    }
}
