package dev.skein.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
        "0, 0",
        "-0, 0",
        "+0, 0",
        "0s, 0",
        "1ns, 1",
        "20us, 20000",
        "20µs, 20000",
        "20μs, 20000",
        "100ms, 100000000",
        "1.5s, 1500000000",
        ".5s, 500000000",
        "1.s, 1000000000",
        "1m, 60000000000",
        "2h, 7200000000000",
        "1h30m, 5400000000000",
        "1.5ns, 1",
        "' 250ms ', 250000000",
        "2562047h47m16.854775807s, 9223372036854775807",
    })
    void parseNanos_goSyntax_isItsNanoseconds(String text, long nanos) {
        assertThat(GoDuration.parseNanos(text, "minDuration")).isEqualTo(nanos);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "10", "abc", "1x", "1d", "s", ".s", "1..5s", "1.2.3s", "1s2", "--1s", "ms1"})
    void parseNanos_whenNotAGoDuration_namesTheParameter(String text) {
        assertThatThrownBy(() -> GoDuration.parseNanos(text, "maxDuration"))
                .isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("maxDuration must be a duration such as 1.5s")
                .hasMessageContaining("'" + text + "'")
                .extracting(e -> ((BadParameterException) e).parameter()).isEqualTo("maxDuration");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-1s", "-0.5ms"})
    void parseNanos_whenNegative_isRefused(String text) {
        assertThatThrownBy(() -> GoDuration.parseNanos(text, "minDuration"))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("minDuration must not be negative, got '" + text + "'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2562048h", "9223372036854775808ns", "99999999999999999999h"})
    void parseNanos_beyond64BitsOfNanoseconds_isRefused(String text) {
        assertThatThrownBy(() -> GoDuration.parseNanos(text, "minDuration"))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("longer than 292 years");
    }
}
