package dev.skein.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;

/**
 * The rows of a results table: benchmarks in groups, each row naming the method whose score it
 * shows and what that benchmark covers. Scores are spans/s (one JMH operation is one span).
 */
record ScoreTable(List<Group> groups) {
    /** Benchmarks shown together; a null heading shows the rows on their own. */
    record Group(String heading, String covers, List<Row> rows) {}

    record Row(String label, String method, String covers) {
        Row(String label, String method) {
            this(label, method, "");
        }
    }

    /** True when every row {@code settings} selected has a score. */
    boolean complete(JmhSettings settings, Map<String, Result<?>> scores) {
        for (Group g : groups) {
            for (Row r : g.rows) {
                if (settings.selects(r.method) && !scores.containsKey(r.method)) return false;
            }
        }
        return true;
    }

    /** The table in Markdown: benchmark, spans/s per core, ± error, what it covers. */
    String markdown(JmhSettings settings, Map<String, Result<?>> scores) {
        StringBuilder md = new StringBuilder();
        md.append("| benchmark | spans/s per core | ± error | what it covers |\n");
        md.append("|---|---:|---:|---|\n");
        for (Group g : groups) {
            if (g.heading != null) md.append("| **").append(g.heading).append("** | | | ").append(g.covers).append(" |\n");
            for (Row r : g.rows) {
                Result<?> score = scores.get(r.method);
                String label = r.label + " (`" + r.method + "`)";
                if (score == null) {
                    md.append("| ").append(label).append(" | ")
                            .append(settings.selects(r.method) ? "**failed**" : "not run").append(" | | ")
                            .append(r.covers).append(" |\n");
                } else {
                    md.append(String.format(Locale.ROOT, "| %s | %,.0f | %s | %s |%n", label, score.getScore(),
                            error(score), r.covers));
                }
            }
        }
        return md.toString();
    }

    /** JMH's 99.9% half-width, or n/a when one iteration gives no spread. */
    static String error(Result<?> score) {
        double e = score.getScoreError();
        return Double.isNaN(e) ? "n/a" : String.format(Locale.ROOT, "%,.0f", e);
    }
}
