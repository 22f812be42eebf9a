package dev.skein.query;

import static dev.skein.storage.TraceBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.assembly.PipelineSettings;
import dev.skein.codec.DecodeException;
import dev.skein.codec.GzipMemberWriter;
import dev.skein.ingest.BoundedGzip;
import dev.skein.ingest.PayloadTooLargeException;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.TraceId;
import dev.skein.search.SearchPageCodec;
import dev.skein.search.SearchRow;
import dev.skein.search.TraceQuery;
import dev.skein.storage.SearchPageRef;
import dev.skein.storage.TraceBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Search over traces stored by the real assembler, in the cases Zipkin's and Jaeger's storage
 * tests hold every backend to.
 */
class TraceReaderSearchTest {
    private static final String TENANT = "acme";
    private static final long MS = 1_000_000L;
    private static final long HOUR = 3_600_000_000_000L;

    private final Instant now = Instant.parse("2026-11-25T10:30:00Z");
    private final StoredTraces stored = new StoredTraces(now);
    private final TraceReader reader = new TraceReader(stored.storage(), stored.storage(), PipelineSettings.DEFAULTS);
    /** Traces start around a minute before now. */
    private final long t0 = now.toEpochMilli() - 60_000;
    private final TraceQuery lastHour = TraceQuery.recent(TENANT, nanos(now.toEpochMilli()) - HOUR,
            nanos(now.toEpochMilli()), 10);

    @AfterEach
    void close() {
        stored.close();
    }

    @Test
    void names_matchRegardlessOfCase_underEverySpellingStored() {
        TraceBuilder upper = TraceBuilder.trace(t0);
        upper.span(1, 0, "Frontend", "GET /Home", SpanKind.SERVER, 0, 10);
        TraceBuilder lower = TraceBuilder.trace(t0 + 1);
        lower.span(1, 0, "frontend", "get /home", SpanKind.SERVER, 0, 10);
        TraceBuilder other = TraceBuilder.trace(t0 + 2);
        other.span(1, 0, "frontend-admin", "GET /Home", SpanKind.SERVER, 0, 10);
        store(upper, lower, other);
        TraceQuery home = lastHour.withService("FRONTEND").withOperation("get /HOME");

        assertThat(found(home.ignoringNameCase())).containsExactly(lower.id(), upper.id());
        assertThat(found(home)).isEmpty();
        assertThat(found(lastHour.withService("frontend").withOperation("get /home"))).containsExactly(lower.id());
        assertThat(found(lastHour.withOperation("GET /HOME").ignoringNameCase()))
                .containsExactly(other.id(), lower.id(), upper.id());
    }

    @Test
    void annotationsAndTags_areScopedToTheServiceThatRecordedThem() {
        TraceBuilder t1 = TraceBuilder.trace(t0);
        Span web = withEvent(t1.span(1, 0, "frontend", "1", SpanKind.CLIENT, 0, 3,
                attr("local", "web"), attr("web-b", "web")), "web");
        Span webServer = t1.span(2, 1, "backend", "1", SpanKind.SERVER, 1, 1);
        TraceBuilder t2 = TraceBuilder.trace(t0 + 10);
        Span app = withEvent(t2.span(1, 0, "backend", "2", SpanKind.CLIENT, 0, 3,
                attr("local", "app"), attr("app-b", "app")), "app");
        Span appServer = t2.span(2, 1, "frontend", "2", SpanKind.SERVER, 1, 1);
        stored.store(TENANT, List.of(web, webServer));
        stored.store(TENANT, List.of(app, appServer));
        TraceQuery frontend = lastHour.withService("frontend");
        TraceQuery backend = lastHour.withService("backend");

        assertThat(found(frontend.withKeys(Set.of("web")))).containsExactly(t1.id());
        assertThat(found(backend.withKeys(Set.of("web")))).isEmpty();
        assertThat(found(backend.withKeys(Set.of("app")))).containsExactly(t2.id());
        assertThat(found(frontend.withKeys(Set.of("web-b")))).containsExactly(t1.id());
        assertThat(found(backend.withKeys(Set.of("web-b")))).isEmpty();
        assertThat(found(frontend.withTags(Map.of("local", "web")))).containsExactly(t1.id());
        assertThat(found(backend.withTags(Map.of("local", "web")))).isEmpty();
        assertThat(found(backend.withTags(Map.of("local", "app")))).containsExactly(t2.id());
    }

