package dev.skein.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPacingTest {
    private static final long T0 = 1_795_003_140_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void tick_whenTheRateIsBelowOnePerTick_carriesTheFractionToTheNextTick() {
        RequestPacing pacing = new RequestPacing(2, T0);

        assertThat(pacing.tick(T0 + 250 * MS)).isEmpty();
        assertThat(pacing.tick(T0 + 500 * MS)).containsExactly(T0 + 250 * MS);
        assertThat(pacing.tick(T0 + 750 * MS)).isEmpty();
        assertThat(pacing.tick(T0 + 1_000 * MS)).containsExactly(T0 + 750 * MS);
    }

    @Test
    void tick_spreadsTheDueRequestsEvenlyOverTheTimeSinceTheLastTick() {
        RequestPacing pacing = new RequestPacing(20, T0);

        assertThat(pacing.tick(T0 + 250 * MS)).containsExactly(T0, T0 + 50 * MS, T0 + 100 * MS, T0 + 150 * MS,
                T0 + 200 * MS);
    }

    @Test
    void tick_afterALongGap_makesUpForOneSecondAtMost() {
        RequestPacing pacing = new RequestPacing(100, T0);

        long[] starts = pacing.tick(T0 + 3_600_000 * MS);

        assertThat(starts).hasSize(100);
        assertThat(starts[0]).isEqualTo(T0 + 3_599_000 * MS);
    }

    @Test
    void tick_whenTheClockWasSetBack_owesNothingAndGoesOnFromThere() {
        RequestPacing pacing = new RequestPacing(4, T0);

        assertThat(pacing.tick(T0 - 3_600_000 * MS)).isEmpty();
        assertThat(pacing.tick(T0 - 3_599_750 * MS)).containsExactly(T0 - 3_600_000 * MS);
    }

    @Test
    void restartAt_dropsWhatWasDue() {
        RequestPacing pacing = new RequestPacing(2, T0);
        pacing.tick(T0 + 400 * MS);

        pacing.restartAt(T0 + 60_000 * MS);

        assertThat(pacing.tick(T0 + 60_250 * MS)).isEmpty();
        assertThat(pacing.tick(T0 + 60_500 * MS)).hasSize(1);
    }
}
