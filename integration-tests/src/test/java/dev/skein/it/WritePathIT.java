package dev.skein.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.skein.codec.StreamRecordCodec;
import dev.skein.local.SkeinLocal;
import dev.skein.model.Hex;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import dev.skein.query.DependencyLink;
import dev.skein.query.SearchHit;
import dev.skein.query.SearchResult;
import dev.skein.query.TraceReader;
import dev.skein.search.TraceQuery;
import dev.skein.storage.CatalogueEntry;
import dev.skein.storage.StoredSummary;
import dev.skein.storage.TraceKey;
import dev.skein.trace.CombinedTrace;
import dev.skein.trace.TraceSummary;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import zipkin2.Endpoint;

/**
 * The whole write path on skein-local: real exporters (the OpenTelemetry SDK's OTLP exporter, the
 * Zipkin reporter) → front door → ingest → Kinesis → assembler → S3 + DynamoDB + timers →
 * finalizer, read back through {@link TraceReader} on the same storage. Nothing is stubbed; the
 * idle period is skein-local's 2 s, and every wait polls with a deadline.
 */
class WritePathIT {
    private static final long MILLI = 1_000_000L;
    private static final long MINUTE = 60_000 * MILLI;

    @TempDir
    static Path dataDir;
    static SkeinLocal skein;
    static TraceReader reader;
    static KinesisClient kinesis;
    static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        skein = LocalSkein.start(dataDir);
        reader = skein.traceReader();
        kinesis = LocalSkein.kinesisClient(skein);
        sqs = LocalSkein.sqsClient(skein);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {kinesis, sqs, skein}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- a trace across three services, four exporters, and a late span

