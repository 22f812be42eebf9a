package dev.skein.benchmarks.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencySamplesTest {
    @Test
    void percentiles_ofOneToAHundredMilliseconds_areTheNearestRanks() {
        LatencySamples samples = new LatencySamples();
        for (int ms = 100; ms >= 1; ms--) samples.add(ms * 1_000_000L); // any order

        assertThat(samples.count()).isEqualTo(100);
        assertThat(samples.percentileMillis(50)).isEqualTo(50.0);
        assertThat(samples.percentileMillis(90)).isEqualTo(90.0);
        assertThat(samples.percentileMillis(99)).isEqualTo(99.0);
        assertThat(samples.maxMillis()).isEqualTo(100.0);
    }

    @Test
    void percentiles_ofFewSamples_roundTheRankUp() {
        LatencySamples samples = new LatencySamples();
        samples.add(3_000_000);
        samples.add(1_000_000);
        samples.add(2_000_000);

        assertThat(samples.percentileMillis(50)).isEqualTo(2.0);
        assertThat(samples.percentileMillis(99)).isEqualTo(3.0);
        assertThat(samples.percentileMillis(0)).isEqualTo(1.0);
    }

    @Test
    void percentile_withoutSamples_isRefused() {
        assertThatThrownBy(() -> new LatencySamples().percentileMillis(50)).isInstanceOf(IllegalStateException.class);
    }
}