    @Test
    void annotationsAndTags_areAndedTogether() {
        TraceBuilder foo = TraceBuilder.trace(t0 + 1);
        Span fooSpan = withEvent(foo.span(1, 0, "frontend", "call1", SpanKind.SERVER, 0, 1), "foo");
        TraceBuilder barAndFoo = TraceBuilder.trace(t0 + 2);
        Span barAndFooSpan = withEvent(barAndFoo.span(2, 0, "frontend", "call2", SpanKind.SERVER, 0, 1), "bar", "foo");
        TraceBuilder fooAndBazQux = TraceBuilder.trace(t0 + 3);
        Span fooAndBazQuxSpan = withEvent(fooAndBazQux.span(3, 0, "frontend", "call3", SpanKind.SERVER, 0, 1,
                attr("baz", "qux")), "foo");
        TraceBuilder all = TraceBuilder.trace(t0 + 4);
        Span allSpan = withEvent(all.span(4, 0, "frontend", "call4", SpanKind.SERVER, 0, 1,
                attr("baz", "qux")), "bar", "foo");
        for (Span s : List.of(fooSpan, barAndFooSpan, fooAndBazQuxSpan, allSpan)) stored.store(TENANT, List.of(s));
        TraceQuery frontend = lastHour.withService("frontend");

        assertThat(found(frontend.withKeys(Set.of("foo"))))
                .containsExactly(all.id(), fooAndBazQux.id(), barAndFoo.id(), foo.id());
        assertThat(found(frontend.withKeys(Set.of("foo", "bar")))).containsExactly(all.id(), barAndFoo.id());
        assertThat(found(frontend.withKeys(Set.of("foo", "bar")).withTags(Map.of("baz", "qux"))))
                .containsExactly(all.id());
        assertThat(found(frontend.withKeys(Set.of("baz")))).containsExactly(all.id(), fooAndBazQux.id());
    }

    @Test
    void remoteService_isAPeerServiceOfTheServicesSpans() {
        TraceBuilder t = TraceBuilder.trace(t0);
        t.span(1, 0, "frontend", "GET /", SpanKind.SERVER, 0, 20);
        t.span(2, 1, "frontend", "call", SpanKind.CLIENT, 1, 10, attr("peer.service", "Backend"));
        t.span(3, 2, "backend", "serve", SpanKind.SERVER, 2, 8);
        store(t);

        assertThat(found(lastHour.withService("frontend").withRemoteService("backend").ignoringNameCase()))
                .containsExactly(t.id());
        assertThat(found(lastHour.withRemoteService("Backend"))).containsExactly(t.id());
        assertThat(found(lastHour.withService("frontend").withRemoteService("backend"))).isEmpty();
        assertThat(found(lastHour.withService("frontend").withRemoteService("db"))).isEmpty();
        assertThat(found(lastHour.withService("backend").withRemoteService("Backend"))).isEmpty();
    }

    @Test
    void durations_areInclusiveAtBothEnds_andApplyToTheServicesSpans() {
        TraceBuilder t = TraceBuilder.trace(t0);
        t.span(1, 0, "frontend", "targz", SpanKind.SERVER, 0, 200);
        t.span(2, 1, "backend", "tar", SpanKind.SERVER, 1, 150);
        t.span(3, 1, "backend", "gz", SpanKind.SERVER, 2, 50);
        store(t);
        TraceQuery backend = lastHour.withService("backend");

        assertThat(found(backend.withDuration(50 * MS, 50 * MS))).containsExactly(t.id());
        assertThat(found(backend.withDuration(150 * MS, 0))).containsExactly(t.id());
        assertThat(found(backend.withDuration(150 * MS + 1, 0))).isEmpty();
        assertThat(found(backend.withDuration(50 * MS + 1, 150 * MS - 1))).isEmpty();
        assertThat(found(backend.withDuration(0, 50 * MS - 1))).isEmpty();
        assertThat(found(backend.withOperation("tar").withDuration(0, 50 * MS))).isEmpty();
        assertThat(found(lastHour.withService("frontend").withDuration(200 * MS, 200 * MS))).containsExactly(t.id());
    }

