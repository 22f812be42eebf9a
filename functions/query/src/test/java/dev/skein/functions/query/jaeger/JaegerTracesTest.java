package dev.skein.functions.query.jaeger;

import static dev.skein.functions.query.jaeger.JsonTree.list;
import static dev.skein.functions.query.jaeger.JsonTree.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.InstrumentationScope;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanLink;
import dev.skein.model.SpanStatus;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import dev.skein.query.TraceView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JaegerTracesTest {
    private static final TraceId TRACE = new TraceId(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L);
    private static final TraceId OTHER = new TraceId(0, 0x1234L);
    private static final long START = 1_795_600_000_123_456_789L;
    private static final Resource WEB = new Resource(List.of(Attribute.of("service.name", "web"),
            Attribute.of("host.name", "h1"), new Attribute("process.pid", AnyValue.of(42L))), 0, "");

    private static Span.Builder span(long id, long parent) {
        Span.Builder b = Span.builder();
        b.traceId = TRACE;
        b.spanId = id;
        b.parentSpanId = parent;
        b.name = "op" + id;
        b.startEpochNanos = START + id * 1_000_000;
        b.endEpochNanos = b.startEpochNanos + 2_500_999;
        b.resource = WEB;
        return b;
    }

    private static Map<String, Object> json(TraceView trace) {
        return JsonTree.object(Envelope.json(200, g -> JaegerTraces.write(g, trace)).bodyText());
    }

    private static Map<String, Object> onlySpan(Span s) {
        Map<String, Object> trace = json(new TraceView(s.traceId(), List.of(s), !s.isRoot()));
        return map(list(trace.get("spans")).get(0));
    }

    /** A tag as Jaeger writes it: key, type, value. */
    private static Map<String, Object> tag(String key, String type, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("type", type);
        m.put("value", value);
        return m;
    }

    private static Map<String, Object> ref(String type, String trace, String span) {
        return Map.of("refType", type, "traceID", trace, "spanID", span);
    }

    @Test
    void write_aFullSpan_hasJaegersFieldsInJaegersUnits() {
        Span.Builder b = span(2, 1);
        b.flags = 0x301; // sampled, with the OTLP remote-parent bits above the W3C byte
        b.kind = SpanKind.SERVER;
        b.traceState = "vendor=x";
        b.status = new SpanStatus(StatusCode.ERROR, "boom");
        b.scope = new InstrumentationScope("io.opentelemetry.okhttp", "1.2.0", List.of(), 0, "");
        b.attributes = List.of(Attribute.of("http.method", "GET"), new Attribute("http.status_code", AnyValue.of(500L)));
        b.events = List.of(new SpanEvent(START + 3_000_000, "exception",
                List.of(Attribute.of("exception.type", "IOException")), 0));

        Map<String, Object> s = onlySpan(b.build());

        assertThat(s.keySet()).containsExactly("traceID", "spanID", "flags", "operationName", "references", "startTime",
                "duration", "tags", "logs", "processID", "warnings");
        assertThat(s.get("traceID")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(s.get("spanID")).isEqualTo("0000000000000002");
        assertThat(s.get("flags")).isEqualTo(1L);
        assertThat(s.get("operationName")).isEqualTo("op2");
        assertThat(s.get("references")).isEqualTo(List.of(ref("CHILD_OF", "4bf92f3577b34da6a3ce929d0e0e4736",
                "0000000000000001")));
        assertThat(s.get("startTime")).isEqualTo((START + 2_000_000) / 1000);
        assertThat(s.get("duration")).isEqualTo(2_500L);
        assertThat(s.get("tags")).isEqualTo(List.of(
                tag("otel.scope.name", "string", "io.opentelemetry.okhttp"),
                tag("otel.scope.version", "string", "1.2.0"),
                tag("http.method", "string", "GET"),
                tag("http.status_code", "int64", 500L),
                tag("span.kind", "string", "server"),
                tag("otel.status_code", "string", "ERROR"),
                tag("error", "bool", true),
                tag("otel.status_description", "string", "boom"),
                tag("w3c.tracestate", "string", "vendor=x")));
        assertThat(s.get("logs")).isEqualTo(List.of(Map.of("timestamp", (START + 3_000_000) / 1000,
                "fields", List.of(tag("event", "string", "exception"), tag("exception.type", "string", "IOException")))));
        assertThat(s.get("processID")).isEqualTo("p1");
        assertThat(s).containsEntry("warnings", null);
    }

    @Test
    void write_aRootSpanOfUnspecifiedKindWithOkStatus_hasNoReferenceKindOrErrorTag() {
        Span.Builder b = span(1, 0);
        b.status = new SpanStatus(StatusCode.OK, "");

        Map<String, Object> s = onlySpan(b.build());

        assertThat(s.get("references")).isEqualTo(List.of());
        assertThat(s.get("tags")).isEqualTo(List.of(tag("otel.status_code", "string", "OK")));
        assertThat(s.get("logs")).isEqualTo(List.of());
        assertThat(s.get("flags")).isEqualTo(0L);
    }

    @Test
    void write_spanKinds_areJaegersLowerCaseNames() {
        List<Object> kinds = new ArrayList<>();
        for (SpanKind k : List.of(SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER, SpanKind.INTERNAL)) {
            Span.Builder b = span(1, 0);
            b.kind = k;
            kinds.add(map(list(onlySpan(b.build()).get("tags")).get(0)).get("value"));
        }
        assertThat(kinds).containsExactly("client", "producer", "consumer", "internal");
    }

    @Test
    void write_links_becomeFollowsFromReferencesInThisOrAnotherTrace() {
        Span.Builder b = span(3, 1);
        b.links = List.of(
                new SpanLink(TRACE, 2, "", 0, List.of(), 0),
                new SpanLink(OTHER, 9, "", 0, List.of(Attribute.of("opentracing.ref_type", "child_of")), 0),
                new SpanLink(OTHER, 10, "", 0, List.of(Attribute.of("opentracing.ref_type", "follows_from")), 0));

        assertThat(onlySpan(b.build()).get("references")).isEqualTo(List.of(
                ref("CHILD_OF", "4bf92f3577b34da6a3ce929d0e0e4736", "0000000000000001"),
                ref("FOLLOWS_FROM", "4bf92f3577b34da6a3ce929d0e0e4736", "0000000000000002"),
                ref("CHILD_OF", "0000000000001234", "0000000000000009"),
                ref("FOLLOWS_FROM", "0000000000001234", "000000000000000a")));
    }

    @Test
    void write_aLinkToTheParent_retypesTheParentReferenceInsteadOfRepeatingIt() {
        Span.Builder b = span(3, 1);
        b.links = List.of(new SpanLink(TRACE, 1, "", 0, List.of(), 0));

        assertThat(onlySpan(b.build()).get("references")).isEqualTo(List.of(
                ref("FOLLOWS_FROM", "4bf92f3577b34da6a3ce929d0e0e4736", "0000000000000001")));
    }

    @Test
    void write_aLinkWithoutTraceId_isLeftOutWithAWarning() {
        Span.Builder b = span(3, 0);
        b.links = List.of(new SpanLink(new TraceId(0, 0), 7, "", 0, List.of(), 0),
                new SpanLink(new TraceId(0, 0), 8, "", 0, List.of(), 0));

        Map<String, Object> s = onlySpan(b.build());

        assertThat(s.get("references")).isEqualTo(List.of());
        assertThat(s.get("warnings")).isEqualTo(List.of(JaegerTraces.INVALID_LINK_WARNING));
    }

    @Test
    void write_droppedAttributesEventsAndLinks_areSaidInWarnings() {
        Span.Builder b = span(1, 0);
        b.droppedAttributesCount = 3;
        b.droppedEventsCount = 1;
        b.droppedLinksCount = 2;

        assertThat(onlySpan(b.build()).get("warnings")).isEqualTo(List.of("3 attributes were dropped before storage",
                "1 event was dropped before storage", "2 links were dropped before storage"));
    }

    @Test
    void write_valuesOfEveryType_haveJaegersTypes() {
        Span.Builder b = span(1, 0);
        b.attributes = List.of(
                new Attribute("b", AnyValue.of(false)),
                new Attribute("d", AnyValue.of(0.25)),
                new Attribute("nan", AnyValue.of(Double.NaN)),
                new Attribute("inf", AnyValue.of(Double.NEGATIVE_INFINITY)),
                new Attribute("safe", AnyValue.of((1L << 53) - 1)),
                new Attribute("big", AnyValue.of(1L << 53)),
                new Attribute("min", AnyValue.of(Long.MIN_VALUE)),
                new Attribute("bytes", new AnyValue.BytesValue("hi!?".getBytes(StandardCharsets.UTF_8))),
                new Attribute("array", new AnyValue.ArrayValue(List.of(AnyValue.of("a"), AnyValue.of(1L),
                        AnyValue.of(true), AnyValue.Empty.INSTANCE))),
                new Attribute("map", new AnyValue.KeyValueList(List.of(Attribute.of("k", "v"),
                        new Attribute("n", new AnyValue.ArrayValue(List.of(AnyValue.of(1.5))))))),
                new Attribute("empty", AnyValue.Empty.INSTANCE));

        assertThat(onlySpan(b.build()).get("tags")).isEqualTo(List.of(
                tag("b", "bool", false),
                tag("d", "float64", 0.25),
                tag("nan", "float64", "NaN"),
                tag("inf", "float64", "-Inf"),
                tag("safe", "int64", (1L << 53) - 1),
                tag("big", "int64", "9007199254740992"),
                tag("min", "int64", "-9223372036854775808"),
                tag("bytes", "binary", "aGkhPw=="),
                tag("array", "string", "[\"a\",1,true,null]"),
                tag("map", "string", "{\"k\":\"v\",\"n\":[1.5]}"),
                tag("empty", "string", "")));
    }

    @Test
    void write_eventFields_startWithTheNameUnlessAnAttributeAlreadyNamesTheEvent() {
        Span.Builder b = span(1, 0);
        b.events = List.of(
                new SpanEvent(START, "retry", List.of(Attribute.of("event", "own"), Attribute.of("n", "1")), 0),
                new SpanEvent(START + 1000, "", List.of(Attribute.of("message", "x")), 0));

        List<Object> logs = list(onlySpan(b.build()).get("logs"));

        assertThat(map(logs.get(0)).get("fields")).isEqualTo(List.of(tag("event", "string", "own"),
                tag("n", "string", "1")));
        assertThat(map(logs.get(1))).isEqualTo(Map.of("timestamp", START / 1000 + 1,
                "fields", List.of(tag("message", "string", "x"))));
    }

    @Test
    void write_spansOfEqualResources_shareOneProcess() {
        Resource sameAsWeb = new Resource(List.copyOf(WEB.attributes()), 0, "https://opentelemetry.io/schemas/1.2");
        Resource api = new Resource(List.of(Attribute.of("service.name", "api")), 0, "");
        Span.Builder a = span(1, 0);
        Span.Builder b = span(2, 1);
        b.resource = api;
        Span.Builder c = span(3, 1);
        c.resource = sameAsWeb;

        Map<String, Object> trace = json(new TraceView(TRACE, List.of(a.build(), b.build(), c.build()), false));

        assertThat(list(trace.get("spans"))).extracting(s -> map(s).get("processID")).containsExactly("p1", "p2", "p1");
        assertThat(trace.get("processes")).isEqualTo(Map.of(
                "p1", Map.of("serviceName", "web", "tags", List.of(tag("host.name", "string", "h1"),
                        tag("process.pid", "int64", 42L))),
                "p2", Map.of("serviceName", "api", "tags", List.of())));
    }

    @Test
    void write_aResourceWithoutServiceName_isTheUnknownService() {
        Span.Builder b = span(1, 0);
        b.resource = new Resource(List.of(new Attribute("service.name", AnyValue.of(7L))), 0, "");

        Map<String, Object> trace = json(new TraceView(TRACE, List.of(b.build()), false));

        assertThat(trace.get("processes")).isEqualTo(Map.of("p1", Map.of("serviceName", "unknown_service",
                "tags", List.of(tag("service.name", "int64", 7L)))));
    }

    @Test
    void write_theTrace_hasItsIdSpansProcessesAndWarningsInJaegersOrder() {
        Map<String, Object> trace = json(new TraceView(TRACE, List.of(span(1, 0).build()), false));

        assertThat(trace.keySet()).containsExactly("traceID", "spans", "processes", "warnings");
        assertThat(trace.get("traceID")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace).containsEntry("warnings", null);
    }

    @Test
    void write_aTraceWithoutRootYet_carriesAWarning() {
        Map<String, Object> trace = json(new TraceView(TRACE, List.of(span(2, 1).build()), true));

        assertThat(trace.get("warnings")).isEqualTo(List.of(JaegerTraces.PARTIAL_WARNING));
    }

    @Test
    void write_a64BitTrace_printsSixteenDigits() {
        Span.Builder b = span(1, 0);
        b.traceId = OTHER;

        Map<String, Object> trace = json(new TraceView(OTHER, List.of(b.build()), false));

        assertThat(trace.get("traceID")).isEqualTo("0000000000001234");
        assertThat(map(list(trace.get("spans")).get(0)).get("traceID")).isEqualTo("0000000000001234");
    }

    @Test
    void write_spansOfSeveralTracesMergedByA64BitLookup_carryTheAskedId() {
        TraceId asked = new TraceId(0, TRACE.low());
        Span.Builder b = span(2, 0);
        b.traceId = new TraceId(7, TRACE.low());

        Map<String, Object> trace = json(new TraceView(asked, List.of(span(1, 0).build(), b.build()), false));

        assertThat(trace.get("traceID")).isEqualTo("a3ce929d0e0e4736");
        assertThat(list(trace.get("spans"))).extracting(s -> map(s).get("traceID"))
                .containsExactly("4bf92f3577b34da6a3ce929d0e0e4736", "0000000000000007a3ce929d0e0e4736");
    }
}
