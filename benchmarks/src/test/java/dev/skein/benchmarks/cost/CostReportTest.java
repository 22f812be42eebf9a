package dev.skein.benchmarks.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the part at --quick scale in a child JVM (it ends with System.exit) and checks what it wrote. */
class CostReportTest {
    @TempDir
    Path dir;

    @Test
    void main_quick_writesTheSectionAndItsGoalLine() throws Exception {
        Path out = dir.resolve("x.md");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CostReport.class.getName(), "--quick", "--out",
                out.toString())
                .directory(Path.of("..").toFile()) // the repository, where the Kinesis emulator is installed
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile())
                .start();

        assertThat(p.waitFor()).as(Files.readString(dir.resolve("log.txt"))).isZero();
        String section = Files.readString(out);
        assertThat(section).startsWith(CostReport.HEADING)
                .contains("### Units per span", "### Prices", "### Cost per million spans", "### Goal",
                        "X-Ray for the same traffic");
        List<String> goals = Files.readAllLines(Path.of(out + ".goals.tsv"));
        assertThat(goals).hasSize(1);
        assertThat(goals.get(0).split("\t")).hasSize(4)
                .satisfies(f -> assertThat(f[0]).isEqualTo(CostReport.GOAL_NAME))
                .satisfies(f -> assertThat(f[3]).isIn("yes", "no"));
    }
}
