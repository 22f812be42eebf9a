package dev.skein.local.eventsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The settings hold Lambda's limits, so what runs locally can be deployed unchanged. */
class EventSourceSettingsTest {
    private static final String QUEUE = "http://127.0.0.1:9324/000000000000/timers";

    @Test
    void kinesisDefaults_areLambdasExceptForRetries() {
        KinesisEventSourceSettings s = KinesisEventSourceSettings.defaults("spans");

        assertThat(s.batchSize()).isEqualTo(100);
        assertThat(s.maxBatchingWindow()).isZero();
        assertThat(s.maxRetryAttempts()).isEqualTo(3);
        assertThat(s.startingPosition()).isEqualTo(StartingPosition.TRIM_HORIZON);
    }

    @Test
    void kinesisSettings_whenOutsideLambdasLimits_areRejected() {
        KinesisEventSourceSettings s = KinesisEventSourceSettings.defaults("spans");

        assertThatThrownBy(() -> s.withBatchSize(10_001)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> s.withBatchSize(0)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> s.withMaxBatchingWindow(Duration.ofSeconds(301)))
                .hasMessageContaining("maxBatchingWindow");
        assertThatThrownBy(() -> s.withMaxRetryAttempts(-2)).hasMessageContaining("maxRetryAttempts");
        assertThatThrownBy(() -> s.withMaxRetryAttempts(10_001)).hasMessageContaining("maxRetryAttempts");
        assertThat(s.withMaxRetryAttempts(-1).maxRetryAttempts()).isEqualTo(-1);
        assertThat(s.withBatchSize(10_000).batchSize()).isEqualTo(10_000);
    }

    @Test
    void sqsSettings_whenTheBatchSizeIsOver10WithoutAWindow_areRejectedAsInLambda() {
        SqsEventSourceSettings s = SqsEventSourceSettings.defaults(QUEUE);

        assertThatThrownBy(() -> s.withBatching(11, Duration.ZERO))
                .hasMessageContaining("batching window of at least 1 s");
        assertThat(s.withBatching(10_000, Duration.ofSeconds(1)).batchSize()).isEqualTo(10_000);
        assertThatThrownBy(() -> s.withBatching(10_001, Duration.ofSeconds(1)))
                .hasMessageContaining("batchSize");
    }

    @Test
    void sqsSettings_whenFifo_allowAtMost10AndNoWindow() {
        SqsEventSourceSettings s = SqsEventSourceSettings.defaults(QUEUE + ".fifo");

        assertThatThrownBy(() -> s.withBatching(11, Duration.ofSeconds(1))).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> s.withBatching(10, Duration.ofSeconds(1)))
                .hasMessageContaining("FIFO queues take no batching window");
    }

    @Test
    void sqsSettings_whenTimesAreNotWholeSecondsOrTooLong_areRejected() {
        SqsEventSourceSettings s = SqsEventSourceSettings.defaults(QUEUE);

        assertThatThrownBy(() -> s.withWaitTime(Duration.ofMillis(1500))).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> s.withWaitTime(Duration.ofSeconds(21))).hasMessageContaining("waitTime");
        assertThatThrownBy(() -> s.withVisibilityTimeout(Duration.ofHours(13)))
                .hasMessageContaining("visibilityTimeout");
    }
}
