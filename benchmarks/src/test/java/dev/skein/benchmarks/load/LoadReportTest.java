package dev.skein.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The part's main at tiny scale, as {@code mvn verify} runs it: skein-local and Zipkin's server
 * started, loaded and stopped once each. Asserts the section's structure, never its figures.
 */
class LoadReportTest {
    @TempDir
    Path dir;

    @Test
    void quick_writesTheSectionAndTheFreshnessGoal() throws Exception {
        LoadReport.Options options = LoadReport.parse(new String[] {"--quick", "--out", dir.resolve("x.md").toString()});
        // local's package phase builds the jar: there in mvn verify, not after mvn test alone.
        assumeThat(options.skeinJar()).as("build skein-local first (mvn package)").isRegularFile();

        LoadReport.run(options);

        String section = Files.readString(dir.resolve("x.md"));
        assertThat(section).startsWith("## Load: throughput and freshness")
                .contains("| run | server | format | spans/s", "skein-local", "zipkin-server", "OTLP protobuf",
                        "Zipkin v2 JSON", "### What bounds skein-local's figure", "| top frame | share |",
                        "| component (first non-JDK frame from the top) | share |");
        assertThat(Files.readAllLines(dir.resolve("x.md.goals.tsv")))
                .singleElement().satisfies(line -> assertThat(line.split("\t"))
                        .hasSize(4).startsWith(LoadReport.FRESHNESS_GOAL, "≤ 2 s"));
    }

    @Test
    void parse_defaults_andOptions() {
        LoadReport.Options d = LoadReport.parse(new String[] {"--out", "x.md"});
        LoadReport.Options o = LoadReport.parse(new String[] {"--out", "x.md", "--connections", "3", "--seconds", "7"});

        assertThat(d.connections()).isEqualTo(LoadReport.DEFAULT_CONNECTIONS);
        assertThat(d.seconds()).isEqualTo(LoadReport.DEFAULT_SECONDS);
        assertThat(d.plan()).hasSize(5);
        assertThat(o.connections()).isEqualTo(3);
        assertThat(o.seconds()).isEqualTo(7);
    }
}
