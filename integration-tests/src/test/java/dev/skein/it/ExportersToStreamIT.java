package dev.skein.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.ingest.IngestLimits;
import dev.skein.local.SkeinLocal;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Hex;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.StatusCode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import zipkin2.Endpoint;

/**
 * Real exporters, as a user's service runs them, send to skein-local's front door; every span
 * they exported is read back from the Kinesis emulator, exactly once, grouped by trace under
 * the right partition key, with its content intact.
 */
class ExportersToStreamIT {
    @TempDir
    static Path dataDir;
    static SkeinLocal skein;
    static KinesisClient kinesis;

    @BeforeAll
    static void start() throws Exception {
        skein = LocalSkein.start(dataDir);
        kinesis = LocalSkein.kinesisClient(skein);
    }

    @AfterAll
    static void stop() {
        if (kinesis != null) {
            kinesis.close();
        }
        if (skein != null) {
            skein.close();
        }
    }

    /** Spans in the stream whose trace is one of {@code traceIds}, checking how records are keyed. */
    private static List<Span> storedSpans(java.util.Set<String> traceIds) throws Exception {
        List<Span> out = new ArrayList<>();
        for (StreamContents.Entry e : StreamContents.readAll(kinesis, SkeinLocal.STREAM)) {
            String traceId = e.record().header().traceId().toHex();
            if (!traceIds.contains(traceId)) {
                continue;
            }
            assertThat(e.partitionKey()).isEqualTo(SkeinLocal.TENANT + "/" + traceId);
            assertThat(e.record().header().tenant()).isEqualTo(SkeinLocal.TENANT);
            assertThat(e.record().spans()).allSatisfy(s -> assertThat(s.traceId().toHex()).isEqualTo(traceId));
            assertThat(e.record().header().spans()).isEqualTo(e.record().spans().size());
            out.addAll(e.record().spans());
        }
        return out;
    }

