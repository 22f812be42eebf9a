package dev.skein.benchmarks.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The harness end to end at tiny scale, on the emulators (or {@code SKEIN_AWS_ENDPOINT}): it
 * stores every trace, measures every kind of lookup the requested number of times and prints
 * the figures, and every trace it looked up came back with the spans it was stored with. No
 * timing is asserted.
 */
class QueryLatencyHarnessIT {
    @Test
    void run_atTinyScale_printsEveryFigureAndEveryAnswerHoldsItsStoredSpans() throws Exception {
        HarnessOptions options = HarnessOptions.parse("--traces", "300", "--large-traces", "2", "--hours", "2",
                "--loaders", "2", "--id-lookups", "15", "--large-id-lookups", "4", "--searches", "3", "--warmup", "2");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        QueryLatencyHarness.Report report;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            report = QueryLatencyHarness.run(options, out);
        }

        LoadedTraces stored = report.load().traces();
        assertThat(stored.count()).isEqualTo(300);
        assertThat(stored.totalSpans()).isEqualTo(298L * 30 + 2L * 1000);
        assertThat(report.load().records()).isEqualTo(298L * 5 + 2L * 8);
        assertThat(report.timersDiscarded()).isEqualTo(300);
        assertThat(report.outcomes()).extracting(QueryScenarios.Outcome::label).containsExactly(
                "trace by ID, 30 spans", "trace by ID, 1,000 spans",
                "search: service", "search: service + operation",
                "search: service + tag http.response.status_code=500",
                "searchSummaries: service", "searchSummaries: service + operation",
                "searchSummaries: service + tag http.response.status_code=500");
        assertThat(report.outcomes()).extracting(QueryScenarios.Outcome::count)
                .containsExactly(15, 4, 3, 3, 3, 3, 3, 3);
        // Every lookup by ID, warm-up included, answered its trace, with the stored span count.
        assertThat(report.outcomes().get(0).checked()).isEqualTo(17);
        assertThat(report.outcomes().get(1).checked()).isEqualTo(6);
        assertThat(report.outcomes()).allSatisfy(o -> {
            assertThat(o.problems()).as(o.label()).isEmpty();
            assertThat(o.latency().percentileMillis(50)).as(o.label()).isPositive();
        });
        assertThat(report.outcomes().get(2).hits()).as("a service alone is in every hour").isEqualTo(3L * 20);
        assertThat(report.problemCount()).isZero();

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("CPUs", "JDK ")
                .containsPattern("load: 300 traces, 10,940 spans in [0-9.]+ s: [0-9,]+ traces/s, [0-9,]+ spans/s")
                .contains("finalize timers: 300 scheduled and discarded")
                .containsPattern("lookup +count +p50 +p90 +p99 +max")
                .containsPattern("trace by ID, 30 spans +15 +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+")
                .contains("came back with the spans they were stored with");
    }
}
