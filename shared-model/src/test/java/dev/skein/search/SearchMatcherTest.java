package dev.skein.search;

import static dev.skein.search.SearchMatcher.Verdict.MATCH;
import static dev.skein.search.SearchMatcher.Verdict.NO_MATCH;
import static dev.skein.search.SearchMatcher.Verdict.READ_SPANS;
import static dev.skein.search.SearchRowsTest.failed;
import static dev.skein.search.SearchRowsTest.withEvents;
import static dev.skein.storage.TraceBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.storage.TraceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SearchMatcherTest {
    private static final long START_MILLIS = 1_795_600_000_000L;
    private static final long START = START_MILLIS * 1_000_000L;
    private static final long MS = 1_000_000L;
    private static final TraceQuery ANY = TraceQuery.recent("acme", START, START + 3_600_000_000_000L, 10);
    /** A frontend calling a backend that fails, with tags, annotations and a remote service. */
    private static final List<Span> TRACE = trace();

    private static List<Span> trace() {
        TraceBuilder t = TraceBuilder.trace(START_MILLIS);
        Span home = withEvents(t.span(1, 0, "frontend", "GET /Home", SpanKind.SERVER, 0, 300,
                attr("http.method", "GET"), attr("local", "web")), "web");
        Span call = t.span(2, 1, "frontend", "call", SpanKind.CLIENT, 10, 250, attr("peer.service", "Backend"));
        Span query = failed(withEvents(t.span(3, 2, "backend", "Query", SpanKind.SERVER, 20, 100,
                attr("local", "app")), "app"), "timeout");
        Span zip = t.span(4, 3, "backend", "zip", SpanKind.INTERNAL, 30, 50, attr("lc", "archiver"));
        return List.of(home, call, query, zip);
    }

    static Stream<Arguments> queries() {
        TraceQuery frontend = ANY.withService("frontend");
        TraceQuery backend = ANY.withService("backend");
        return Stream.of(
                Arguments.of("no conditions", ANY, MATCH),
                Arguments.of("annotation of the service", frontend.withKeys(Set.of("web")), MATCH),
                Arguments.of("annotation of another service", backend.withKeys(Set.of("web")), NO_MATCH),
                Arguments.of("tag key alone", frontend.withKeys(Set.of("http.method")), MATCH),
                Arguments.of("resource key alone", backend.withKeys(Set.of("service.name")), MATCH),
                Arguments.of("tag of another service", frontend.withTags(Map.of("local", "app")), NO_MATCH),
                Arguments.of("annotation and tag AND-ed", frontend.withKeys(Set.of("web")).withTags(
                        Map.of("local", "web", "http.method", "GET")), MATCH),
                Arguments.of("one of the AND-ed tags missing", frontend.withTags(
                        Map.of("local", "web", "http.method", "POST")), NO_MATCH),
                Arguments.of("conditions met by different services' spans", ANY.withKeys(Set.of("web", "app")), MATCH),
                Arguments.of("key error met by an ERROR span", backend.withKeys(Set.of("error")), MATCH),
                Arguments.of("key error on a service without errors", frontend.withKeys(Set.of("error")), NO_MATCH),
                Arguments.of("tag error met by the status message", backend.withTags(Map.of("error", "timeout")), MATCH),
                Arguments.of("tag error with another message", backend.withTags(Map.of("error", "oom")), NO_MATCH),
                Arguments.of("remote service", frontend.withRemoteService("Backend"), MATCH),
                Arguments.of("remote service in another case", frontend.withRemoteService("backend"), NO_MATCH),
                Arguments.of("remote service ignoring case",
                        frontend.withRemoteService("BACKEND").ignoringNameCase(), MATCH),
                Arguments.of("remote service of another service", backend.withRemoteService("Backend"), NO_MATCH),
                Arguments.of("names in another case", ANY.withService("FRONTEND").withOperation("get /home"), NO_MATCH),
                Arguments.of("names ignoring case",
                        ANY.withService("FRONTEND").withOperation("get /home").ignoringNameCase(), MATCH),
                Arguments.of("operation without a service", ANY.withOperation("Query"), MATCH),
                Arguments.of("unknown operation without a service", ANY.withOperation("Insert"), NO_MATCH),
                Arguments.of("operation of another service", frontend.withOperation("Query"), NO_MATCH),
                Arguments.of("duration at both inclusive ends", backend.withDuration(100 * MS, 100 * MS), MATCH),
                Arguments.of("duration just above the longest", backend.withDuration(100 * MS + 1, 0), NO_MATCH),
                Arguments.of("maximum duration at the shortest", backend.withDuration(0, 50 * MS), MATCH),
                Arguments.of("maximum duration below the shortest", backend.withDuration(0, 50 * MS - 1), NO_MATCH),
                Arguments.of("operation and duration on the same span",
                        backend.withOperation("Query").withDuration(0, 50 * MS), NO_MATCH),
                Arguments.of("errors only, failing service", backend.withErrorsOnly(), MATCH),
                Arguments.of("errors only, healthy service", frontend.withErrorsOnly(), NO_MATCH),
                Arguments.of("window after the trace", TraceQuery.recent("acme", START + 301 * MS, START + 400 * MS, 10),
                        NO_MATCH),
                Arguments.of("window ending inside the trace", TraceQuery.recent("acme", START - 10 * MS, START + MS, 10),
                        MATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void rowAndSpans_agreeOnTheQuery(String name, TraceQuery q, SearchMatcher.Verdict expected) {
        SearchRow row = SearchRows.of(TRACE);

        assertThat(SearchMatcher.match(q, row)).isEqualTo(expected);
        assertThat(SearchMatcher.matches(q, TRACE)).isEqualTo(expected == MATCH);
    }

    @Test
    void durationRange_betweenAnOperationsShortestAndLongest_isSettledByTheSpans() {
        TraceBuilder t = TraceBuilder.trace(START_MILLIS);
        t.span(1, 0, "web", "poll", SpanKind.SERVER, 0, 10);
        t.span(2, 0, "web", "poll", SpanKind.SERVER, 20, 100);
        SearchRow row = SearchRows.of(t.spans());
        TraceQuery between = ANY.withService("web").withDuration(40 * MS, 60 * MS);

        assertThat(SearchMatcher.match(between, row)).isEqualTo(READ_SPANS);
        assertThat(SearchMatcher.matches(between, t.spans())).isFalse();
        t.span(3, 0, "web", "poll", SpanKind.SERVER, 30, 50);
        assertThat(SearchMatcher.matches(between, t.spans())).isTrue();
    }

    @Test
    void rowsOfOneTrace_merge_whenEachMeetsPartOfTheQuery() {
        TraceQuery q = ANY.withService("backend").withOperation("Query").withTags(Map.of("lc", "archiver"));
        SearchMatcher matcher = SearchMatcher.of(q);
        ConditionsMet first = matcher.evaluate(SearchRows.of(TRACE.subList(0, 3)));
        ConditionsMet late = matcher.evaluate(SearchRows.of(TRACE.subList(3, 4)));

        assertThat(first.verdict()).isEqualTo(NO_MATCH);
        assertThat(late.verdict()).isEqualTo(NO_MATCH);
        assertThat(first.merge(late).verdict()).isEqualTo(MATCH);
        assertThat(late.merge(first).verdict()).isEqualTo(MATCH);
    }

    @Test
    void aRowWithoutTheService_saysNothing() {
        SearchRow frontendOnly = SearchRows.of(TRACE.subList(0, 2));

        assertThat(SearchMatcher.of(ANY.withService("backend")).evaluate(frontendOnly)).isNull();
        assertThat(SearchMatcher.of(ANY.withService("frontend")).evaluate(frontendOnly)).isNotNull();
    }

    @Test
    void anErrorTagOnAVersion1Row_withFailedSpans_isSettledByTheSpans() {
        SearchRow v2 = SearchRows.of(TRACE);
        SearchRow v1 = new SearchRow(v2.traceId(), v2.startNanos(), v2.endNanos(), v2.spanCount(), v2.errorCount(),
                v2.rootService(), v2.rootOperation(), v2.services().stream().map(SearchRow.ServiceEntry::withoutEvents).toList());

        assertThat(SearchMatcher.match(ANY.withService("backend").withTags(Map.of("error", "timeout")), v1))
                .isEqualTo(READ_SPANS);
        assertThat(SearchMatcher.match(ANY.withService("frontend").withTags(Map.of("error", "timeout")), v1))
                .isEqualTo(NO_MATCH);
        // ERROR spans meet the key error without any message.
        assertThat(SearchMatcher.match(ANY.withService("backend").withKeys(Set.of("error")), v1)).isEqualTo(MATCH);
    }

    @Test
    void errorTag_isAlsoMetByAnAttributeNamedError() {
        TraceBuilder t = TraceBuilder.trace(START_MILLIS);
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 10, attr("error", "true"));
        TraceQuery q = ANY.withTags(Map.of("error", "true"));

        assertThat(SearchMatcher.match(q, SearchRows.of(t.spans()))).isEqualTo(MATCH);
        assertThat(SearchMatcher.matches(q, t.spans())).isTrue();
    }

    @Test
    void aLongServiceName_matchesUnderItsIndexedPrefix() {
        String longName = "s".repeat(300);
        TraceBuilder t = TraceBuilder.trace(START_MILLIS);
        t.span(1, 0, longName, "GET /", SpanKind.SERVER, 0, 10);
        TraceQuery q = ANY.withService(longName);

        assertThat(SearchMatcher.match(q, SearchRows.of(t.spans()))).isEqualTo(MATCH);
        assertThat(SearchMatcher.matches(q, t.spans())).isTrue();
    }
}
