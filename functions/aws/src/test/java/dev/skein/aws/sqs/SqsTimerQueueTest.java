package dev.skein.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SqsTimerQueueTest {

    @Test
    void delaySeconds_roundsUpAndClampsToWhatSqsAccepts() {
        assertThat(SqsTimerQueue.delaySeconds(Duration.ZERO)).isZero();
        assertThat(SqsTimerQueue.delaySeconds(Duration.ofMillis(-5))).isZero();
        assertThat(SqsTimerQueue.delaySeconds(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(SqsTimerQueue.delaySeconds(Duration.ofSeconds(30))).isEqualTo(30);
        assertThat(SqsTimerQueue.delaySeconds(Duration.ofMillis(30_001))).isEqualTo(31);
        assertThat(SqsTimerQueue.delaySeconds(Duration.ofMinutes(15))).isEqualTo(900);
        assertThat(SqsTimerQueue.delaySeconds(Duration.ofHours(2))).isEqualTo(900);
    }
}
