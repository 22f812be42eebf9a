package dev.skein.functions.query.zipkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.http.BadParameterException;
import dev.skein.model.TraceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZipkinTraceIdsTest {
    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource({
            "463ac35c9f6413ad48485a3953bb6124, 463ac35c9f6413ad48485a3953bb6124",
            "48485a3953bb6124,                 48485a3953bb6124",
            "000000000000000048485a3953bb6124, 48485a3953bb6124",
            "abc,                              0000000000000abc",
            "ABC,                              0000000000000abc",
            "1463ac35c9f6413ad,                0000000000000001463ac35c9f6413ad",
            "' 48485a3953bb6124 ',             48485a3953bb6124"})
    void parse_padsAndNormalizesAsZipkin(String raw, String hex) {
        TraceId id = ZipkinTraceIds.parse(raw, "traceId");

        assertThat(ZipkinTraceIds.hex(id)).isEqualTo(hex);
    }

    @Test
    void parse_whenShortFormOfA128BitId_isTheSameId() {
        assertThat(ZipkinTraceIds.parse("0000000000000000000000000000abcd", "traceId"))
                .isEqualTo(ZipkinTraceIds.parse("abcd", "traceId"))
                .isEqualTo(new TraceId(0, 0xabcdL));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
            "''                                  | empty trace ID",
            "463ac35c9f6413ad48485a3953bb61240   | at most 32 hex digits, got 33",
            "463ac35c9f6413ad-8485a3953bb6124    | is not hex",
            "0x48485a3953bb6124                  | is not hex",
            "４８                                | is not hex",
            "00000000000000000000                | all zeros"})
    void parse_whenMalformed_namesTheParameter(String raw, String problem) {
        assertThatThrownBy(() -> ZipkinTraceIds.parse(raw, "traceId"))
                .isInstanceOfSatisfying(BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo("traceId"))
                .hasMessageContaining("traceId")
                .hasMessageContaining(problem);
    }

    @Test
    void parseList_readsDistinctIdsInOrder() {
        assertThat(ZipkinTraceIds.parseList("b,463ac35c9f6413ad48485a3953bb6124,a", "traceIds", 3)).containsExactly(
                new TraceId(0, 0xbL), new TraceId(0x463ac35c9f6413adL, 0x48485a3953bb6124L), new TraceId(0, 0xaL));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-                                    | traceIds is required",
            "48485a3953bb6124                     | needs at least two trace IDs; ask /api/v2/trace/48485a3953bb6124",
            "abc,0000000000000000000000000000abc  | names trace 0000000000000abc more than once",
            "abc,,def                             | empty trace ID",
            "abc,xyz                              | trace ID 'xyz' in traceIds is not hex",
            "a,b,c,d                              | traceIds holds 4 trace IDs; at most 3 per request"})
    void parseList_whenNotTwoOrMoreDistinctIds_refusesAsZipkinDoes(String raw, String problem) {
        assertThatThrownBy(() -> ZipkinTraceIds.parseList(raw, "traceIds", 3))
                .isInstanceOfSatisfying(BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo("traceIds"))
                .hasMessageContaining(problem);
    }
}
