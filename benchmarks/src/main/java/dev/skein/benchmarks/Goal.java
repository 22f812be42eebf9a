package dev.skein.benchmarks;

import java.util.Locale;

/**
 * One goal of a report beside what was measured: the goal lines of the performance report
 * ({@code name<TAB>target<TAB>measured<TAB>met}) and the goal checks of the printed tables.
 */
record Goal(String name, String target, String measured, Met met) {
    enum Met {
        YES("yes", "PASS"), NO("no", "MISS"), NOT_MEASURED("n/a", "NOT MEASURED");

        final String tsv;
        final String printed;

        Met(String tsv, String printed) {
            this.tsv = tsv;
            this.printed = printed;
        }
    }

    /**
     * A goal of at least {@code target}, numbers in {@code format}; {@code measured} null means the
     * benchmarks behind it did not run.
     */
    static Goal atLeast(String name, double target, String format, Double measured) {
        String goal = "≥ " + String.format(Locale.ROOT, format, target);
        if (measured == null) {
            return new Goal(name, goal, "not measured: a benchmark behind it failed or was not selected",
                    Met.NOT_MEASURED);
        }
        return new Goal(name, goal, String.format(Locale.ROOT, format, measured),
                measured >= target ? Met.YES : Met.NO);
    }

    /** The goal line: tab-separated, met as yes, no or n/a. */
    String tsvLine() {
        return name + "\t" + target + "\t" + measured + "\t" + met.tsv;
    }
}
