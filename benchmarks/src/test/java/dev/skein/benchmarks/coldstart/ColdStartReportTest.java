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
    void main_quick_writesASectionPerFunctionAndBothGoalsMeasured(@TempDir Path temp) throws Exception {
        Path out = temp.resolve("x.md");

        ColdStartReport.main(new String[] {"--quick", "--out", out.toString()});

        String section = Files.readString(out);
        assertThat(section).startsWith(ColdStartSection.HEADING + "\n")
                .contains("### ingest (`dev.skein.functions.ingest.IngestHandler`",
                        "### assembler (`dev.skein.functions.assembler.AssemblerHandler`",
                        "### finalizer (`dev.skein.functions.finalizer.FinalizerHandler`",
                        "### query (`dev.skein.functions.query.QueryHandler`",
                        "### authorizer (`dev.skein.functions.authorizer.AuthorizerHandler`",
                        "| construct (init), ms |", "| first invoke, ms |",
                        "| **cold start: total − empty handler's, ms** |",
                        "| classes loaded: function / empty handler |", "SnapStart");
        List<String[]> goals = Files.readAllLines(Path.of(out + ".goals.tsv")).stream()
                .map(l -> l.split("\t")).toList();
        assertThat(goals).hasSize(2).allSatisfy(g -> assertThat(g).hasSize(4));
        assertThat(goals.get(0)[0]).isEqualTo(ColdStartSection.INGEST_GOAL);
        assertThat(goals.get(0)[1]).isEqualTo("≤ 300 ms");
        assertThat(goals.get(0)[3]).isIn("yes", "no");
        // Measured at all means the authorizer let the key through: a refusal fails the run.
        assertThat(goals.get(1)[0]).isEqualTo(ColdStartSection.AUTHORIZER_GOAL);
        assertThat(goals.get(1)[2]).contains("ms (median of 1");
        assertThat(goals.get(1)[3]).isIn("yes", "no");
    }
}
