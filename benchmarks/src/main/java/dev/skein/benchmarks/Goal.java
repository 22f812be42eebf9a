package dev.skein.benchmarks;

import java.util.Locale;

/**
 * One goal of a report beside what was measured: the goal lines of the performance report
 * ({@code name<TAB>target<TAB>measured<TAB>met}) and the goal checks of the printed tables.
 */
public record Goal(String name, String target, String measured, Met met) {
    public enum Met {
        YES("yes", "PASS"), NO("no", "MISS"), NOT_MEASURED("n/a", "NOT MEASURED");

        final String tsv;
        final String printed;

        Met(String tsv, String printed) {
            this.tsv = tsv;
            this.printed = printed;
        }

        /** As goal lines write it: yes, no or n/a. */
        public String tsv() {
            return tsv;
        }

        public static Met of(boolean met) {
            return met ? YES : NO;
        }

        /** In the performance page's goal tables: a miss stands out. */
        public String markdown() {
            return this == NO ? "**no**" : tsv;
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
    public String tsvLine() {
        return name + "\t" + target + "\t" + measured + "\t" + met.tsv;
    }

    /**
     * A goal line as {@link #tsvLine} writes it.
     *
     * @throws IllegalArgumentException for any other line: a goal must not vanish from the report unnoticed
     */
    public static Goal parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length == 4) {
            for (Met met : Met.values()) {
                if (met.tsv.equals(f[3])) return new Goal(f[0], f[1], f[2], met);
            }
        }
        throw new IllegalArgumentException("not a goal line (name, target, measured, yes|no|n/a): '" + line + "'");
    }
}