    @Test
    void limit_countsTraces_andKeepsTheMostRecentByStart_notByArrival() {
        TraceBuilder b = manySpans(TraceBuilder.trace(t0 - 3_000));
        TraceBuilder a = manySpans(TraceBuilder.trace(t0 - 1_000));
        TraceBuilder c = manySpans(TraceBuilder.trace(t0 - 5_000));
        TraceBuilder d = manySpans(TraceBuilder.trace(t0 - 9_000)); // arrives last, started first
        store(b);
        store(a);
        store(c);
        store(d);

        assertThat(found(lastHour.withService("web"))).containsExactly(a.id(), b.id(), c.id(), d.id());
        assertThat(found(lastHour.withService("web").withLimit(2))).containsExactly(a.id(), b.id());
        assertThat(found(lastHour.withLimit(1))).containsExactly(a.id());
    }

    @Test
    void aTraceOverlappingTheWindow_isFound_whenItEndsAfterIt_orStartedAnHourEarlier() {
        long hourStart = Math.floorDiv(t0, 3_600_000L) * 3_600_000L;
        TraceBuilder longRunning = TraceBuilder.trace(hourStart - 30_000);
        longRunning.span(1, 0, "batch", "run", SpanKind.SERVER, 0, 120_000);
        TraceBuilder before = TraceBuilder.trace(hourStart - 60_000);
        before.span(1, 0, "batch", "run", SpanKind.SERVER, 0, 1_000);
        store(longRunning, before);
        long windowStart = nanos(hourStart + 30_000);

        TraceQuery inside = TraceQuery.recent(TENANT, windowStart, windowStart + 10_000 * MS, 10);
        assertThat(found(inside)).containsExactly(longRunning.id());
        TraceQuery atItsStart = TraceQuery.recent(TENANT, nanos(hourStart - 40_000), nanos(hourStart - 29_000), 10);
        assertThat(found(atItsStart)).containsExactly(longRunning.id());
    }

    @Test
    void aTraceWhoseMatchingSpansArrivedInTwoBatches_isFound() {
        TraceBuilder t = TraceBuilder.trace(t0);
        Span query = t.span(1, 0, "backend", "Query", SpanKind.SERVER, 0, 100);
        Span late = t.span(2, 1, "backend", "zip", SpanKind.INTERNAL, 10, 50, attr("lc", "archiver"));
        TraceBuilder unrelated = TraceBuilder.trace(t0 + 5);
        unrelated.span(1, 0, "backend", "Query", SpanKind.SERVER, 0, 100);
        stored.store(TENANT, List.of(query));
        store(unrelated);
        stored.store(TENANT, List.of(late));
        TraceQuery q = lastHour.withService("backend").withOperation("Query").withTags(Map.of("lc", "archiver"));

        assertThat(found(q)).containsExactly(t.id());
        assertThat(found(q.withKeys(Set.of("nope")))).isEmpty();
    }

    @Test
    void zipkinsErrorTag_isTheStatusOfTheSpan() {
        TraceBuilder t = TraceBuilder.trace(t0);
        t.span(1, 0, "frontend", "GET /", SpanKind.SERVER, 0, 20);
        t.failed(t.span(2, 1, "backend", "charge", SpanKind.SERVER, 1, 10)); // message "boom"
        store(t);

        assertThat(found(lastHour.withService("backend").withTags(Map.of("error", "boom")))).containsExactly(t.id());
        assertThat(found(lastHour.withService("backend").withKeys(Set.of("error")))).containsExactly(t.id());
        assertThat(found(lastHour.withService("frontend").withKeys(Set.of("error")))).isEmpty();
        assertThat(found(lastHour.withTags(Map.of("error", "oops")))).isEmpty();
    }

    @Test
    void version1Pages_areStillSearched_andKeyOnlyConditionsReadTheSpans() throws Exception {
        TraceBuilder t = TraceBuilder.trace(t0);
        Span annotated = withEvent(t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 20, attr("http.route", "/")), "cs");
        stored.store(TENANT, List.of(annotated));
        rewriteAsVersion1();

