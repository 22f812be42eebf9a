package dev.skein.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report part at --quick scale: structure only, never the figures. */
class CoreReportTest {
    @TempDir
    Path dir;

    @Test
    void run_quick_writesTheSectionAndTheIngestGoalLines() throws Exception {
        Path out = dir.resolve("x.md");

        int status = CoreReport.run(new String[] {"--quick", "--out", out.toString()});

        assertThat(status).isZero();
        String section = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(section).startsWith("## CPU cost of the core, per core\n")
                .contains("A `--quick` run", "### Ingest (`IngestBenchmarks`)",
                        "### Past the stream: assembler, finalizer, query", "records/s per core",
                        "| benchmark | spans/s per core | ± error | what it covers |",
                        "| goal | target | measured | met |", "where the time goes");
        for (String method : List.of("ingestOtlpProto", "ingestZipkinJsonGzip6", "baselineZipkin2Decode",
                "assembleBatch", "combineAndSummarize", "extractServiceGraph", "traceById")) {
            assertThat(section).contains("(`" + method + "`) | ");
        }
        assertThat(section).doesNotContain("**failed**");

        List<String> goals = Files.readAllLines(Path.of(out + ".goals.tsv"), StandardCharsets.UTF_8);
        assertThat(goals).extracting(line -> line.split("\t", -1)[0]).containsExactly(
                "ingest OTLP protobuf, spans/s per core", "ingest OTLP JSON, spans/s per core",
                "ingest Zipkin v2 JSON, spans/s per core", "ingest OTLP protobuf / protobuf-java parse",
                "ingest Zipkin v2 JSON / zipkin2 decode");
        assertThat(goals).allSatisfy(line -> {
            String[] f = line.split("\t", -1);
            assertThat(f).hasSize(4);
            assertThat(f[1]).startsWith("≥ ");
            assertThat(f[3]).isIn("yes", "no");
        });
    }

    @Test
    void run_withoutOut_refusesWithUsage() throws Exception {
        assertThat(CoreReport.run(new String[] {"--quick"})).isEqualTo(2);
        assertThat(CoreReport.run(new String[] {"--out", dir.resolve("y.md").toString(), "-i", "0"})).isEqualTo(2);
        assertThat(dir.resolve("y.md")).doesNotExist();
    }

    @Test
    void goalLine_isTabSeparated_notApplicableWhenUnmeasured_andMissedBelowTheTarget() {
        Goal missing = Goal.atLeast("g", 400_000, "%,.0f", null);
        Goal missed = Goal.atLeast("g", 400_000, "%,.0f", 399_999.6);

        assertThat(missing.tsvLine()).isEqualTo("g\t≥ 400,000\tnot measured: a benchmark behind it failed or"
                + " was not selected\tn/a");
        assertThat(missed.tsvLine()).isEqualTo("g\t≥ 400,000\t400,000\tno");
    }

    @Test
    void goalLine_readsBackAsWritten_andAnythingElseIsRefusedRatherThanDropped() {
        Goal missed = Goal.atLeast("g", 400_000, "%,.0f", 399_999.6);
        assertThat(Goal.parse(missed.tsvLine())).isEqualTo(missed);
        for (String bad : List.of("g\t≥ 1\t2", "g\t≥ 1\t2\tmaybe", "g\t≥ 1\t2\tyes\textra")) {
            assertThatThrownBy(() -> Goal.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a goal line");
        }
    }
}
