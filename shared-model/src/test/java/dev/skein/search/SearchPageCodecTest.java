package dev.skein.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.codec.DecodeException;
import dev.skein.model.TraceId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchPageCodecTest {
    private static final TraceId ID = TraceId.fromHex("0af7651916cd43dd8448eb211c80319c");
    private static final long START = 1_795_600_000_000_000_000L;

    private static SearchRow row(SearchRow.ServiceEntry... services) {
        return new SearchRow(ID, START, START + 300_000_000L, 4, 1, "web", "GET /", List.of(services));
    }

    @Test
    void version2_roundTripsEventsMessagesBareKeysAndTheTruncatedMark() throws DecodeException {
        SearchRow.ServiceEntry web = new SearchRow.ServiceEntry("web", 0,
                List.of(new SearchRow.Operation("GET /", 300_000_000L, 300_000_000L, 0)),
                Map.of("http.route", List.of("/"), "ids", List.of()), List.of("cs", "cr"), List.of(), false, true);
        SearchRow.ServiceEntry db = new SearchRow.ServiceEntry("db", 1,
                List.of(new SearchRow.Operation("UPDATE", 2_000_000L, 9_000_000L, 1)),
                Map.of("db.system", List.of("postgresql", "mysql")), List.of(), List.of("deadlock", ""), true, true);
        SearchRow withRoot = row(db, web);
        SearchRow withoutRoot = new SearchRow(ID, START, START + 1, 1, 0, null, null, List.of(web));

        byte[] page = SearchPageCodec.write(List.of(withRoot, withoutRoot));

        assertThat(SearchPageCodec.read(page)).containsExactly(withRoot, withoutRoot);
        assertThat(new String(page, StandardCharsets.UTF_8)).startsWith("{\"v\":2,").contains("\"events\":[\"cs\",\"cr\"]")
                .contains("\"errorMessages\":[\"deadlock\",\"\"]");
    }

    @Test
    void tags_areWrittenSortedByKey_soARedeliveredBatchWritesTheSameBytes() {
        SearchRow.ServiceEntry e = new SearchRow.ServiceEntry("web", 0, List.of(),
                Map.of("zeta", List.of("1"), "alpha", List.of("2"), "mid", List.of("3")), List.of(), List.of(), false, true);

        String line = new String(SearchPageCodec.write(List.of(row(e))), StandardCharsets.UTF_8);

        assertThat(line).contains("\"tags\":{\"alpha\":[\"2\"],\"mid\":[\"3\"],\"zeta\":[\"1\"]}");
    }

    @Test
    void version1_isStillRead_andItsEntriesSayTheyKeptNoEvents() throws DecodeException {
        String v1 = "{\"v\":1,\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"start\":" + START + ",\"end\":"
                + (START + 10) + ",\"spans\":2,\"errors\":1,\"rootService\":\"web\",\"rootOperation\":\"GET /\","
                + "\"services\":[{\"name\":\"web\",\"errors\":1,\"ops\":[{\"name\":\"GET /\",\"min\":10,\"max\":10,"
                + "\"errors\":1}],\"tags\":{\"http.route\":[\"/\"]}}]}\n";

        SearchRow row = SearchPageCodec.read(v1.getBytes(StandardCharsets.UTF_8)).get(0);

        SearchRow.ServiceEntry web = row.services().get(0);
        assertThat(web.eventsRecorded()).isFalse();
        assertThat(web.tags()).containsEntry("http.route", List.of("/"));
        assertThat(web.operations()).containsExactly(new SearchRow.Operation("GET /", 10, 10, 1));
        assertThat(row.rootService()).isEqualTo("web");
        TraceQuery anyTime = TraceQuery.recent("acme", START, START + 10, 10);
        // A key the row lacks may be an event name, which version 1 did not keep: read the spans.
        assertThat(SearchMatcher.match(anyTime.withKeys(Set.of("cs")), row)).isEqualTo(SearchMatcher.Verdict.READ_SPANS);
        assertThat(SearchMatcher.match(anyTime.withKeys(Set.of("http.route")), row)).isEqualTo(SearchMatcher.Verdict.MATCH);
        assertThat(SearchMatcher.match(anyTime.withTags(Map.of("http.route", "/x")), row))
                .isEqualTo(SearchMatcher.Verdict.NO_MATCH);
    }

    @Test
    void rows_ofAnUnknownVersion_orWithout_areRefused() {
        assertThatThrownBy(() -> SearchPageCodec.read("{\"v\":3,\"traceId\":\"ab\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("version 3");
        assertThatThrownBy(() -> SearchPageCodec.read(
                "{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"services\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("without version");
    }

    @Test
    void eventNames_mustBeStrings() {
        String bad = "{\"v\":2,\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"services\":[{\"name\":\"web\","
                + "\"events\":[1]}]}";

        assertThatThrownBy(() -> SearchPageCodec.read(bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("VALUE_STRING");
    }
}
