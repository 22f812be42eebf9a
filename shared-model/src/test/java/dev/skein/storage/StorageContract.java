package dev.skein.storage;

import static dev.skein.storage.TraceBuilder.attr;
import static dev.skein.storage.TraceBuilder.records;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.assembly.AssemblyResult;
import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.TraceAssembler;
import dev.skein.finalize.TraceFinalizer;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.model.TraceId;
import dev.skein.query.DependencyLink;
import dev.skein.query.SearchHit;
import dev.skein.query.TraceReader;
import dev.skein.search.TraceQuery;
import dev.skein.trace.CombinedTrace;
import dev.skein.trace.TraceSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage contract: what every implementation of the ports must do, driven through the
 * real assembler, finalizer and reader. Run against the in-memory implementation and against
 * the AWS adapters on emulators (the pattern of zipkin's ITSpanStore).
 */
public abstract class StorageContract {
    private static final long MINUTE = 60_000L;

    protected StorageFixture storage;
    protected TraceAssembler assembler;
    protected TraceFinalizer finalizer;
    protected TraceReader reader;
    protected String tenant;

    /** The implementation under test; may be shared by the tests of a class. */
    protected abstract StorageFixture fixture();

    @BeforeEach
    void wire() {
        storage = fixture();
        reader = new TraceReader(storage.archive(), storage.index(), storage.settings());
        assembler = new TraceAssembler(storage.archive(), storage.index(), storage.timers(), storage.settings(),
                storage.clock());
        finalizer = new TraceFinalizer(reader, storage.index(), storage.timers(), storage.settings(), storage.clock());
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private long start() {
        return storage.clock().millis() - MINUTE; // a minute ago, well inside every search window
    }

    private AssemblyResult deliver(List<BatchRecord> batch) {
        return assembler.assemble(batch);
    }

    private AssemblyResult send(String tenant, List<Span> spans) {
        return deliver(storage.publish(records(tenant, spans)));
    }

    private TraceKey key(TraceBuilder t) {
        return new TraceKey(tenant, t.id());
    }

    private CombinedTrace read(TraceBuilder t) {
        return reader.trace(key(t)).orElseThrow();
    }

    private TraceSummary summary(TraceBuilder t) {
        return reader.summary(key(t)).orElseThrow().summary();
    }

    private List<DependencyLink> graph() {
        long now = storage.clock().millis() * 1_000_000L;
        return reader.dependencies(tenant, now - 3_600_000_000_000L, now + 60_000_000_000L);
    }

    private static String describe(List<DependencyLink> links) {
        List<String> out = new ArrayList<>();
        for (DependencyLink l : links) out.add(l.parent() + "->" + l.child() + " calls=" + l.calls() + " errors=" + l.errors());
        return String.join(", ", out);
    }

    /** frontend → checkout → payments, plus checkout → postgres (a database that does not report). */
    private List<List<Span>> threeServiceTrace(TraceBuilder t) {
        Span root = t.span(1, 0, "frontend", "GET /checkout", SpanKind.SERVER, 0, 300);
        Span call = t.span(2, 1, "frontend", "POST /cart", SpanKind.CLIENT, 10, 250);
        Span cart = t.span(3, 2, "checkout", "POST /cart", SpanKind.SERVER, 20, 230,
                attr("http.route", "/cart"), attr("customer.tier", "gold"));
        Span db = t.span(4, 3, "checkout", "SELECT cart", SpanKind.CLIENT, 30, 40,
                attr("db.system", "postgresql"), attr("server.address", "cart-db"));
        Span pay = t.span(5, 3, "checkout", "POST /pay", SpanKind.CLIENT, 80, 150);
        Span payments = t.failed(t.span(6, 5, "payments", "charge", SpanKind.SERVER, 90, 120));
        return List.of(List.of(root, call), List.of(cart, db, pay), List.of(payments));
    }

    @Test
    void trace_writtenInThreeChunksByDifferentServicesOutOfOrder_readsBackWhole() {
        TraceBuilder t = TraceBuilder.trace(start());
        List<List<Span>> chunks = threeServiceTrace(t);
        send(tenant, chunks.get(2));
        send(tenant, chunks.get(0));
        send(tenant, chunks.get(1));

        assertThat(read(t).spans()).containsExactlyInAnyOrderElementsOf(t.spans());
        assertThat(reader.entries(key(t)).pointers()).hasSize(3);

        storage.settle(finalizer);
        TraceSummary s = summary(t);
        assertThat(s.rootService()).isEqualTo("frontend");
        assertThat(s.rootOperation()).isEqualTo("GET /checkout");
        assertThat(s.partial()).isFalse();
        assertThat(s.spanCount()).isEqualTo(6);
        assertThat(s.errorCount()).isEqualTo(1);
        assertThat(s.services()).containsExactly("checkout", "frontend", "payments");
        assertThat(s.durationNanos()).isEqualTo(300_000_000L);
        assertThat(describe(graph())).isEqualTo(
                "checkout->payments calls=1 errors=1, checkout->postgresql@cart-db calls=1 errors=0, "
                        + "frontend->checkout calls=1 errors=0");
    }

    @Test
    void trace_ofTenThousandAndEightSpans_readsBackWhole() {
        TraceBuilder t = TraceBuilder.trace(start());
        t.span(1, 0, "gateway", "batch", SpanKind.SERVER, 0, 5_000);
        for (int i = 0; i < 10_007; i++) {
            t.span(100 + i, 1, i % 2 == 0 ? "worker" : "gateway", "item " + (i % 50), SpanKind.INTERNAL, i % 4000, 3,
                    attr("item.index", "" + i));
        }
        List<Span> spans = t.spans();
        for (int from = 0; from < spans.size(); from += 2_500) {
            send(tenant, spans.subList(from, Math.min(spans.size(), from + 2_500)));
        }
        CombinedTrace back = read(t);
        assertThat(back.spans()).hasSize(10_008);
        assertThat(back.droppedSpans()).isZero();
        assertThat(back.spans()).containsExactlyInAnyOrderElementsOf(spans);

        storage.settle(finalizer);
        assertThat(summary(t).spanCount()).isEqualTo(10_008);
        assertThat(describe(graph())).isEqualTo("gateway->worker calls=5004 errors=0");
    }

    @Test
    void batch_deliveredThreeTimes_leavesIdenticalStateAndCounts() {
        TraceBuilder t = TraceBuilder.trace(start());
        List<byte[]> records = new ArrayList<>();
        for (List<Span> chunk : threeServiceTrace(t)) records.addAll(records(tenant, chunk));
        List<BatchRecord> batch = storage.publish(records);

        deliver(batch);
        storage.settle(finalizer);
        Map<String, Object> once = storage.snapshot();
        String graphOnce = describe(graph());

        deliver(batch);
        storage.settle(finalizer);
        deliver(batch);
        storage.settle(finalizer);

        assertThat(storage.snapshot()).isEqualTo(once);
        assertThat(describe(graph())).isEqualTo(graphOnce).contains("frontend->checkout calls=1");
        assertThat(read(t).spans()).hasSize(6);
        assertThat(read(t).foldedDuplicates()).isZero();
    }

    @Test
    void spans_resentInAnotherBatch_areFoldedNotDoubled() {
        TraceBuilder t = TraceBuilder.trace(start());
        List<List<Span>> chunks = threeServiceTrace(t);
        List<Span> all = t.spans();
        send(tenant, all);
        send(tenant, chunks.get(1)); // a client retry of one service's export

        CombinedTrace back = read(t);
        assertThat(back.spans()).hasSize(6);
        assertThat(back.foldedDuplicates()).isEqualTo(3);
        storage.settle(finalizer);
        assertThat(summary(t).spanCount()).isEqualTo(6);
        assertThat(describe(graph())).contains("frontend->checkout calls=1", "checkout->payments calls=1");
    }

    @Test
    void spanId_sharedByTwoDifferentSpans_keepsBoth() {
        TraceBuilder t = TraceBuilder.trace(start());
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 100);
        Span client = t.span(7, 1, "web", "get /api", SpanKind.CLIENT, 5, 80);
        Span server = t.span(7, 1, "api", "get /api", SpanKind.SERVER, 6, 70, attr("zipkin.shared", true));
        send(tenant, t.spans());

        assertThat(read(t).spans()).hasSize(3).contains(client, server);
        storage.settle(finalizer);
        assertThat(summary(t).spanCount()).isEqualTo(3);
        assertThat(summary(t).rootService()).isEqualTo("web");
        assertThat(describe(graph())).isEqualTo("web->api calls=1 errors=0");
    }

    @Test
    void child_arrivingBeforeItsParent_isJoinedOnceTheParentArrives() {
        TraceBuilder t = TraceBuilder.trace(start());
        Span root = t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 100);
        Span child = t.span(2, 1, "search", "query", SpanKind.SERVER, 10, 50);
        send(tenant, List.of(child));
        send(tenant, List.of(root));

        storage.settle(finalizer);
        TraceSummary s = summary(t);
        assertThat(s.partial()).isFalse();
        assertThat(s.rootService()).isEqualTo("web");
        assertThat(describe(graph())).isEqualTo("web->search calls=1 errors=0");
    }

    @Test
    void lateSpan_afterFinalization_correctsSummaryAndGraphWithoutDoubleCounting() {
        TraceBuilder t = TraceBuilder.trace(start());
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 100);
        t.span(2, 1, "web", "GET /stock", SpanKind.CLIENT, 10, 50);
        t.span(3, 2, "stock", "GET /stock", SpanKind.SERVER, 12, 40);
        send(tenant, t.spans());
        storage.settle(finalizer);
        assertThat(summary(t).spanCount()).isEqualTo(3);
        assertThat(describe(graph())).isEqualTo("web->stock calls=1 errors=0");
        String firstVersion = reader.summary(key(t)).orElseThrow().version();

        Span late = t.failed(t.span(4, 3, "ledger", "reserve", SpanKind.SERVER, 20, 30));
        send(tenant, List.of(late));
        storage.settle(finalizer);

        TraceSummary s = summary(t);
        assertThat(reader.summary(key(t)).orElseThrow().version()).isNotEqualTo(firstVersion);
        assertThat(s.spanCount()).isEqualTo(4);
        assertThat(s.errorCount()).isEqualTo(1);
        assertThat(s.services()).containsExactly("ledger", "stock", "web");
        assertThat(describe(graph())).isEqualTo("stock->ledger calls=1 errors=1, web->stock calls=1 errors=0");
    }

    @Test
    void timer_redeliveredAfterFinalization_changesNothing() {
        TraceBuilder t = TraceBuilder.trace(start());
        threeServiceTrace(t).forEach(chunk -> send(tenant, chunk));
        storage.settle(finalizer);
        Map<String, Object> before = storage.snapshot();

        var again = finalizer.finalizeTraces(List.of(new TimerMessage("again", key(t))));

        assertThat(again.failedMessageIds()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(storage.snapshot()).isEqualTo(before);
    }

    @Test
    void poisonRecord_isReportedAlone_whileTheRestOfItsBatchIsStored() {
        TraceBuilder good1 = TraceBuilder.trace(start());
        good1.span(1, 0, "web", "GET /a", SpanKind.SERVER, 0, 10);
        TraceBuilder good2 = TraceBuilder.trace(start());
        good2.span(1, 0, "web", "GET /b", SpanKind.SERVER, 0, 10);
        byte[] poison = "not a span record".getBytes();
        byte[] truncated = records(tenant, good2.spans()).get(0);
        truncated = Arrays.copyOf(truncated, truncated.length / 2);
        List<byte[]> records = new ArrayList<>(records(tenant, good1.spans()));
        records.add(poison);
        records.add(truncated);
        records.addAll(records(tenant, good2.spans()));
        List<BatchRecord> batch = storage.publish(records);

        AssemblyResult result = deliver(batch);

        assertThat(result.failures()).extracting(AssemblyResult.RecordFailure::recordId)
                .containsExactly(batch.get(1).id(), batch.get(2).id());
        assertThat(result.failures()).allSatisfy(f -> assertThat(f.reason()).isNotBlank());
        assertThat(read(good1).spans()).hasSize(1);
        assertThat(read(good2).spans()).hasSize(1);
    }

    @Test
    void headlessTrace_stillProducesEdges_andIsMarkedPartial() {
        TraceBuilder t = TraceBuilder.trace(start());
        // the root (span 1) never arrives
        t.span(2, 1, "orders", "POST /orders", SpanKind.SERVER, 5, 90);
        t.span(3, 2, "orders", "publish", SpanKind.CLIENT, 10, 30);
        t.span(4, 3, "billing", "invoice", SpanKind.SERVER, 12, 20);
        send(tenant, t.spans());
        storage.settle(finalizer);

        TraceSummary s = summary(t);
        assertThat(s.partial()).isTrue();
        assertThat(s.rootService()).isEqualTo("orders");
        assertThat(s.rootOperation()).isEqualTo("POST /orders");
        assertThat(describe(graph())).isEqualTo("orders->billing calls=1 errors=0");
    }

    @Test
    void messagingLink_toAProducerInAnotherTrace_producesAnEdge() {
        TraceBuilder producerTrace = TraceBuilder.trace(start());
        producerTrace.span(1, 0, "shop", "POST /order", SpanKind.SERVER, 0, 50);
        producerTrace.span(2, 1, "shop", "orders publish", SpanKind.PRODUCER, 5, 3,
                attr("messaging.system", "kafka"));
        send(tenant, producerTrace.spans());

        TraceBuilder consumerTrace = TraceBuilder.trace(start());
        Span consume = consumerTrace.linkedTo(consumerTrace.span(1, 0, "fulfilment", "orders process", SpanKind.CONSUMER, 100, 20),
                producerTrace.id(), 2);
        send(tenant, List.of(consume));
        storage.settle(finalizer);

        assertThat(describe(graph())).isEqualTo("shop->fulfilment calls=1 errors=0");
    }

    @Test
    void messagingPair_inOneTrace_joinedByParent_producesAnEdge() {
        TraceBuilder t = TraceBuilder.trace(start());
        t.span(1, 0, "shop", "POST /order", SpanKind.SERVER, 0, 50);
        t.span(2, 1, "shop", "orders publish", SpanKind.PRODUCER, 5, 3);
        t.span(3, 2, "fulfilment", "orders process", SpanKind.CONSUMER, 100, 20);
        send(tenant, t.spans());
        storage.settle(finalizer);

        assertThat(describe(graph())).isEqualTo("shop->fulfilment calls=1 errors=0");
    }

    @Test
    void twoTenants_withIdenticalTraceIds_stayApart() {
        String other = tenant + "-other";
        TraceBuilder a = TraceBuilder.trace(start());
        a.span(1, 0, "alpha", "GET /a", SpanKind.SERVER, 0, 10);
        a.span(2, 1, "alpha", "call", SpanKind.CLIENT, 1, 5, attr("peer.service", "alpha-db"));
        TraceBuilder b = TraceBuilder.trace(a.id(), start());
        b.span(1, 0, "beta", "GET /b", SpanKind.SERVER, 0, 10);
        List<byte[]> records = new ArrayList<>(records(tenant, a.spans()));
        records.addAll(records(other, b.spans()));
        deliver(storage.publish(records));
        storage.settle(finalizer);

        assertThat(reader.trace(new TraceKey(tenant, a.id())).orElseThrow().spans()).containsExactlyElementsOf(a.spans());
        assertThat(reader.trace(new TraceKey(other, a.id())).orElseThrow().spans()).containsExactlyElementsOf(b.spans());
        assertThat(reader.summary(new TraceKey(other, a.id())).orElseThrow().summary().services()).containsExactly("beta");
        assertThat(reader.services(tenant)).containsExactly("alpha");
        assertThat(reader.services(other)).containsExactly("beta");
        long now = storage.clock().millis() * 1_000_000L;
        assertThat(reader.dependencies(other, now - 3_600_000_000_000L, now)).isEmpty();
        assertThat(describe(graph())).isEqualTo("alpha->alpha-db calls=1 errors=0");
        assertThat(ids(reader.search(TraceQuery.recent(other, now - 3_600_000_000_000L, now, 10)).hits()))
                .containsExactly(a.id());
    }

    @Test
    void search_findsTracesByServiceOperationAttributesDurationAndTime() {
        TraceBuilder slowGold = TraceBuilder.trace(start());
        threeServiceTrace(slowGold).forEach(chunk -> send(tenant, chunk));
        TraceBuilder fastSilver = TraceBuilder.trace(start() + 1_000);
        fastSilver.span(1, 0, "frontend", "GET /checkout", SpanKind.SERVER, 0, 20);
        fastSilver.span(2, 1, "checkout", "POST /cart", SpanKind.SERVER, 1, 15, attr("customer.tier", "silver"));
        send(tenant, fastSilver.spans());
        TraceBuilder old = TraceBuilder.trace(start() - 3 * 3_600_000L);
        old.span(1, 0, "frontend", "GET /checkout", SpanKind.SERVER, 0, 20);
        send(tenant, old.spans());

        long now = storage.clock().millis() * 1_000_000L;
        TraceQuery lastHour = TraceQuery.recent(tenant, now - 3_600_000_000_000L, now, 20);
        assertThat(ids(reader.search(lastHour).hits())).containsExactly(fastSilver.id(), slowGold.id());
        assertThat(ids(reader.search(lastHour.withService("payments")).hits())).containsExactly(slowGold.id());
        assertThat(ids(reader.search(lastHour.withService("checkout").withOperation("POST /cart")).hits()))
                .containsExactlyInAnyOrder(fastSilver.id(), slowGold.id());
        assertThat(ids(reader.search(lastHour.withService("checkout").withTags(Map.of("customer.tier", "gold"))).hits()))
                .containsExactly(slowGold.id());
        assertThat(ids(reader.search(lastHour.withService("frontend").withTags(Map.of("customer.tier", "gold"))).hits()))
                .isEmpty();
        assertThat(ids(reader.search(lastHour.withService("checkout").withDuration(100_000_000L, 0)).hits()))
                .containsExactly(slowGold.id());
        assertThat(ids(reader.search(lastHour.withService("checkout").withDuration(0, 20_000_000L)).hits()))
                .containsExactly(fastSilver.id());
        assertThat(ids(reader.search(lastHour.withErrorsOnly()).hits())).containsExactly(slowGold.id());
        assertThat(ids(reader.search(TraceQuery.recent(tenant, now - 4 * 3_600_000_000_000L, now, 20)).hits()))
                .containsExactly(fastSilver.id(), slowGold.id(), old.id());
        assertThat(ids(reader.search(TraceQuery.recent(tenant, now - 4 * 3_600_000_000_000L, now, 1)).hits()))
                .hasSize(1);
    }

    @Test
    void catalogue_listsServicesAndOperations() {
        TraceBuilder t = TraceBuilder.trace(start());
        threeServiceTrace(t).forEach(chunk -> send(tenant, chunk));

        assertThat(reader.services(tenant)).containsExactly("checkout", "frontend", "payments");
        assertThat(reader.operations(tenant, "checkout")).extracting(CatalogueEntry::operation, CatalogueEntry::spanKind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST /cart", "SERVER"),
                        org.assertj.core.groups.Tuple.tuple("POST /pay", "CLIENT"),
                        org.assertj.core.groups.Tuple.tuple("SELECT cart", "CLIENT"));
    }

    @Test
    void namesLongerThanAnyIndexKeyAllows_areIndexedUnderTheirPrefix_andTheSpansKeepThem() {
        String service = "svc-" + "s".repeat(2_000);
        String operation = "GET /" + "o".repeat(2_000);
        String database = "db-" + "d".repeat(2_000);
        TraceBuilder t = TraceBuilder.trace(start());
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 100);
        t.span(2, 1, "web", "call", SpanKind.CLIENT, 1, 50);
        t.span(3, 2, service, operation, SpanKind.SERVER, 2, 40);
        t.span(4, 3, service, "query", SpanKind.CLIENT, 3, 10, attr("peer.service", database));
        send(tenant, t.spans());
        storage.settle(finalizer);

        String indexed = service.substring(0, dev.skein.trace.IndexedNames.MAX_SERVICE_BYTES);
        assertThat(read(t).spans()).containsExactlyInAnyOrderElementsOf(t.spans());
        assertThat(reader.services(tenant)).containsExactly(indexed, "web");
        assertThat(reader.operations(tenant, indexed)).extracting(CatalogueEntry::operation)
                .containsExactly(operation.substring(0, dev.skein.trace.IndexedNames.MAX_OPERATION_BYTES), "query");
        assertThat(describe(graph())).isEqualTo(
                indexed + "->" + database.substring(0, dev.skein.trace.IndexedNames.MAX_SERVICE_BYTES)
                        + " calls=1 errors=0, web->" + indexed + " calls=1 errors=0");
        assertThat(summary(t).services()).containsExactly(indexed, "web");
    }

    @Test
    void tracesWithLowHalf_findTheSixtyFourBitTraceAndEveryLongerOneEndingInIt_onlyInTheirTenant() {
        long low = ThreadLocalRandom.current().nextLong() | 1;
        TraceBuilder short64 = TraceBuilder.trace(new TraceId(0, low), start());
        short64.span(1, 0, "legacy", "GET /old", SpanKind.SERVER, 0, 10);
        TraceBuilder long128 = TraceBuilder.trace(new TraceId(0x0af7651916cd43ddL, low), start());
        long128.span(1, 0, "web", "GET /new", SpanKind.SERVER, 0, 20);
        long128.span(2, 1, "web", "call", SpanKind.CLIENT, 1, 5);
        // A high half with the top bit set: traces come in unsigned order, as IDs compare.
        TraceBuilder highBit = TraceBuilder.trace(new TraceId(0xf0f7651916cd43ddL, low), start());
        highBit.span(1, 0, "batch", "run", SpanKind.SERVER, 0, 30);
        TraceBuilder sameHighOtherLow = TraceBuilder.trace(new TraceId(0x0af7651916cd43ddL, low ^ 2), start());
        sameHighOtherLow.span(1, 0, "web", "GET /other", SpanKind.SERVER, 0, 5);
        String other = tenant + "-other";
        TraceBuilder otherTenant = TraceBuilder.trace(new TraceId(0x1234, low), start());
        otherTenant.span(1, 0, "web", "GET /theirs", SpanKind.SERVER, 0, 5);
        List<byte[]> records = new ArrayList<>();
        for (TraceBuilder t : List.of(short64, long128, highBit, sameHighOtherLow)) records.addAll(records(tenant, t.spans()));
        records.addAll(records(other, otherTenant.spans()));
        deliver(storage.publish(records));
        storage.settle(finalizer);

        List<TraceEntries> found = storage.index().tracesWithLowHalf(tenant, low);

        assertThat(found).extracting(TraceEntries::trace).containsExactly(key(short64), key(long128), key(highBit));
        assertThat(found).allSatisfy(e -> {
            assertThat(e.pointers()).isNotEmpty().allSatisfy(p -> assertThat(p.trace()).isEqualTo(e.trace()));
            assertThat(e.summary()).isNotNull();
            assertThat(e.summary().key()).isEqualTo(e.trace());
        });
        assertThat(found).extracting(e -> e.summary().summary().spanCount()).containsExactly(1, 2, 1);
        assertThat(storage.index().tracesWithLowHalf(other, low)).extracting(TraceEntries::trace)
                .containsExactly(new TraceKey(other, otherTenant.id()));
        assertThat(storage.index().tracesWithLowHalf(tenant, low ^ 4)).isEmpty();

        TraceEntries longOnly = storage.index().trace(key(long128));
        assertThat(longOnly.pointers()).hasSize(1).allSatisfy(p -> assertThat(p.trace()).isEqualTo(key(long128)));
        assertThat(longOnly.summary().summary().rootService()).isEqualTo("web");
        assertThat(read(long128).spans()).containsExactlyInAnyOrderElementsOf(long128.spans());
        assertThat(read(short64).spans()).containsExactlyElementsOf(short64.spans());
        assertThat(read(sameHighOtherLow).spans()).containsExactlyElementsOf(sameHighOtherLow.spans());
        assertThat(storage.index().trace(new TraceKey(tenant, new TraceId(0x0bf7651916cd43ddL, low))).isEmpty()).isTrue();
    }

    @Test
    void catalogue_listsRemoteServicesAndTheValuesOfAutocompleteKeys() {
        TraceBuilder t = TraceBuilder.trace(start());
        t.withResource(t.span(1, 0, "frontend", "GET /checkout", SpanKind.SERVER, 0, 300,
                attr("http.route", "/checkout"), attr("http.status_code", 200L), attr("customer.tier", "gold")),
                attr("deployment.environment", "prod"));
        t.span(2, 1, "frontend", "POST /cart", SpanKind.CLIENT, 10, 250,
                attr("peer.service", "checkout"), attr("http.method", "POST"));
        t.span(3, 2, "checkout", "POST /cart", SpanKind.SERVER, 20, 230,
                attr("http.route", "/cart"), attr("http.status_code", 201L));
        t.span(4, 3, "checkout", "SELECT cart", SpanKind.CLIENT, 30, 40,
                attr("peer.service", "cart-db"), attr("db.system", "postgresql"));
        t.span(5, 3, "checkout", "POST /pay", SpanKind.CLIENT, 80, 150,
                attr("peer.service", "payments"), attr("http.route", ""),
                new Attribute("rpc.method", new AnyValue.ArrayValue(List.of(AnyValue.of("charge")))));
        t.span(6, 5, "payments", "charge", SpanKind.SERVER, 90, 120, attr("http.status_code", 200L));
        send(tenant, t.spans());

        IndexReader index = storage.index();
        assertThat(index.remoteServices(tenant, "checkout")).containsExactly("cart-db", "payments");
        assertThat(index.remoteServices(tenant, "frontend")).containsExactly("checkout");
        assertThat(index.remoteServices(tenant, "payments")).isEmpty();
        assertThat(index.attributeValues(tenant, "http.route")).containsExactly("/cart", "/checkout");
        assertThat(index.attributeValues(tenant, "http.status_code")).containsExactly("200", "201");
        assertThat(index.attributeValues(tenant, "http.method")).containsExactly("POST");
        assertThat(index.attributeValues(tenant, "db.system")).containsExactly("postgresql");
        assertThat(index.attributeValues(tenant, "deployment.environment")).containsExactly("prod");
        assertThat(index.attributeValues(tenant, "rpc.method")).as("arrays are not autocompleted").isEmpty();
        assertThat(index.attributeValues(tenant, "customer.tier")).as("not a configured key").isEmpty();
        assertThat(index.remoteServices(tenant + "-other", "checkout")).isEmpty();
        assertThat(index.attributeValues(tenant + "-other", "http.route")).isEmpty();
    }

    @Test
    void remoteNamesAndValuesLongerThanAnyIndexKeyAllows_areIndexedUnderTheirPrefix() {
        String peer = "peer-" + "p".repeat(2_000);
        String route = "/" + "r".repeat(2_000);
        String environment = "é".repeat(300); // two UTF-8 bytes each
        TraceBuilder t = TraceBuilder.trace(start());
        t.withResource(t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 100, attr("http.route", route)),
                attr("deployment.environment", environment));
        t.span(2, 1, "web", "call", SpanKind.CLIENT, 1, 50, attr("peer.service", peer));
        send(tenant, t.spans());

        int bytes = dev.skein.trace.IndexedNames.MAX_ATTRIBUTE_VALUE_BYTES;
        assertThat(storage.index().remoteServices(tenant, "web"))
                .containsExactly(peer.substring(0, dev.skein.trace.IndexedNames.MAX_SERVICE_BYTES));
        assertThat(storage.index().attributeValues(tenant, "http.route")).containsExactly(route.substring(0, bytes));
        assertThat(storage.index().attributeValues(tenant, "deployment.environment"))
                .containsExactly(environment.substring(0, bytes / 2));
        assertThat(read(t).spans()).containsExactlyInAnyOrderElementsOf(t.spans());
    }

    @Test
    void catalogueValues_readAtMostTheLimit_theFirstInOrder() {
        long expiresAt = storage.settings().expiresAt(storage.clock().millis());
        int stored = IndexReader.MAX_CATALOGUE_VALUES + 5;
        List<CatalogueRecord> entries = new ArrayList<>();
        for (int i = stored - 1; i >= 0; i--) {
            entries.add(new RemoteServiceEntry(tenant, "web", String.format("peer-%04d", i), expiresAt));
            entries.add(new AttributeValueEntry(tenant, "http.route", String.format("/r/%04d", i), expiresAt));
        }
        storage.index().putCatalogue(entries);
        storage.index().putCatalogue(entries.subList(0, 10)); // written again: replaced, not added

        List<String> remotes = storage.index().remoteServices(tenant, "web");
        List<String> values = storage.index().attributeValues(tenant, "http.route");

        assertThat(remotes).hasSize(IndexReader.MAX_CATALOGUE_VALUES).isSorted().doesNotHaveDuplicates();
        assertThat(remotes.get(0)).isEqualTo("peer-0000");
        assertThat(remotes.get(IndexReader.MAX_CATALOGUE_VALUES - 1)).isEqualTo("peer-0999");
        assertThat(values).hasSize(IndexReader.MAX_CATALOGUE_VALUES).isSorted().doesNotHaveDuplicates();
        assertThat(values.get(0)).isEqualTo("/r/0000");
    }

    @Test
    void graph_reportsLatencyPercentiles() {
        for (int i = 1; i <= 20; i++) {
            TraceBuilder t = TraceBuilder.trace(start());
            t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 200);
            t.span(2, 1, "web", "GET /q", SpanKind.CLIENT, 1, 10L * i + 5);
            t.span(3, 2, "search", "query", SpanKind.SERVER, 2, 10L * i);
            send(tenant, t.spans());
        }
        storage.settle(finalizer);

        DependencyLink link = graph().get(0);
        assertThat(link.calls()).isEqualTo(20);
        assertThat(link.p50Nanos() / 1e6).isBetween(90.0, 115.0);
        assertThat(link.p99Nanos() / 1e6).isBetween(180.0, 220.0);
    }

    private static List<TraceId> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::traceId).toList();
    }
}
