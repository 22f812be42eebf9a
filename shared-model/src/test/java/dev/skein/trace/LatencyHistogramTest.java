package dev.skein.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void percentiles_areWithinTenPercentOfTheTrueValue() {
        LatencyHistogram h = LatencyHistogram.empty();
        for (int ms = 1; ms <= 1000; ms++) h = h.plus(LatencyHistogram.of(ms * 1_000_000L));

        assertThat(h.percentileNanos(0.50) / 1e6).isBetween(450.0, 550.0);
        assertThat(h.percentileNanos(0.99) / 1e6).isBetween(891.0, 1089.0);
        assertThat(h.total()).isEqualTo(1000);
    }

    @Test
    void minus_undoesPlus_andClampsOutOfRangeDurations() {
        LatencyHistogram a = LatencyHistogram.of(5_000_000L);
        assertThat(a.plus(a).minus(a)).isEqualTo(a);
        assertThat(a.minus(a).isZero()).isTrue();
        assertThat(LatencyHistogram.bucketOf(0)).isZero();
        assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        assertThatThrownBy(() -> LatencyHistogram.fromBuckets(new int[] {200}, new long[] {1}))
                .hasMessageContaining("out of range");
    }
}
