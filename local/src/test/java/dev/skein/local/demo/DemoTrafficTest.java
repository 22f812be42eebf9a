package dev.skein.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoTrafficTest {
    @Test
    void parseRate_whenAPositiveNumberUpToTheMaximum_takesIt() {
        assertThat(DemoTraffic.parseRate("5", "--demo-rate")).isEqualTo(5);
        assertThat(DemoTraffic.parseRate("0.5", "--demo-rate")).isEqualTo(0.5);
        assertThat(DemoTraffic.parseRate("100", "--demo-rate")).isEqualTo(DemoTraffic.MAX_REQUESTS_PER_SECOND);
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {"0", "-1", "100.5", "NaN", "Infinity", "fast", ""})
    void parseRate_whenNotARateItCanKeep_saysWhatItTakes(String value) {
        assertThatThrownBy(() -> DemoTraffic.parseRate(value, "--demo-rate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--demo-rate must be requests (traces) per second, more than 0 and at most 100, got '"
                        + value + "'");
    }
}
