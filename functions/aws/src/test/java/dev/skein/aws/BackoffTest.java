package dev.skein.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1));

    @Test
    void ceiling_whenAttemptsFail_doublesFromBaseUntilTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void ceiling_whenAttemptIsHuge_staysAtTheCapWithoutOverflow() {
        assertThat(backoff.ceiling(40)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(64)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(65)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void ceiling_whenAttemptBelowOne_throws() {
        assertThatThrownBy(() -> backoff.ceiling(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void delay_whenUnitIsZero_retriesAtOnce() {
        assertThat(backoff.delay(3, 0.0)).isZero();
    }

    @Test
    void delay_whenUnitIsAlmostOne_isJustBelowTheCeiling() {
        assertThat(backoff.delay(3, Math.nextDown(1.0)))
                .isLessThan(Duration.ofMillis(200))
                .isGreaterThan(Duration.ofMillis(199));
    }

    @Test
    void delay_whenUnitIsHalf_isHalfTheCeiling() {
        assertThat(backoff.delay(2, 0.5)).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.delay(30, 0.5)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void delay_whenDrawnAtRandom_staysWithinZeroAndTheCappedCeiling() {
        Random random = new Random(42);
        for (int attempt = 1; attempt <= 20; attempt++) {
            for (int draw = 0; draw < 1_000; draw++) {
                Duration delay = backoff.delay(attempt, random.nextDouble());
                assertThat(delay).isBetween(Duration.ZERO, backoff.ceiling(attempt));
                assertThat(delay).isLessThanOrEqualTo(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void delay_whenUnitOutsideZeroToOne_throws() {
        assertThatThrownBy(() -> backoff.delay(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.delay(1, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.delay(1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
