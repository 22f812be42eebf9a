package dev.skein.functions.query.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.http.BadParameterException;
import dev.skein.model.TraceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JaegerTraceIdsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1, 0, 1",
        "abc, 0, abc",
        "00000000000000ab, 0, ab",
        "463ac35c9f6413ad, 0, 463ac35c9f6413ad",
        "463AC35C9F6413AD, 0, 463ac35c9f6413ad",
        "1463ac35c9f6413ad, 1, 463ac35c9f6413ad",
        "4bf92f3577b34da6a3ce929d0e0e4736, 4bf92f3577b34da6, a3ce929d0e0e4736",
        "00000000000000004bf92f3577b34da6, 0, 4bf92f3577b34da6",
    })
    void parse_oneTo32HexDigits_lastSixteenAreTheLowHalf(String text, String high, String low) {
        assertThat(JaegerTraceIds.parse(text, "traceID"))
                .isEqualTo(new TraceId(Long.parseUnsignedLong(high, 16), Long.parseUnsignedLong(low, 16)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"S/kvNXezTaajzpKdDg5HNg==", "S_kvNXezTaajzpKdDg5HNg", "S/kvNXezTaajzpKdDg5HNg"})
    void parse_sixteenBytesInBase64_isThe128BitId(String text) {
        assertThat(JaegerTraceIds.parse(text, "traceID"))
                .isEqualTo(new TraceId(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L));
    }

    @Test
    void parse_eightBytesInBase64_isThe64BitId() {
        assertThat(JaegerTraceIds.parse("Rjrs-XZBE60=", "traceID")).isEqualTo(new TraceId(0, 0x463aecf9764113adL));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "xyz!", "4bf92f3577b34da6a3ce929d0e0e47360", "0x1234", "-1", "+1", "12 34",
        "４bf92f3577b34da6"})
    void parse_whenNeitherHexNorIdBytes_namesTheParameter(String text) {
        assertThatThrownBy(() -> JaegerTraceIds.parse(text, "traceID"))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("traceID must be 1 to 32 hex digits (or the ID's bytes in base64), got '" + text + "'");
    }

    @Test
    void parse_zero_isRefused() {
        assertThatThrownBy(() -> JaegerTraceIds.parse("0000", "traceID"))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("traceID must not be zero");
    }

    @Test
    void format_64BitId_isSixteenDigitsAnd128BitIdThirtyTwo() {
        assertThat(JaegerTraceIds.format(new TraceId(0, 0xabL))).isEqualTo("00000000000000ab");
        assertThat(JaegerTraceIds.format(new TraceId(1, 0xabL))).isEqualTo("000000000000000100000000000000ab");
    }
}