        SearchResult byEvent = reader.search(lastHour.withService("web").withKeys(Set.of("cs")));
        assertThat(ids(byEvent)).containsExactly(t.id());
        assertThat(byEvent.complete()).isTrue();
        assertThat(found(lastHour.withService("web").withKeys(Set.of("cr")))).isEmpty();
        assertThat(found(lastHour.withService("web").withTags(Map.of("http.route", "/")))).containsExactly(t.id());
    }

    @Test
    void rowsThatCannotDecide_areSettledByReadingSpans_upToABudget_thenTheAnswerIsIncomplete() throws Exception {
        int traces = TraceReader.MAX_TRACE_READS_PER_SEARCH + 5;
        for (int i = 0; i < traces; i++) {
            TraceBuilder t = TraceBuilder.trace(t0 + i);
            stored.store(TENANT, List.of(withEvent(t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 20), "cs")));
        }
        rewriteAsVersion1();

        SearchResult result = reader.search(lastHour.withKeys(Set.of("cs")).withLimit(TraceQuery.MAX_LIMIT));
        assertThat(result.hits()).hasSize(TraceReader.MAX_TRACE_READS_PER_SEARCH);
        assertThat(result.complete()).isFalse();
        SearchResult few = reader.search(lastHour.withKeys(Set.of("cs")).withLimit(3));
        assertThat(few.hits()).hasSize(3);
    }

    // ---- helpers

    private static long nanos(long epochMillis) {
        return epochMillis * MS;
    }

    /** Each trace in a batch of its own (a batch record carries one trace). */
    private void store(TraceBuilder... traces) {
        for (TraceBuilder t : traces) stored.store(TENANT, t.spans());
    }

    private List<TraceId> found(TraceQuery q) {
        SearchResult r = reader.search(q);
        assertThat(r.complete()).as("complete").isTrue();
        return ids(r);
    }

    private static List<TraceId> ids(SearchResult r) {
        return r.hits().stream().map(SearchHit::traceId).toList();
    }

    private static TraceBuilder manySpans(TraceBuilder t) {
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 100);
        for (int i = 2; i <= 6; i++) t.span(i, 1, "web", "step", SpanKind.INTERNAL, i, 1);
        return t;
    }

    private static Span withEvent(Span s, String... names) {
        Span.Builder b = s.toBuilder();
        List<SpanEvent> events = new ArrayList<>();
        for (String n : names) events.add(new SpanEvent(s.startEpochNanos(), n, List.of(), 0));
        b.events = events;
        return b.build();
    }

    /** Rewrites every stored search page as the version-1 format wrote it: no event names or messages. */
    private void rewriteAsVersion1() throws DecodeException, PayloadTooLargeException {
        long hour = Math.floorDiv(nanos(t0), HOUR);
        List<SearchPageRef> refs = stored.storage().searchRefs(TENANT, SearchPageRef.ANY_SERVICE, hour);
        assertThat(refs).isNotEmpty();
        for (SearchPageRef ref : refs) {
            List<SearchRow> rows = SearchPageCodec.read(BoundedGzip.inflate(stored.storage().read(ref.pageKey()), 1 << 24));
            List<SearchRow> v1 = new ArrayList<>();
            for (SearchRow r : rows) {
                List<SearchRow.ServiceEntry> entries = new ArrayList<>();
                for (SearchRow.ServiceEntry e : r.services()) {
                    entries.add(new SearchRow.ServiceEntry(e.name(), e.errorCount(), e.operations(), e.tags(),
                            List.of(), List.of(), e.tagsTruncated(), true));
                }
                v1.add(new SearchRow(r.traceId(), r.startNanos(), r.endNanos(), r.spanCount(), r.errorCount(),
                        r.rootService(), r.rootOperation(), entries));
            }
            String page = new String(SearchPageCodec.write(v1), StandardCharsets.UTF_8).replace("{\"v\":2,", "{\"v\":1,");
            try (GzipMemberWriter gzip = new GzipMemberWriter(6)) {
                stored.storage().put(ref.pageKey(), gzip.member(page.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }
}
