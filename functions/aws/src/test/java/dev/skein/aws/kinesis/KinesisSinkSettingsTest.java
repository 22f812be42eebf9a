package dev.skein.aws.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KinesisSinkSettingsTest {

    @Test
    void defaults_whenNothingConfigured_matchTheIngestBudget() {
        KinesisSinkSettings settings = KinesisSinkSettings.defaults();

        assertThat(settings.deadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.baseBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void withDeadline_whenCalled_changesOnlyTheDeadline() {
        KinesisSinkSettings settings = KinesisSinkSettings.defaults()
                .withDeadline(Duration.ofSeconds(1));

        assertThat(settings).isEqualTo(new KinesisSinkSettings(Duration.ofSeconds(1),
                Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    @Test
    void constructor_whenBaseBackoffExceedsCap_throws() {
        assertThatThrownBy(() -> KinesisSinkSettings.defaults()
                .withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseBackoff");
    }

    @Test
    void constructor_whenADurationIsZeroOrNegative_namesIt() {
        assertThatThrownBy(() -> KinesisSinkSettings.defaults().withDeadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deadline");
        assertThatThrownBy(() -> KinesisSinkSettings.defaults()
                .withRetryAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retryAfter");
    }
}
