package dev.skein.benchmarks.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaunchResultTest {

    @Test
    void parse_theLaunchersLine_readsBothTimesAndTheWholeAnswer() {
        String line = ColdStartLauncher.RESULT_PREFIX + "\t412000000\t95000000\tSQSBatchResponse(batchItemFailures=[])";

        assertThat(LaunchResult.parse(line, 1_200_000_000L)).contains(
                new LaunchResult(412_000_000L, 95_000_000L, 1_200_000_000L, "SQSBatchResponse(batchItemFailures=[])"));
    }

    @Test
    void parse_anAnswerWithTabs_keepsThemInTheAnswer() {
        assertThat(LaunchResult.parse(ColdStartLauncher.RESULT_PREFIX + "\t1\t2\ta\tb", 3))
                .hasValueSatisfying(r -> assertThat(r.response()).isEqualTo("a\tb"));
    }

    @Test
    void parse_aStreamHandlerThatWroteNothing_hasAnEmptyAnswer() {
        assertThat(LaunchResult.parse(ColdStartLauncher.RESULT_PREFIX + "\t1\t2\t", 3))
                .hasValueSatisfying(r -> assertThat(r.response()).isEmpty());
    }

    @Test
    void parse_whatTheFunctionLogged_isNotAResult() {
        assertThat(LaunchResult.parse("{\"event\":\"finalize\",\"timers\":10}", 1)).isEmpty();
        assertThat(LaunchResult.parse(ColdStartLauncher.RESULT_PREFIX + " but not tab-separated", 1)).isEmpty();
    }

    @Test
    void parse_aResultLineWithoutNumbers_refuses() {
        assertThatThrownBy(() -> LaunchResult.parse(ColdStartLauncher.RESULT_PREFIX + "\tsoon\t2\tnull", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("soon");
    }
}
