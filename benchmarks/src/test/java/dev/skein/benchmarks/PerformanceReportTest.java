package dev.skein.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceReportTest {
    @TempDir
    Path dir;

    /** A part that measured: its section and two goal lines, one met and one missed. */
    public static final class MeasuringPart {
        public static void main(String[] args) throws Exception {
            Path out = Path.of(args[1]);
            Files.writeString(out, "## Fake part\n\nquick=" + (args.length > 2) + "\n");
            Files.writeString(Path.of(out + ".goals.tsv"), "fast enough\t≤ 1 s\t0.5 s\tyes\ncheap enough\t≤ $1\t$2\tno\n");
            System.out.println("measured");
        }
    }

    /** A part that could not run. */
    public static final class FailingPart {
        public static void main(String[] args) {
            System.out.println("the emulator would not start");
            System.exit(3);
        }
    }

    @Test
    void run_withAPartThatMeasuredAndOneThatFailed_writesBothAndReportsTheFailure() throws Exception {
        Path out = dir.resolve("performance.md");
        boolean allRan = PerformanceReport.run(List.of(
                new PerformanceReport.Part("measuring", MeasuringPart.class.getName(), List.of()),
                new PerformanceReport.Part("failing", FailingPart.class.getName(), List.of())),
                true, out, dir.resolve("work"));

        assertThat(allRan).isFalse();
        String doc = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(doc)
                .contains("# Skein's performance and cost", "This is a `--quick` run")
                .contains("| fast enough | ≤ 1 s | 0.5 s | yes |", "| cheap enough | ≤ $1 | $2 | **no** |")
                .contains("## Fake part", "quick=true")
                .contains("| failing: every goal | | the part failed to run | **no** |")
                .contains("## failing: failed", "exited with 3", "the emulator would not start")
                .contains("| measuring |", "| cores |", "| JVM |");
        assertThat(doc.indexOf("## Goals")).isLessThan(doc.indexOf("## Fake part"));
    }

    @Test
    void run_whenEveryPartRan_saysSo() throws Exception {
        boolean allRan = PerformanceReport.run(List.of(
                new PerformanceReport.Part("measuring", MeasuringPart.class.getName(), List.of())),
                false, dir.resolve("p.md"), dir.resolve("work"));

        assertThat(allRan).isTrue();
        assertThat(Files.readString(dir.resolve("p.md"))).doesNotContain("--quick` run").contains("quick=false");
    }

    @Test
    void parts_eachNamesAMainClassOfThisModule() throws Exception {
        for (PerformanceReport.Part part : PerformanceReport.PARTS) {
            assertThat(Class.forName(part.mainClass()).getMethod("main", String[].class)).as(part.name()).isNotNull();
        }
    }

    @Test
    void minutes_readsAsSecondsOrMinutes() {
        assertThat(PerformanceReport.minutes(java.time.Duration.ofMillis(41_400))).isEqualTo("41 s");
        assertThat(PerformanceReport.minutes(java.time.Duration.ofSeconds(605))).isEqualTo("10 min 05 s");
    }
}