    /**
     * frontend (OTLP, batched, gzip) → orders (OTLP, one request per span) → payments (Zipkin),
     * orders → PostgreSQL (a CLIENT span with {@code db.system}); later, after the trace was
     * finalized, payments reports a failed call to fx-rates through another Zipkin reporter.
     */
    @Test
    void multiServiceTrace_fromSeparateExporters_readsBackWholeIsSearchableSettlesAndTakesALateSpanWithoutDoubleCounting()
            throws Exception {
        long t0 = System.currentTimeMillis() * MILLI;

        InMemorySpanExporter frontendSent = InMemorySpanExporter.create();
        SdkTracerProvider frontend = JavaSdk.provider("frontend", frontendSent,
                otlp(true, e -> BatchSpanProcessor.builder(e).build()));
        Tracer frontendTracer = frontend.get("dev.skein.it.frontend", "1.0.0");
        io.opentelemetry.api.trace.Span request = frontendTracer.spanBuilder("GET /checkout")
                .setSpanKind(SpanKind.SERVER).setStartTimestamp(t0, TimeUnit.NANOSECONDS)
                .setAttribute("http.request.method", "GET").setAttribute("http.route", "/checkout")
                .startSpan();
        io.opentelemetry.api.trace.Span callOrders = frontendTracer.spanBuilder("POST /orders")
                .setParent(Context.root().with(request)).setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(t0 + 5 * MILLI, TimeUnit.NANOSECONDS)
                .setAttribute("server.address", "orders.internal").setAttribute("http.request.method", "POST")
                .startSpan();
        callOrders.end(t0 + 90 * MILLI, TimeUnit.NANOSECONDS);
        request.end(t0 + 100 * MILLI, TimeUnit.NANOSECONDS);
        String traceHex = request.getSpanContext().getTraceId();
        TraceKey key = new TraceKey(SkeinLocal.TENANT, TraceId.fromHex(traceHex));

        InMemorySpanExporter ordersSent = InMemorySpanExporter.create();
        SdkTracerProvider orders = JavaSdk.provider("orders", ordersSent,
                otlp(false, SimpleSpanProcessor::create));
        Tracer ordersTracer = orders.get("dev.skein.it.orders", "2.0.0");
        io.opentelemetry.api.trace.Span handleOrder = ordersTracer.spanBuilder("POST /orders")
                .setParent(JavaSdk.remoteParent(callOrders.getSpanContext().getTraceId(),
                        callOrders.getSpanContext().getSpanId())).setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(t0 + 10 * MILLI, TimeUnit.NANOSECONDS).startSpan();
        io.opentelemetry.api.trace.Span insert = ordersTracer.spanBuilder("INSERT orders")
                .setParent(Context.root().with(handleOrder)).setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(t0 + 15 * MILLI, TimeUnit.NANOSECONDS)
                .setAttribute("db.system", "postgresql").setAttribute("server.address", "orders-db")
                .setAttribute("db.statement", "INSERT INTO orders VALUES ($1, $2)")
                .startSpan();
        insert.end(t0 + 25 * MILLI, TimeUnit.NANOSECONDS);
        io.opentelemetry.api.trace.Span callPayments = ordersTracer.spanBuilder("POST /charge")
                .setParent(Context.root().with(handleOrder)).setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(t0 + 30 * MILLI, TimeUnit.NANOSECONDS)
                .setAttribute("server.address", "payments.internal").startSpan();
        callPayments.end(t0 + 80 * MILLI, TimeUnit.NANOSECONDS);
        handleOrder.end(t0 + 85 * MILLI, TimeUnit.NANOSECONDS);

        Endpoint payments = Endpoint.newBuilder().serviceName("payments").ip("10.0.0.7").port(8443).build();
        zipkin2.Span charge = zipkin2.Span.newBuilder().traceId(traceHex).parentId(callPayments.getSpanContext().getSpanId())
                .id(randomSpanId()).name("post /charge").kind(zipkin2.Span.Kind.SERVER)
                .timestamp(micros(t0 + 35 * MILLI)).duration(40_000L).localEndpoint(payments)
                .putTag("payment.method", "card").build();

        JavaSdk.flush(frontend);
        JavaSdk.flush(orders);
        report(charge);
        List<SpanData> otelSent = new ArrayList<>(frontendSent.getFinishedSpanItems());
        otelSent.addAll(ordersSent.getFinishedSpanItems());
        frontend.shutdown().join(10, TimeUnit.SECONDS);
        orders.shutdown().join(10, TimeUnit.SECONDS);
        assertThat(otelSent).hasSize(5);

        // Readable whole by ID as soon as its chunks are stored, each span once.
        CombinedTrace trace = eventually("all 6 spans of trace " + traceHex,
                () -> reader.trace(key), t -> t.isPresent() && t.get().spans().size() >= 6).orElseThrow();
        assertThat(trace.spans()).hasSize(6);
        assertThat(trace.spans()).extracting(s -> Hex.spanIdToHex(s.spanId()))
                .containsExactlyInAnyOrderElementsOf(expectedSpanIds(otelSent, charge));
        for (SpanData sent : otelSent) {
            dev.skein.model.Span stored = spanById(trace, sent.getSpanId());
            assertThat(stored.name()).isEqualTo(sent.getName());
            assertThat(stored.serviceName()).isEqualTo(sent.getResource().getAttribute(AttributeKey.stringKey("service.name")));
            assertThat(stored.kind().name()).isEqualTo(sent.getKind().name());
            assertThat(stored.startEpochNanos()).isEqualTo(sent.getStartEpochNanos());
            assertThat(stored.endEpochNanos()).isEqualTo(sent.getEndEpochNanos());
            assertThat(stored.parentSpanId()).isEqualTo(sent.getParentSpanContext().isValid()
                    ? Hex.parseSpanId(sent.getParentSpanId()) : 0L);
        }
        dev.skein.model.Span storedCharge = spanById(trace, charge.id());
        assertThat(storedCharge.serviceName()).isEqualTo("payments");
        assertThat(storedCharge.parentSpanId()).isEqualTo(Hex.parseSpanId(callPayments.getSpanContext().getSpanId()));
        assertThat(storedCharge.durationNanos()).isEqualTo(40 * MILLI);

        // Found by search: service, service + operation, span attribute, resource attribute, and
        // a span from the Zipkin reporter; not found when an attribute does not match.
        TraceQuery window = TraceQuery.recent(SkeinLocal.TENANT, t0 - MINUTE, t0 + MINUTE, 100);
        assertFound(window.withService("frontend"), traceHex);
        assertFound(window.withService("orders").withOperation("INSERT orders"), traceHex);
        assertFound(window.withService("orders").withTags(Map.of("db.system", "postgresql")), traceHex);
        assertFound(window.withService("frontend").withTags(Map.of("deployment.environment", "it")), traceHex);
        assertFound(window.withService("payments").withOperation("post /charge")
                .withTags(Map.of("payment.method", "card")), traceHex);
        assertThat(hitIds(reader.search(window.withService("orders").withTags(Map.of("db.system", "mysql")))))
                .doesNotContain(traceHex);
        assertThat(hitIds(reader.search(window.withService("frontend").withOperation("INSERT orders"))))
                .doesNotContain(traceHex);
        // The catalogue is written after a batch's pointers and search pages.
        eventually("the three services in the catalogue", () -> reader.services(SkeinLocal.TENANT),
                services -> services.containsAll(List.of("frontend", "orders", "payments")));
        List<CatalogueEntry> operations = eventually("the operations of orders",
                () -> reader.operations(SkeinLocal.TENANT, "orders"), ops -> ops.size() >= 3);
        assertThat(operations).extracting(CatalogueEntry::operation, CatalogueEntry::spanKind)
                .containsExactly(tuple("INSERT orders", "CLIENT"),
                        tuple("POST /charge", "CLIENT"),
                        tuple("POST /orders", "SERVER"));

        // After the idle period: the summary and the service graph.
        StoredSummary settled = eventually("the summary of all 6 spans of " + traceHex,
                () -> reader.summary(key), s -> s.isPresent() && s.get().summary().spanCount() == 6).orElseThrow();
        TraceSummary summary = settled.summary();
        assertThat(summary.rootService()).isEqualTo("frontend");
        assertThat(summary.rootOperation()).isEqualTo("GET /checkout");
        assertThat(Hex.spanIdToHex(summary.rootSpanId())).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(summary.partial()).isFalse();
        assertThat(summary.errorCount()).isZero();
        assertThat(summary.services()).containsExactly("frontend", "orders", "payments");
        assertThat(summary.startNanos()).isEqualTo(t0);
        assertThat(summary.endNanos()).isEqualTo(t0 + 100 * MILLI);
        assertThat(summary.droppedSpans()).isZero();

        Set<String> ours = Set.of("frontend", "orders", "payments");
        assertThat(graph(ours, t0)).containsExactly(
                new Edge("frontend", "orders", 1, 0),
                new Edge("orders", "payments", 1, 0),
                new Edge("orders", "postgresql@orders-db", 1, 0));

        // A late span, from another reporter, after the trace was finalized: payments' failed
        // call to a service that reports no spans of its own.
        Endpoint fxRates = Endpoint.newBuilder().serviceName("fx-rates").ip("10.0.0.9").port(443).build();
        zipkin2.Span rates = zipkin2.Span.newBuilder().traceId(traceHex).parentId(charge.id())
                .id(randomSpanId()).name("get /rates").kind(zipkin2.Span.Kind.CLIENT)
                .timestamp(micros(t0 + 45 * MILLI)).duration(10_000L)
                .localEndpoint(payments).remoteEndpoint(fxRates)
                .putTag("error", "rate service unavailable").build();
        report(rates);

        StoredSummary corrected = eventually("the summary of " + traceHex + " with the late span",
                () -> reader.summary(key), s -> s.isPresent() && s.get().summary().spanCount() == 7).orElseThrow();
        assertThat(corrected.version()).isNotEqualTo(settled.version());
        assertThat(corrected.summary().errorCount()).isEqualTo(1);
        assertThat(corrected.summary().rootService()).isEqualTo("frontend");
        assertThat(corrected.summary().partial()).isFalse();
        assertThat(corrected.summary().services()).containsExactly("frontend", "orders", "payments");
        // The first version's calls are replaced, not added again.
        assertThat(graph(ours, t0)).containsExactly(
                new Edge("frontend", "orders", 1, 0),
                new Edge("orders", "payments", 1, 0),
                new Edge("orders", "postgresql@orders-db", 1, 0),
                new Edge("payments", "fx-rates", 1, 1));

        CombinedTrace whole = reader.trace(key).orElseThrow();
        assertThat(whole.spans()).hasSize(7);
        dev.skein.model.Span storedRates = spanById(whole, rates.id());
        assertThat(storedRates.status().code()).isEqualTo(StatusCode.ERROR);
        assertFound(window.withService("payments").withOperation("get /rates").withErrorsOnly(), traceHex);

        // No finalize timer failed along the way (a failed one would only reach the dead-letter
        // queue after five receives, minutes later: count the failures themselves).
        assertThat(skein.timerQueueStats().failedRecords()).isZero();
    }

