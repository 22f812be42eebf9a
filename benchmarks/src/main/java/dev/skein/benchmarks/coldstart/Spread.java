package dev.skein.benchmarks.coldstart;

import java.util.List;
import java.util.Locale;

/** The median and the range of a few runs' figures, in milliseconds. */
record Spread(double medianMillis, double minMillis, double maxMillis) {

    /** Of figures in nanoseconds; the median of an even count is the mean of the middle two. */
    static Spread ofNanos(List<Long> nanos) {
        if (nanos.isEmpty()) throw new IllegalArgumentException("no runs");
        List<Long> sorted = nanos.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return new Spread(median / 1e6, sorted.get(0) / 1e6, sorted.get(n - 1) / 1e6);
    }

    String median() {
        return String.format(Locale.ROOT, "%.0f", medianMillis);
    }

    /** {@code min–max}, or the one figure of a single run. */
    String range() {
        return minMillis == maxMillis ? String.format(Locale.ROOT, "%.0f", minMillis)
                : String.format(Locale.ROOT, "%.0f–%.0f", minMillis, maxMillis);
    }
}
