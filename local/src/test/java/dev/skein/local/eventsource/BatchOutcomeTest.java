package dev.skein.local.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchOutcomeTest {
    private static final List<String> BATCH = List.of("s1", "s2", "s3", "s4");

    @Test
    void fromItemFailures_whenNullOrEmpty_isASuccess() {
        assertThat(BatchOutcome.fromItemFailures(null, BATCH).kind()).isEqualTo(BatchOutcome.Kind.SUCCESS);
        assertThat(BatchOutcome.fromItemFailures(List.of(), BATCH).kind()).isEqualTo(BatchOutcome.Kind.SUCCESS);
    }

    @Test
    void fromItemFailures_whenItemsAreListed_failsThoseInBatchOrder() {
        BatchOutcome outcome = BatchOutcome.fromItemFailures(List.of("s4", "s2"), BATCH);

        assertThat(outcome.kind()).isEqualTo(BatchOutcome.Kind.PARTIAL_FAILURE);
        assertThat(outcome.failedIndexes()).containsExactly(1, 3);
        assertThat(outcome.functionError()).isFalse();
        assertThat(outcome.reason()).isEqualTo("the handler reported 2 of 4 records as failed");
    }

    @Test
    void fromItemFailures_whenAnIdAppearsTwiceInTheBatch_failsBothPositions() {
        BatchOutcome outcome = BatchOutcome.fromItemFailures(List.of("m1"), List.of("m1", "m2", "m1"));

        assertThat(outcome.failedIndexes()).containsExactly(0, 2);
    }

    @Test
    void fromItemFailures_whenAnIdentifierIsNullEmptyOrUnknown_failsTheWholeBatch() {
        for (List<String> ids : List.of(Arrays.asList("s1", null), List.of(""), List.of("s9"))) {
            BatchOutcome outcome = BatchOutcome.fromItemFailures(ids, BATCH);

            assertThat(outcome.kind()).as("%s", ids).isEqualTo(BatchOutcome.Kind.FAILURE);
            assertThat(outcome.failedIndexes()).containsExactly(0, 1, 2, 3);
            assertThat(outcome.functionError()).isFalse();
        }
    }

    @Test
    void thrown_failsTheWholeBatchAsAFunctionErrorNamingOnlyTheType() {
        BatchOutcome outcome = BatchOutcome.thrown(new IllegalStateException("secret span name"), 2);

        assertThat(outcome.kind()).isEqualTo(BatchOutcome.Kind.FAILURE);
        assertThat(outcome.failedIndexes()).containsExactly(0, 1);
        assertThat(outcome.functionError()).isTrue();
        assertThat(outcome.reason()).isEqualTo("the handler threw java.lang.IllegalStateException");
    }
}
