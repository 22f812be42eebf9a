package dev.skein.benchmarks.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The part at --quick scale, as the performance report runs it, on DynamoDB Local: every row
 * measured and every answer right. Checks the section's structure, never a time.
 */
class TenancyLatencyReportTest {
    @TempDir
    Path dir;

    @Test
    void run_quick_measuresEveryRowWithRightAnswersAndWritesTheSection() throws Exception {
        Path out = dir.resolve("x.md");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int status;
        try (PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            status = TenancyLatencyReport.run(new String[] {"--quick", "--out", out.toString()}, console);
        }

        assertThat(status).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("answers checked", "not DynamoDB");
        String section = Files.readString(out);
        assertThat(section).startsWith(TenancySection.HEADING + "\n")
                .contains("| authorizer: key in its cache (warm) |",
                        "| authorizer: cache miss, key read from the table |",
                        "| QuotaGate.admitSpans, in-memory ledger (the gate alone) |",
                        "| QuotaGate.admitSpans, ledger in the table (ingest) |",
                        "| QuotaGate.admitQuery, ledger in the table (query) |",
                        TenancyLatencyReport.QUICK_CALLS + " calls of each kind", "DynamoDB Local, not DynamoDB");
        assertThat(Files.readString(Path.of(out + ".goals.tsv"))).isEmpty();
    }

    @Test
    void run_withAnUnknownOption_isRefusedBeforeMeasuring() throws Exception {
        assertThat(TenancyLatencyReport.run(new String[] {"--fast"}, System.out)).isEqualTo(2);
        assertThat(TenancyLatencyReport.run(new String[] {"--calls", "0"}, System.out)).isEqualTo(2);
    }
}