    // ---- a poison record on the stream

    @Test
    void poisonRecord_onTheStream_goesToTheOnFailureDestinationAndTheRecordsAroundItAreStored() throws Exception {
        long t0 = System.currentTimeMillis() * MILLI;
        InMemorySpanExporter sent = InMemorySpanExporter.create();
        SdkTracerProvider neighbour = JavaSdk.provider("stream-neighbour", sent,
                otlp(false, SimpleSpanProcessor::create));
        Tracer tracer = neighbour.get("dev.skein.it.poison");

        io.opentelemetry.api.trace.Span before = tracer.spanBuilder("before poison")
                .setStartTimestamp(t0, TimeUnit.NANOSECONDS).startSpan();
        before.end(t0 + 2 * MILLI, TimeUnit.NANOSECONDS);
        JavaSdk.flush(neighbour);
        String traceHex = before.getSpanContext().getTraceId();

        // Same partition key as the trace's records, so same shard, between them.
        byte[] garbage = "\u0000\u00ffnot a Skein stream record".getBytes(StandardCharsets.ISO_8859_1);
        PutRecordResponse poison = kinesis.putRecord(r -> r.streamName(SkeinLocal.STREAM)
                .partitionKey(StreamRecordCodec.partitionKey(SkeinLocal.TENANT, TraceId.fromHex(traceHex)))
                .data(SdkBytes.fromByteArray(garbage)));

        io.opentelemetry.api.trace.Span after = tracer.spanBuilder("after poison")
                .setParent(Context.root().with(before)).setStartTimestamp(t0 + 3 * MILLI, TimeUnit.NANOSECONDS)
                .startSpan();
        after.end(t0 + 5 * MILLI, TimeUnit.NANOSECONDS);
        io.opentelemetry.api.trace.Span other = tracer.spanBuilder("another trace")
                .setNoParent().setStartTimestamp(t0 + 4 * MILLI, TimeUnit.NANOSECONDS).startSpan();
        other.end(t0 + 6 * MILLI, TimeUnit.NANOSECONDS);
        JavaSdk.flush(neighbour);
        neighbour.shutdown().join(10, TimeUnit.SECONDS);

        // The on-failure destination gets Lambda's record naming the poison's shard and a
        // sequence range that holds it.
        FailureRecord failure = eventually("an on-failure record for sequence number " + poison.sequenceNumber(),
                () -> receiveFailures(), records -> records.stream().anyMatch(f -> f.holds(poison)))
                .stream().filter(f -> f.holds(poison)).findFirst().orElseThrow();
        assertThat(failure.json()).contains("\"condition\":\"RetryAttemptsExhausted\"");
        assertThat(skein.spanStreamStats().discardedRecords()).isPositive();

        // The good records on both sides of it are stored, each span once.
        TraceKey key = new TraceKey(SkeinLocal.TENANT, TraceId.fromHex(traceHex));
        CombinedTrace trace = eventually("both spans of " + traceHex,
                () -> reader.trace(key), t -> t.isPresent() && t.get().spans().size() >= 2).orElseThrow();
        assertThat(trace.spans()).extracting(dev.skein.model.Span::name)
                .containsExactlyInAnyOrder("before poison", "after poison");
        TraceKey otherKey = new TraceKey(SkeinLocal.TENANT, TraceId.fromHex(other.getSpanContext().getTraceId()));
        assertThat(eventually("the span of the other trace", () -> reader.trace(otherKey), Optional::isPresent)
                .orElseThrow().spans()).extracting(dev.skein.model.Span::name).containsExactly("another trace");
        StoredSummary summary = eventually("the summary of " + traceHex,
                () -> reader.summary(key), s -> s.isPresent() && s.get().summary().spanCount() == 2).orElseThrow();
        assertThat(summary.summary().rootOperation()).isEqualTo("before poison");
        assertThat(summary.summary().partial()).isFalse();
    }

