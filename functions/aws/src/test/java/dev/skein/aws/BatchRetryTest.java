package dev.skein.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.storage.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class BatchRetryTest {
    private final FakeRetryClock clock = new FakeRetryClock();
    private final BatchRetry retry = new BatchRetry(
            new RetrySettings(4, Duration.ofMillis(10), Duration.ofMillis(40)), clock);
    private final List<List<String>> calls = new ArrayList<>();

    @Test
    void sendAll_whenSomeEntriesHandedBack_resendsOnlyThose() {
        retry.sendAll(List.of("a", "b", "c"), "entries", pending -> {
            calls.add(pending);
            return calls.size() == 1
                    ? new BatchRetry.Rejected<>(List.of("b"), "throttled")
                    : BatchRetry.Rejected.none();
        });

        assertThat(calls).containsExactly(List.of("a", "b", "c"), List.of("b"));
        assertThat(clock.sleeps()).hasSize(1);
        assertThat(clock.sleeps().get(0)).isLessThanOrEqualTo(Duration.ofMillis(10));
    }

    @Test
    void sendAll_whenEntriesStayRejected_givesUpAfterMaxAttempts() {
        assertThatThrownBy(() -> retry.sendAll(List.of("a", "b"), "items to table t", pending -> {
            calls.add(pending);
            return new BatchRetry.Rejected<>(List.of("a"), null);
        }))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("1 of 2 items to table t not written after 4 attempts");

        assertThat(calls).hasSize(4);
        assertThat(clock.sleeps()).hasSize(3).allSatisfy(
                sleep -> assertThat(sleep).isLessThanOrEqualTo(Duration.ofMillis(40)));
    }

    @Test
    void sendAll_whenCallFailsTransiently_retriesEverything() {
        retry.sendAll(List.of("a", "b"), "entries", pending -> {
            calls.add(pending);
            if (calls.size() == 1) {
                throw SdkClientException.create("connection reset");
            }
            return BatchRetry.Rejected.none();
        });

        assertThat(calls).containsExactly(List.of("a", "b"), List.of("a", "b"));
    }

    @Test
    void sendAll_whenCallFailsPermanently_givesUpAtOnce() {
        AwsServiceException missingTable = AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException")
                        .errorMessage("no table").build())
                .build();

        assertThatThrownBy(() -> retry.sendAll(List.of("a"), "entries", pending -> {
            calls.add(pending);
            throw missingTable;
        }))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("not retried")
                .hasCause(missingTable);
        assertThat(calls).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }
}
