package dev.skein.benchmarks.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The part at --quick scale, as the performance report runs it: JVMs on the functions' Lambda
 * jars (built before this module), the emulators behind one endpoint. Checks the section's
 * structure and goal lines, never a time.
 */
class ColdStartReportTest {

    @Test
    void main_quick_writesASectionPerFunctionAndBothGoals(@TempDir Path temp) throws Exception {
        Path out = temp.resolve("x.md");

        ColdStartReport.main(new String[] {"--quick", "--out", out.toString()});

        String section = Files.readString(out);
        assertThat(section).startsWith(ColdStartSection.HEADING + "\n")
                .contains("### ingest (`dev.skein.functions.ingest.IngestHandler`",
                        "### assembler (`dev.skein.functions.assembler.AssemblerHandler`",
                        "### finalizer (`dev.skein.functions.finalizer.FinalizerHandler`",
                        "### query (`dev.skein.functions.query.QueryHandler`",
                        "| construct (init), ms |", "| first invoke, ms |",
                        "| **cold start: total − empty handler's, ms** |",
                        "| classes loaded: function / empty handler |", "SnapStart");
        List<String[]> goals = Files.readAllLines(Path.of(out + ".goals.tsv")).stream()
                .map(l -> l.split("\t")).toList();
        assertThat(goals).hasSize(2).allSatisfy(g -> assertThat(g).hasSize(4));
        assertThat(goals.get(0)[0]).isEqualTo(ColdStartSection.INGEST_GOAL);
        assertThat(goals.get(0)[1]).isEqualTo("≤ 300 ms");
        assertThat(goals.get(0)[3]).isIn("yes", "no");
        assertThat(goals.get(1)).containsExactly(ColdStartSection.AUTHORIZER_GOAL, "≤ 300 ms",
                "no authorizer function yet", "n/a");
    }
}
