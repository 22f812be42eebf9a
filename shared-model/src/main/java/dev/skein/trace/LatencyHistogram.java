package dev.skein.trace;

import java.util.Arrays;

/**
 * Latencies counted in log-scale buckets: bucket {@code i} holds durations from 2^(i/4) to
 * 2^((i+1)/4) microseconds, so a bucket is 19% wide and a percentile read from it is within
 * about 10% of the true value. 128 buckets reach about an hour; longer durations land in the
 * last. Counts can be subtracted (a trace's old contribution is removed when a late span
 * changes it), so storage keeps only non-zero buckets and adds deltas.
 */
public final class LatencyHistogram {
    public static final int BUCKETS = 128;
    private static final double STEPS_PER_DOUBLING = 4;

    private final long[] counts;

    private LatencyHistogram(long[] counts) {
        this.counts = counts;
    }

    public static LatencyHistogram empty() {
        return new LatencyHistogram(new long[BUCKETS]);
    }

    public static LatencyHistogram of(long durationNanos) {
        long[] c = new long[BUCKETS];
        c[bucketOf(durationNanos)] = 1;
        return new LatencyHistogram(c);
    }

    /** From sparse (bucket, count) pairs as storage keeps them. */
    public static LatencyHistogram fromBuckets(int[] buckets, long[] counts) {
        long[] c = new long[BUCKETS];
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] < 0 || buckets[i] >= BUCKETS) {
                throw new IllegalArgumentException("histogram bucket out of range: " + buckets[i]);
            }
            c[buckets[i]] += counts[i];
        }
        return new LatencyHistogram(c);
    }

    public static int bucketOf(long durationNanos) {
        long micros = Math.max(1, durationNanos / 1000);
        int b = (int) Math.floor(STEPS_PER_DOUBLING * Math.log(micros) / Math.log(2));
        return Math.min(BUCKETS - 1, Math.max(0, b));
    }

    /** The lower bound of a bucket, in nanoseconds. */
    public static long bucketLowerNanos(int bucket) {
        return Math.round(Math.pow(2, bucket / STEPS_PER_DOUBLING) * 1000);
    }

    public long count(int bucket) {
        return counts[bucket];
    }

    public long total() {
        long t = 0;
        for (long c : counts) t += c;
        return t;
    }

    public boolean isZero() {
        for (long c : counts) if (c != 0) return false;
        return true;
    }

    public LatencyHistogram plus(LatencyHistogram o) {
        long[] c = counts.clone();
        for (int i = 0; i < BUCKETS; i++) c[i] += o.counts[i];
        return new LatencyHistogram(c);
    }

    public LatencyHistogram minus(LatencyHistogram o) {
        long[] c = counts.clone();
        for (int i = 0; i < BUCKETS; i++) c[i] -= o.counts[i];
        return new LatencyHistogram(c);
    }

    /** Indexes of the non-zero buckets, ascending. */
    public int[] nonZeroBuckets() {
        return java.util.stream.IntStream.range(0, BUCKETS).filter(i -> counts[i] != 0).toArray();
    }

    /**
     * The latency below which {@code quantile} of the calls fall, interpolated geometrically
     * inside the bucket; 0 when empty.
     */
    public long percentileNanos(double quantile) {
        long total = total();
        if (total <= 0) return 0;
        double rank = quantile * total;
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] <= 0) continue;
            if (seen + counts[i] >= rank) {
                double within = (rank - seen) / counts[i];
                return Math.round(Math.pow(2, (i + within) / STEPS_PER_DOUBLING) * 1000);
            }
            seen += counts[i];
        }
        return bucketLowerNanos(BUCKETS - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyHistogram h && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (int i : nonZeroBuckets()) {
            if (s.length() > 1) s.append(", ");
            s.append(i).append('=').append(counts[i]);
        }
        return s.append('}').toString();
    }
}