    // ---- helpers

    private static SpanProcessor otlp(boolean gzip, Function<SpanExporter, SpanProcessor> processor) {
        return JavaSdk.otlp(LocalSkein.otlpTracesUrl(skein), LocalSkein.devKey(skein), gzip, processor);
    }

    /** One reporter per call: each is a separate exporter, as separate processes would be. */
    private static void report(zipkin2.Span span) {
        ZipkinReporter.report(LocalSkein.zipkinSpansUrl(skein), List.of(span));
    }

    private static String randomSpanId() {
        return String.format("%016x", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    private static long micros(long epochNanos) {
        return epochNanos / 1000;
    }

    private static List<String> expectedSpanIds(List<SpanData> otel, zipkin2.Span... zipkin) {
        List<String> ids = new ArrayList<>(otel.stream().map(SpanData::getSpanId).toList());
        for (zipkin2.Span z : zipkin) {
            ids.add(z.id());
        }
        return ids;
    }

    private static dev.skein.model.Span spanById(CombinedTrace trace, String spanIdHex) {
        List<dev.skein.model.Span> found = trace.spans().stream()
                .filter(s -> Hex.spanIdToHex(s.spanId()).equals(spanIdHex)).toList();
        assertThat(found).as("span %s", spanIdHex).hasSize(1);
        return found.get(0);
    }

    private static void assertFound(TraceQuery query, String traceHex) throws InterruptedException {
        // Search pages are written with the chunks; a chunk may still be on its way.
        eventually("trace " + traceHex + " found by " + query, () -> hitIds(reader.search(query)),
                ids -> ids.contains(traceHex));
    }

    private static List<String> hitIds(SearchResult result) {
        return result.hits().stream().map(SearchHit::traceId).map(TraceId::toHex).toList();
    }

    record Edge(String parent, String child, long calls, long errors) {}

    /** The service graph around {@code t0}, the edges leaving {@code services}. */
    private static List<Edge> graph(Set<String> services, long t0) {
        List<Edge> edges = new ArrayList<>();
        for (DependencyLink l : reader.dependencies(SkeinLocal.TENANT, t0 - MINUTE, t0 + MINUTE)) {
            if (services.contains(l.parent())) {
                edges.add(new Edge(l.parent(), l.child(), l.calls(), l.errors()));
            }
        }
        return edges;
    }

    /** Lambda's on-failure record for a Kinesis batch, the fields this test checks. */
    record FailureRecord(String json, String shardId, BigInteger start, BigInteger end) {
        private static final Pattern FIELD = Pattern.compile("\"(shardId|startSequenceNumber|endSequenceNumber)\":\"([^\"]*)\"");

        static FailureRecord parse(String json) {
            Map<String, String> fields = new HashMap<>();
            Matcher m = FIELD.matcher(json);
            while (m.find()) {
                fields.put(m.group(1), m.group(2));
            }
            return new FailureRecord(json, fields.get("shardId"), new BigInteger(fields.get("startSequenceNumber")),
                    new BigInteger(fields.get("endSequenceNumber")));
        }

        boolean holds(PutRecordResponse record) {
            BigInteger seq = new BigInteger(record.sequenceNumber());
            return record.shardId().equals(shardId) && start.compareTo(seq) <= 0 && seq.compareTo(end) <= 0;
        }
    }

    private final List<FailureRecord> failures = new ArrayList<>();

    /** Every on-failure record received so far (received ones are deleted, so kept here). */
    private List<FailureRecord> receiveFailures() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(skein.streamFailureQueueUrl())
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        for (Message m : messages) {
            failures.add(FailureRecord.parse(m.body()));
            sqs.deleteMessage(r -> r.queueUrl(skein.streamFailureQueueUrl()).receiptHandle(m.receiptHandle()));
        }
        return List.copyOf(failures);
    }

    private static <T> T eventually(String what, Eventually.Probe<T> probe, Predicate<T> done)
            throws InterruptedException {
        return Eventually.until(what, probe, done, () -> LocalSkein.progress(skein));
    }
}
