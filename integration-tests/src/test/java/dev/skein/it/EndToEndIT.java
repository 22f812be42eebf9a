package dev.skein.it;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.local.SkeinLocal;
import dev.skein.model.AnyValue;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import zipkin2.Endpoint;

/**
 * Three real clients send one set of traces to skein-local, and each of the query function's
 * dialects answers them as its consoles expect: every trace read back by ID field by field, found
 * by search, and counted in the service graph. Every expectation is derived from what the
 * exporters say they sent.
 *
 * <p>The set, around one moment t0:
 * <ul>
 *   <li>checkout: shop-web (JavaScript SDK, OTLP/HTTP JSON) calls orders (Java SDK, OTLP/HTTP
 *       protobuf, gzip), which writes to PostgreSQL and calls payments (Zipkin reporter, Zipkin
 *       v2 JSON), whose call to fx-rates fails;
 *   <li>basket: shop-web calls inventory, which fails after publishing a message;
 *   <li>notify: notifier consumes that message in a trace of its own, linked to its producer.
 * </ul>
 */
class EndToEndIT {
    private static final long MILLI = 1_000_000L;

    @TempDir
    static Path dataDir;
    static SkeinLocal skein;
    static QueryApi api;
    /** Every span sent, by trace ID, the traces in the order they were sent. */
    static Map<String, List<SentSpan>> traces;

    @BeforeAll
    static void sendTheTraceSet() throws Exception {
        skein = LocalSkein.start(dataDir);
        api = LocalSkein.queryApi(skein);
        long t0 = (System.currentTimeMillis() - 1000) * MILLI;

        List<SentSpan> sent = new ArrayList<>(
                JavaScriptSdk.exportTraces(LocalSkein.otlpTracesUrl(skein), LocalSkein.devKey(skein), t0));
        List<SentSpan> orders = exportOrders(only(sent, "shop-web", "POST /orders"), t0);
        sent.addAll(orders);
        sent.addAll(reportPayments(only(orders, "orders", "POST /charge"), t0));
        traces = sent.stream().collect(groupingBy(SentSpan::traceId, LinkedHashMap::new, toList()));
        assertThat(traces).hasSize(3);

        for (Map.Entry<String, List<SentSpan>> t : traces.entrySet()) {
            int spans = t.getValue().size();
            Eventually.until("all " + spans + " spans of trace " + t.getKey(), () -> api.get("/api/traces/" + t.getKey()),
                    a -> a.status() == 200 && SkeinDialect.spans(a.json()).size() == spans,
                    () -> LocalSkein.progress(skein));
        }
    }

    @AfterAll
    static void stop() {
        if (skein != null) {
            skein.close();
        }
    }