    @Test
    void openTelemetrySdk_otlpHttpProtobufGzip_everySpanArrivesOnceAndIntact() throws Exception {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        SdkTracerProvider provider = JavaSdk.provider("checkout", exported,
                JavaSdk.otlp(LocalSkein.otlpTracesUrl(skein), LocalSkein.devKey(skein), true,
                        e -> BatchSpanProcessor.builder(e).build()));
        Tracer tracer = provider.get("dev.skein.it", "1.2.3");

        for (int t = 0; t < 5; t++) {
            io.opentelemetry.api.trace.Span root = tracer.spanBuilder("POST /checkout")
                    .setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER)
                    .setAttribute("http.request.method", "POST")
                    .setAttribute("http.response.status_code", 200L)
                    .setAttribute("cart.total", 99.5)
                    .setAttribute("cart.gift", true)
                    .setAttribute(AttributeKey.stringArrayKey("cart.items"), List.of("book", "pen"))
                    .setAttribute(AttributeKey.longArrayKey("cart.quantities"), List.of(1L, 3L))
                    .startSpan();
            try (Scope ignored = root.makeCurrent()) {
                io.opentelemetry.api.trace.Span db = tracer.spanBuilder("SELECT orders")
                        .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
                        .setAttribute("db.system", "postgresql")
                        .setAttribute("db.statement", "SELECT * FROM orders WHERE id = $1 -- ünïcödé ✓")
                        .addLink(root.getSpanContext(), Attributes.of(AttributeKey.stringKey("link.kind"), "retry-of"))
                        .startSpan();
                db.addEvent("rows fetched", Attributes.of(AttributeKey.longKey("rows"), 42L));
                db.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "connection reset");
                db.recordException(new IllegalStateException("boom"));
                db.end();
                for (int i = 0; i < t; i++) {
                    tracer.spanBuilder("render " + i).startSpan().end();
                }
            } finally {
                root.end();
            }
        }
        JavaSdk.flush(provider);
        List<SpanData> sent = exported.getFinishedSpanItems(); // before shutdown, which clears it
        provider.shutdown().join(10, TimeUnit.SECONDS);

        assertThat(sent).hasSize(5 * 2 + 10);
        List<Span> stored = storedSpans(sent.stream().map(SpanData::getTraceId).collect(Collectors.toSet()));
        assertThat(stored).hasSameSizeAs(sent);
        Map<Long, Span> bySpanId = new HashMap<>();
        for (Span s : stored) {
            assertThat(bySpanId.put(s.spanId(), s)).as("span %s stored once", Hex.spanIdToHex(s.spanId())).isNull();
        }
        for (SpanData expected : sent) {
            Span actual = bySpanId.get(Hex.parseSpanId(expected.getSpanId()));
            assertThat(actual).as("span %s", expected.getSpanId()).isNotNull();
            assertSame(expected, actual);
        }
    }

    private static void assertSame(SpanData e, Span a) {
        assertThat(a.traceId().toHex()).isEqualTo(e.getTraceId());
        assertThat(a.parentSpanId()).isEqualTo(e.getParentSpanContext().isValid()
                ? Hex.parseSpanId(e.getParentSpanId()) : 0L);
        assertThat(a.name()).isEqualTo(e.getName());
        assertThat(a.kind()).isEqualTo(SpanKind.valueOf(e.getKind().name()));
        assertThat(a.startEpochNanos()).isEqualTo(e.getStartEpochNanos());
        assertThat(a.endEpochNanos()).isEqualTo(e.getEndEpochNanos());
        assertThat(a.flags() & 0xff).isEqualTo(e.getSpanContext().getTraceFlags().asByte() & 0xff);
        assertThat(toMap(a.attributes())).isEqualTo(SentSpan.attributes(e.getAttributes()));
        assertThat(a.status().code()).isEqualTo(StatusCode.valueOf(e.getStatus().getStatusCode().name()));
        assertThat(a.status().message()).isEqualTo(e.getStatus().getDescription());
        assertThat(a.events()).hasSameSizeAs(e.getEvents());
        for (int i = 0; i < e.getEvents().size(); i++) {
            EventData ev = e.getEvents().get(i);
            SpanEvent av = a.events().get(i);
            assertThat(av.name()).isEqualTo(ev.getName());
            assertThat(av.epochNanos()).isEqualTo(ev.getEpochNanos());
            // Exception stack traces run past the 2 KiB value cap: stored truncated, and counted.
            Map<String, AnyValue> expected = new HashMap<>(SentSpan.attributes(ev.getAttributes()));
            expected.replaceAll((k, v) -> truncated(v));
            assertThat(toMap(av.attributes())).isEqualTo(expected);
        }
        assertThat(a.links()).hasSameSizeAs(e.getLinks());
        for (int i = 0; i < e.getLinks().size(); i++) {
            LinkData l = e.getLinks().get(i);
            assertThat(a.links().get(i).traceId().toHex()).isEqualTo(l.getSpanContext().getTraceId());
            assertThat(Hex.spanIdToHex(a.links().get(i).spanId())).isEqualTo(l.getSpanContext().getSpanId());
            assertThat(toMap(a.links().get(i).attributes())).isEqualTo(SentSpan.attributes(l.getAttributes()));
        }
        assertThat(toMap(a.resource().attributes())).isEqualTo(SentSpan.attributes(e.getResource().getAttributes()));
        assertThat(a.scope().name()).isEqualTo(e.getInstrumentationScopeInfo().getName());
        assertThat(a.scope().version()).isEqualTo(e.getInstrumentationScopeInfo().getVersion());
    }

    private static AnyValue truncated(AnyValue v) {
        int max = IngestLimits.DEFAULTS.maxAttributeValueBytes();
        if (v instanceof AnyValue.StringValue s && s.value().getBytes(StandardCharsets.UTF_8).length > max) {
            return AnyValue.of(s.value().substring(0, max)); // stack traces are ASCII
        }
        return v;
    }

    private static Map<String, AnyValue> toMap(List<Attribute> attrs) {
        Map<String, AnyValue> m = new HashMap<>();
        attrs.forEach(a -> m.put(a.key(), a.value()));
        return m;
    }

    @Test
    void zipkinReporter_jsonV2_everySpanArrivesOnceAndMapped() throws Exception {
        long nowMicros = System.currentTimeMillis() * 1000;
        Endpoint frontend = Endpoint.newBuilder().serviceName("frontend").ip("172.17.0.13").port(8080).build();
        Endpoint backend = Endpoint.newBuilder().serviceName("backend").ip("192.168.99.101").port(9000).build();
        List<zipkin2.Span> sent = new ArrayList<>();
        for (int t = 1; t <= 3; t++) {
            String traceId = String.format("%016x%016x", 0x5af7183fb1d4cf5fL, 0x1000L + t);
            sent.add(zipkin2.Span.newBuilder().traceId(traceId).id("00000000000000" + t + "1").name("get /api")
                    .kind(zipkin2.Span.Kind.CLIENT).timestamp(nowMicros - 2000).duration(1500)
                    .localEndpoint(frontend).remoteEndpoint(backend)
                    .addAnnotation(nowMicros - 1900, "wire send")
                    .putTag("http.path", "/api").build());
            sent.add(zipkin2.Span.newBuilder().traceId(traceId).id("00000000000000" + t + "1").name("get /api")
                    .kind(zipkin2.Span.Kind.SERVER).shared(true).timestamp(nowMicros - 1800).duration(1000)
                    .localEndpoint(backend).putTag("error", "timeout").build());
        }
        // A 64-bit trace ID, as older Zipkin tracers send.
        sent.add(zipkin2.Span.newBuilder().traceId("463ac35c9f6413ad").id("72485a3953bb6124").name("cron")
                .timestamp(nowMicros - 5000).duration(10).localEndpoint(backend).build());

        ZipkinReporter.report(LocalSkein.zipkinSpansUrl(skein), sent);

        List<Span> stored = storedSpans(sent.stream()
                .map(s -> dev.skein.model.TraceId.fromHex(s.traceId()).toHex()).collect(Collectors.toSet()));
        assertThat(stored).hasSize(sent.size());
        for (zipkin2.Span z : sent) {
            List<Span> matches = stored.stream()
                    .filter(s -> Hex.spanIdToHex(s.spanId()).equals(z.id())
                            && s.traceId().equals(dev.skein.model.TraceId.fromHex(z.traceId()))
                            && s.kind() == (z.kind() == null ? SpanKind.INTERNAL : SpanKind.valueOf(z.kind().name())))
                    .toList();
            assertThat(matches).as("span %s %s", z.id(), z.kind()).hasSize(1);
            Span s = matches.get(0);
            assertThat(s.name()).isEqualTo(z.name());
            assertThat(s.startEpochNanos()).isEqualTo(z.timestampAsLong() * 1000);
            assertThat(s.durationNanos()).isEqualTo(z.durationAsLong() * 1000);
            assertThat(s.serviceName()).isEqualTo(z.localServiceName());
            if (z.remoteEndpoint() != null) {
                assertThat(s.attributes()).contains(Attribute.of("peer.service", "backend"), Attribute.of("net.peer.ip", "192.168.99.101"));
            }
            if (z.tags().containsKey("error")) {
                assertThat(s.status().code()).isEqualTo(StatusCode.ERROR);
                assertThat(s.status().message()).isEqualTo("timeout");
                assertThat(s.attributes()).contains(new Attribute("zipkin.shared", AnyValue.of(true)));
            }
            assertThat(s.events()).extracting(SpanEvent::name)
                    .containsExactlyElementsOf(z.annotations().stream().map(zipkin2.Annotation::value).toList());
        }
    }
}
