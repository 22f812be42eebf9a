package dev.skein.search;

import static dev.skein.storage.TraceBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanStatus;
import dev.skein.model.StatusCode;
import dev.skein.storage.TraceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void longValues_areLeftOutOfTheRow_butTheirKeyIsKept_andTheRowMarked() {
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 10, new Attribute[] {
            attr("sql", "x".repeat(SearchRows.MAX_TAG_VALUE_CHARS + 1)), attr("ok", "y")});
        SearchRow.ServiceEntry e = SearchRows.of(t.spans()).services().get(0);

        assertThat(e.tags()).containsEntry("ok", List.of("y")).containsEntry("sql", List.of());
        assertThat(e.tagsTruncated()).isTrue();
    }

    @Test
    void keysOfValuesSearchDoesNotCompare_areKeptWithoutValues() {
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 10,
                new Attribute("ids", new AnyValue.ArrayValue(List.of(new AnyValue.IntValue(1), new AnyValue.IntValue(2)))));
        SearchRow row = SearchRows.of(t.spans());

        assertThat(row.services().get(0).tags()).containsEntry("ids", List.of());
        assertThat(row.services().get(0).tagsTruncated()).isFalse();
        assertThat(SearchMatcher.match(anyTime.withKeys(Set.of("ids")), row)).isEqualTo(SearchMatcher.Verdict.MATCH);
    }

    @Test
    void row_keepsEventNamesAndTheMessagesOfFailedSpans_perService() {
        Span root = withEvents(t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 10), "cs", "cr", "cs");
        Span db = t.span(2, 1, "db", "SELECT", SpanKind.SERVER, 1, 5);
        Span failed = failed(t.span(3, 1, "db", "UPDATE", SpanKind.SERVER, 6, 2), "deadlock");
        Span quiet = failed(t.span(4, 1, "db", "UPDATE", SpanKind.SERVER, 8, 1), "");
        SearchRow row = SearchRows.of(List.of(root, db, failed, quiet));

        SearchRow.ServiceEntry dbEntry = row.services().get(0);
        SearchRow.ServiceEntry webEntry = row.services().get(1);
        assertThat(webEntry.events()).containsExactly("cs", "cr");
        assertThat(webEntry.errorMessages()).isEmpty();
        assertThat(dbEntry.events()).isEmpty();
        assertThat(dbEntry.errorMessages()).containsExactly("deadlock", "");
        assertThat(dbEntry.errorCount()).isEqualTo(2);
        assertThat(dbEntry.eventsRecorded()).isTrue();
        assertThat(dbEntry.tagsTruncated()).isFalse();
    }

    @Test
    void eventNames_shareTheValueBudget_andWhatDoesNotFitMarksTheRow() {
        // service.name takes one unit of the budget, the items all but one of the rest
        for (int i = 0; i < SearchRows.MAX_TAG_VALUES - 2; i++) {
            t.span(10 + i, 0, "web", "step", SpanKind.INTERNAL, 1, 1, attr("item", "v" + i));
        }
        Span last = withEvents(t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 10), "fits", "overflows");
        List<Span> spans = new ArrayList<>(t.spans());
        spans.set(spans.size() - 1, last);
        SearchRow row = SearchRows.of(spans);
        SearchRow.ServiceEntry e = row.services().get(0);

        assertThat(e.events()).containsExactly("fits");
        assertThat(e.tagsTruncated()).isTrue();
        assertThat(SearchMatcher.match(anyTime.withKeys(Set.of("fits")), row)).isEqualTo(SearchMatcher.Verdict.MATCH);
        assertThat(SearchMatcher.match(anyTime.withKeys(Set.of("overflows")), row))
                .isEqualTo(SearchMatcher.Verdict.READ_SPANS);
        assertThat(SearchMatcher.matches(anyTime.withKeys(Set.of("overflows")), spans)).isTrue();
    }

    @Test
    void longEventNamesAndMessages_areLeftOut_andMarkTheRow() {
        String tooLong = "e".repeat(SearchRows.MAX_TAG_VALUE_CHARS + 1);
        Span s = failed(withEvents(t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 10), tooLong), tooLong);
        SearchRow.ServiceEntry e = SearchRows.of(List.of(s)).services().get(0);

        assertThat(e.events()).isEmpty();
        assertThat(e.errorMessages()).isEmpty();
        assertThat(e.tagsTruncated()).isTrue();
    }

    @Test
    void query_rejectsLimitsOutsideItsBounds() {
        assertThatThrownBy(() -> TraceQuery.recent("acme", 0, 1, TraceQuery.MAX_LIMIT + 1))
                .hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> TraceQuery.recent("acme", 2, 1, 10)).hasMessageContaining("before its start");
    }

    static Span withEvents(Span s, String... names) {
        Span.Builder b = s.toBuilder();
        List<SpanEvent> events = new ArrayList<>();
        for (String n : names) events.add(new SpanEvent(s.startEpochNanos(), n, List.of(), 0));
        b.events = events;
        return b.build();
    }

    static Span failed(Span s, String message) {
        Span.Builder b = s.toBuilder();
        b.status = new SpanStatus(StatusCode.ERROR, message);
        return b.build();
    }
}