    static Stream<Dialect> dialects() {
        return Stream.of(new ZipkinDialect(), new JaegerDialect(), new SkeinDialect());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void traceById_eachTrace_answersEverySpanAsItsExporterSentIt(Dialect dialect) throws Exception {
        for (Map.Entry<String, List<SentSpan>> t : traces.entrySet()) {
            dialect.assertTrace(api, t.getKey(), t.getValue());
        }
    }

    /**
     * For each service of each trace, and its longest span: found by the service alone, with
     * the span's name, one of its string and int attributes, a resource attribute, and a
     * duration range that holds exactly the span's duration; missed with a value that was not
     * sent and a range above it; found among failed traces exactly when one of the service's
     * spans failed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void search_byServiceOperationTagDurationAndErrors_findsEachTraceExactlyWhenItMatches(Dialect dialect)
            throws Exception {
        for (Map.Entry<String, List<SentSpan>> t : traces.entrySet()) {
            String traceId = t.getKey();
            Map<String, List<SentSpan>> byService = t.getValue().stream()
                    .collect(groupingBy(SentSpan::service, LinkedHashMap::new, toList()));
            for (Map.Entry<String, List<SentSpan>> s : byService.entrySet()) {
                Dialect.Search service = Dialect.Search.of(s.getKey());
                assertFinds(dialect, service, traceId);

                SentSpan longest = s.getValue().stream().max(Comparator.comparingLong(SentSpan::durationNanos)).orElseThrow();
                Dialect.Search operation = service.withOperation(longest.name());
                assertFinds(dialect, operation, traceId);
                for (Map.Entry<String, String> tag : searchableTags(longest)) {
                    assertFinds(dialect, service.withTag(tag.getKey(), tag.getValue()), traceId);
                    assertMisses(dialect, service.withTag(tag.getKey(), tag.getValue() + "-not-sent"), traceId);
                }
                long duration = longest.durationNanos();
                assertFinds(dialect, operation.withDuration(duration, duration), traceId);
                assertMisses(dialect, operation.withDuration(duration + 1000, 0), traceId);

                if (s.getValue().stream().anyMatch(SentSpan::failed)) {
                    assertFinds(dialect, service.withErrorsOnly(), traceId);
                } else {
                    assertMisses(dialect, service.withErrorsOnly(), traceId);
                }
            }
        }
    }

    /** A string and an int attribute of the span, and a string attribute of its resource, as search renders them. */
    private static List<Map.Entry<String, String>> searchableTags(SentSpan span) {
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        firstOfType(span.attributes(), AnyValue.StringValue.class).ifPresent(tags::add);
        firstOfType(span.attributes(), AnyValue.IntValue.class).ifPresent(tags::add);
        Map<String, AnyValue> resource = new LinkedHashMap<>(span.resource());
        resource.remove("service.name");
        firstOfType(resource, AnyValue.StringValue.class).ifPresent(tags::add);
        return tags;
    }

    private static Optional<Map.Entry<String, String>> firstOfType(Map<String, AnyValue> attributes,
            Class<? extends AnyValue> type) {
        return attributes.entrySet().stream().filter(a -> type.isInstance(a.getValue())).findFirst()
                .map(a -> Map.entry(a.getKey(), a.getValue() instanceof AnyValue.StringValue v ? v.value()
                        : Long.toString(((AnyValue.IntValue) a.getValue()).value())));
    }

    /** Search pages are written with a trace's chunks; the last may still be on its way. */
    private static void assertFinds(Dialect dialect, Dialect.Search search, String traceId) throws Exception {
        Eventually.until(dialect + " search " + search + " finding " + traceId, () -> dialect.search(api, search),
                found -> found.contains(traceId), () -> LocalSkein.progress(skein));
    }

    private static void assertMisses(Dialect dialect, Dialect.Search search, String traceId) throws Exception {
        assertThat(dialect.search(api, search)).as("%s search %s", dialect, search).doesNotContain(traceId);
    }

    /** Once the traces have been idle for the idle period, their calls and failures are counted. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void serviceGraph_afterTheIdlePeriod_countsEveryCallAndFailure(Dialect dialect) throws Exception {
        Set<Dialect.Edge> expected = ExpectedServiceGraph.of(allSpans()).edges().stream()
                .map(dialect::carried).collect(toSet());
        Eventually.until(dialect + " dependencies " + expected, () -> dialect.dependencies(api), expected::equals,
                () -> LocalSkein.progress(skein));
    }

    @Test
    void serviceMap_calleesThatReportedNoSpans_areRemoteNodes() throws Exception {
        ExpectedServiceGraph expected = ExpectedServiceGraph.of(allSpans());
        assertThat(expected.remoteNodes()).isNotEmpty();
        Eventually.until("the service map's remote nodes " + expected.remoteNodes(), () -> SkeinDialect.remoteNodes(api),
                expected.remoteNodes()::equals, () -> LocalSkein.progress(skein));
    }

    private static List<SentSpan> allSpans() {
        return traces.values().stream().flatMap(List::stream).toList();
    }

    private static SentSpan only(List<SentSpan> spans, String service, String name) {
        List<SentSpan> found = spans.stream().filter(s -> s.service().equals(service) && s.name().equals(name)).toList();
        assertThat(found).as("%s's span %s", service, name).hasSize(1);
        return found.get(0);
    }

    // ---- the Java SDK's and the Zipkin reporter's parts of checkout

    /** orders, called by shop-web's {@code caller}: a server span, a validation, a write and a call to payments. */
    private static List<SentSpan> exportOrders(SentSpan caller, long t0) {
        InMemorySpanExporter sent = InMemorySpanExporter.create();
        SdkTracerProvider orders = JavaSdk.provider("orders", sent, JavaSdk.otlp(LocalSkein.otlpTracesUrl(skein),
                LocalSkein.devKey(skein), true, e -> BatchSpanProcessor.builder(e).build()));
        Tracer tracer = orders.get("dev.skein.it.orders", "2.0.0");
        Span handle = tracer.spanBuilder("POST /orders")
                .setParent(JavaSdk.remoteParent(caller.traceId(), caller.spanId())).setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(t0 + 10 * MILLI + 321, TimeUnit.NANOSECONDS)
                .setAttribute("http.request.method", "POST").setAttribute("http.route", "/orders")
                .setAttribute("http.response.status_code", 201L)
                .setAttribute(AttributeKey.longArrayKey("order.line_quantities"), List.of(2L, 1L))
                .setAttribute(AttributeKey.doubleArrayKey("order.discounts"), List.of(0.1, 0.05))
                .setAttribute(AttributeKey.booleanArrayKey("order.lines_in_stock"), List.of(true, true))
                .setAttribute(AttributeKey.stringArrayKey("order.coupons"), List.of("WELCOME", "FREESHIP"))
                .setAttribute("order.total", 41.9).setAttribute("order.express", false)
                .startSpan();
        Context inHandle = Context.root().with(handle);
        Span validate = tracer.spanBuilder("validate order").setParent(inHandle)
                .setStartTimestamp(t0 + 11 * MILLI, TimeUnit.NANOSECONDS).startSpan();
        validate.addEvent("order validated", Attributes.of(AttributeKey.longKey("order.lines"), 2L),
                t0 + 13 * MILLI + 77, TimeUnit.NANOSECONDS);
        validate.end(t0 + 14 * MILLI, TimeUnit.NANOSECONDS);
        Span insert = tracer.spanBuilder("INSERT orders").setParent(inHandle).setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(t0 + 15 * MILLI, TimeUnit.NANOSECONDS)
                .setAttribute("db.system", "postgresql").setAttribute("server.address", "orders-db")
                .setAttribute("db.statement", "INSERT INTO orders VALUES ($1, $2)")
                .addLink(validate.getSpanContext(), Attributes.of(AttributeKey.stringKey("link.reason"), "validated-by"))
                .startSpan();
        insert.end(t0 + 25 * MILLI + 5, TimeUnit.NANOSECONDS);
        Span charge = tracer.spanBuilder("POST /charge").setParent(inHandle).setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(t0 + 30 * MILLI, TimeUnit.NANOSECONDS)
                .setAttribute("http.request.method", "POST").setAttribute("server.address", "payments.internal")
                .startSpan();
        charge.end(t0 + 80 * MILLI, TimeUnit.NANOSECONDS);
        handle.addEvent("order stored", t0 + 26 * MILLI, TimeUnit.NANOSECONDS);
        handle.end(t0 + 85 * MILLI + 999, TimeUnit.NANOSECONDS);

        JavaSdk.flush(orders);
        List<SentSpan> spans = sent.getFinishedSpanItems().stream().map(SentSpan::fromJavaSdk).toList();
        orders.shutdown().join(10, TimeUnit.SECONDS);
        return spans;
    }

    /** payments, called by orders' {@code caller}, reported the Zipkin way: it fails to get rates from fx-rates. */
    private static List<SentSpan> reportPayments(SentSpan caller, long t0) {
        Endpoint payments = Endpoint.newBuilder().serviceName("payments").ip("10.0.0.7").port(8443).build();
        zipkin2.Span charge = zipkin2.Span.newBuilder().traceId(caller.traceId()).parentId(caller.spanId())
                .id("5a1e000000000001").name("post /charge").kind(zipkin2.Span.Kind.SERVER)
                .timestamp((t0 + 35 * MILLI) / 1000).duration(40_000L).localEndpoint(payments)
                .addAnnotation((t0 + 60 * MILLI) / 1000, "card authorized")
                .putTag("payment.method", "card").putTag("http.path", "/charge").build();
        zipkin2.Span rates = zipkin2.Span.newBuilder().traceId(caller.traceId()).parentId(charge.id())
                .id("5a1e000000000002").name("get /rates").kind(zipkin2.Span.Kind.CLIENT)
                .timestamp((t0 + 40 * MILLI) / 1000).duration(10_000L).localEndpoint(payments)
                .remoteEndpoint(Endpoint.newBuilder().serviceName("fx-rates").ip("10.0.0.9").port(443).build())
                .putTag("error", "rate service unavailable").build();
        List<zipkin2.Span> spans = List.of(charge, rates);
        ZipkinReporter.report(LocalSkein.zipkinSpansUrl(skein), spans);
        return spans.stream().map(SentSpan::fromZipkin).toList();
    }
}
