package dev.skein.benchmarks.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HarnessOptionsTest {
    @Test
    void parse_withoutArguments_givesTheDocumentedDefaults() {
        HarnessOptions o = HarnessOptions.parse();

        assertThat(o.traces).isEqualTo(100_000);
        assertThat(o.largeTraces).isEqualTo(20);
        assertThat(o.batchRecords).isEqualTo(100);
        assertThat(o.idLookups).isEqualTo(500);
        assertThat(o.largeIdLookups).isEqualTo(200);
        assertThat(o.searches).isEqualTo(200);
    }

    @Test
    void parse_everyOption_setsIt() {
        HarnessOptions o = HarnessOptions.parse("--traces", "300", "--large-traces", "0", "--hours", "2",
                "--loaders", "1", "--batch", "50", "--id-lookups", "7", "--large-id-lookups", "3", "--searches", "5",
                "--warmup", "0", "--seed", "9");

        assertThat(new long[] {o.traces, o.largeTraces, o.hours, o.loaders, o.batchRecords, o.idLookups,
                o.largeIdLookups, o.searches, o.warmup, o.seed}).containsExactly(300, 0, 2, 1, 50, 7, 3, 5, 0, 9);
    }

    @Test
    void parse_help_givesNull() {
        assertThat(HarnessOptions.parse("--help")).isNull();
    }

    @Test
    void parse_countBelowItsFloor_isRefusedNamingTheOption() {
        assertThatThrownBy(() -> HarnessOptions.parse("--traces", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--traces needs a whole number of at least 1, got '0'");
        assertThatThrownBy(() -> HarnessOptions.parse("--searches", "many"))
                .hasMessage("--searches needs a whole number of at least 1, got 'many'");
    }

    @Test
    void parse_unknownOrIncompleteOption_isRefused() {
        assertThatThrownBy(() -> HarnessOptions.parse("--spans", "3")).hasMessage("unknown option --spans");
        assertThatThrownBy(() -> HarnessOptions.parse("--traces")).hasMessage("option --traces needs a value");
    }

    @Test
    void parse_largeTracesNotFewerThanTraces_isRefused() {
        assertThatThrownBy(() -> HarnessOptions.parse("--traces", "10", "--large-traces", "11"))
                .hasMessage("--large-traces (11) cannot exceed --traces (10)");
        assertThatThrownBy(() -> HarnessOptions.parse("--traces", "10", "--large-traces", "10"))
                .hasMessage("--large-traces must leave some 30-span traces: --traces is 10");
    }
}
