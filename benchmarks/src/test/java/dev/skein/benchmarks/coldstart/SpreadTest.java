package dev.skein.benchmarks.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void ofNanos_withAnOddCount_takesTheMiddleFigureInMillis() {
        Spread s = Spread.ofNanos(List.of(30_000_000L, 10_000_000L, 20_000_000L, 90_000_000L, 40_000_000L));

        assertThat(s).isEqualTo(new Spread(30, 10, 90));
        assertThat(s.median()).isEqualTo("30");
        assertThat(s.range()).isEqualTo("10–90");
    }

    @Test
    void ofNanos_withAnEvenCount_takesTheMeanOfTheMiddleTwo() {
        assertThat(Spread.ofNanos(List.of(4_000_000L, 1_000_000L, 2_000_000L, 100_000_000L)).medianMillis())
                .isEqualTo(3.0);
    }

    @Test
    void ofNanos_keepsNegativeDifferences() {
        assertThat(Spread.ofNanos(List.of(-5_000_000L, 7_000_000L, 1_000_000L))).isEqualTo(new Spread(1, -5, 7));
    }

    @Test
    void range_ofOneRun_isThatFigure() {
        assertThat(Spread.ofNanos(List.of(12_400_000L)).range()).isEqualTo("12");
    }

    @Test
    void ofNanos_withoutRuns_refuses() {
        assertThatThrownBy(() -> Spread.ofNanos(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
