package dev.skein.search;

import static dev.skein.storage.TraceBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.codec.DecodeException;
import dev.skein.model.Attribute;
import dev.skein.model.SpanKind;
import dev.skein.storage.TraceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchRowsTest {
    private final TraceBuilder t = TraceBuilder.trace(1_795_600_000_000L);
    private final long start = 1_795_600_000_000L * 1_000_000L;
    private final TraceQuery anyTime = TraceQuery.recent("acme", start - 1, start + 3_600_000_000_000L, 10);

    @Test
    void row_overTheTagLimit_isMarkedTruncated_andSearchReadsTheSpans() {
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 10);
        for (int i = 0; i < SearchRows.MAX_TAG_VALUES + 10; i++) {
            t.span(10 + i, 1, "web", "step", SpanKind.INTERNAL, 1, 1, attr("item", "v" + i));
        }
        SearchRow row = SearchRows.of(t.spans());
        TraceQuery lastItem = anyTime.withService("web").withTags(Map.of("item", "v" + (SearchRows.MAX_TAG_VALUES + 5)));

        assertThat(row.services().get(0).tagsTruncated()).isTrue();
        assertThat(SearchMatcher.match(lastItem, row)).isEqualTo(SearchMatcher.Verdict.READ_SPANS);
        assertThat(SearchMatcher.matches(lastItem, t.spans())).isTrue();
        assertThat(SearchMatcher.matches(lastItem.withTags(Map.of("item", "nope")), t.spans())).isFalse();
        assertThat(SearchMatcher.match(anyTime.withService("web").withTags(Map.of("item", "v0")), row))
                .isEqualTo(SearchMatcher.Verdict.MATCH);
    }

    @Test
    void longValues_areLeftOutOfTheRow_andMarkIt() {
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 10, new Attribute[] {
            attr("sql", "x".repeat(SearchRows.MAX_TAG_VALUE_CHARS + 1)), attr("ok", "y")});
        SearchRow.ServiceEntry e = SearchRows.of(t.spans()).services().get(0);

        assertThat(e.tags()).containsKey("ok").doesNotContainKey("sql");
        assertThat(e.tagsTruncated()).isTrue();
    }

    @Test
    void page_roundTripsThroughItsCodec() throws DecodeException {
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 10, attr("http.route", "/"));
        t.failed(t.span(2, 1, "db", "SELECT", SpanKind.SERVER, 1, 5));
        SearchRow row = SearchRows.of(t.spans());

        assertThat(SearchPageCodec.read(SearchPageCodec.write(List.of(row, row)))).containsExactly(row, row);
        assertThatThrownBy(() -> SearchPageCodec.read("{\"v\":2,\"traceId\":\"ab\"}".getBytes()))
                .isInstanceOf(DecodeException.class).hasMessageContaining("version");
    }

    @Test
    void query_rejectsLimitsOutsideItsBounds() {
        assertThatThrownBy(() -> TraceQuery.recent("acme", 0, 1, TraceQuery.MAX_LIMIT + 1))
                .hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> TraceQuery.recent("acme", 2, 1, 10)).hasMessageContaining("before its start");
    }
}
