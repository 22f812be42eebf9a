package dev.skein.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "7ns, 7",
        "20us, 20000",
        "20µs, 20000",
        "1.5ms, 1500000",
        "300ms, 300000000",
        "1.5s, 1500000000",
        "2h45m, 9900000000000",
        "1m30s, 90000000000",
        ".5s, 500000000",
    })
    void goDurations_parse(String text, long nanos) {
        assertThat(Durations.parseNanos("minDuration", text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "-1s", "+1s", "1x", "ms", "1..5s", "1s2", "9999999999h"})
    void anythingElse_isRefusedNamingTheParameter(String text) {
        assertThatThrownBy(() -> Durations.parseNanos("maxDuration", text))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("maxDuration");
    }
}
