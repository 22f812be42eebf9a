package dev.skein.functions.query.zipkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.skein.codec.ZipkinJsonDecoder;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.InstrumentationScope;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanStatus;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesDecoder;
import zipkin2.codec.SpanBytesEncoder;

class ZipkinSpansTest {
    private static final TraceId TRACE = new TraceId(0x5af7183fb1d4cf5fL, 0x0123456789abcdefL);
    private static final long START = 1_760_000_000_123_456_789L;

    /**
     * Spans as Zipkin reporters send them: both ID widths, every kind, both endpoints with every
     * address form, annotations, shared and debug, and the tags the OpenTelemetry mapping reads.
     */
    private static final String ZIPKIN_SHAPED = """
            [
              {"traceId": "5af7183fb1d4cf5f0123456789abcdef", "id": "352bff9a74ca9ad2",
               "kind": "SERVER", "name": "get /api", "timestamp": 1760000000100000, "duration": 1431,
               "localEndpoint": {"serviceName": "backend", "ipv4": "192.168.99.1", "port": 3306},
               "remoteEndpoint": {"ipv4": "172.19.0.2", "port": 58648},
               "annotations": [{"timestamp": 1760000000100100, "value": "wr"},
                               {"timestamp": 1760000000100050, "value": "ws"}],
               "tags": {"http.method": "GET", "http.path": "/api"}},
              {"traceId": "5af7183fb1d4cf5f0123456789abcdef", "parentId": "352bff9a74ca9ad2", "id": "6b221d5bc9e6496c",
               "kind": "CLIENT", "name": "select", "timestamp": 1760000000100200, "duration": 900,
               "localEndpoint": {"serviceName": "backend", "ipv6": "2001:db8::c001"},
               "remoteEndpoint": {"serviceName": "mysql", "ipv4": "10.1.2.3", "ipv6": "2001:db8::1", "port": 3306},
               "tags": {"error": "connection reset", "otel.status_code": "ERROR", "sql.query": "select 1"}},
              {"traceId": "5af7183fb1d4cf5f0123456789abcdef", "parentId": "352bff9a74ca9ad2", "id": "6b221d5bc9e6496c",
               "kind": "SERVER", "name": "select", "timestamp": 1760000000100300, "duration": 700,
               "localEndpoint": {"serviceName": "mysql"}, "shared": true,
               "tags": {"error": "", "otel.status_code": "ERROR"}},
              {"traceId": "0123456789abcdef", "id": "00000000000000a1", "kind": "PRODUCER", "name": "send",
               "timestamp": 1760000000200000, "duration": 1,
               "localEndpoint": {"serviceName": "frontend"}, "remoteEndpoint": {"serviceName": "kafka"},
               "debug": true,
               "tags": {"otel.scope.name": "io.opentelemetry.kafka-clients", "otel.scope.version": "2.10.0",
                        "otel.status_code": "OK"}},
              {"traceId": "0123456789abcdef", "parentId": "00000000000000a1", "id": "00000000000000a2",
               "kind": "CONSUMER", "name": "receive", "timestamp": 1760000000200500, "duration": 20,
               "localEndpoint": {"serviceName": "worker"}, "remoteEndpoint": {"serviceName": "kafka"}},
              {"traceId": "0123456789abcdef", "parentId": "00000000000000a2", "id": "00000000000000a3",
               "name": "process", "timestamp": 1760000000200600, "duration": 5,
               "localEndpoint": {"serviceName": "worker"}}
            ]
            """;

    @Test
    void encodeTrace_whenZipkinShapedInputDecoded_answersItAsZipkinWroteIt() throws Exception {
        byte[] input = ZIPKIN_SHAPED.getBytes(StandardCharsets.UTF_8);
        List<Span> decoded = new ZipkinJsonDecoder().decode(input, 100).spans();

        byte[] answered = ZipkinSpans.encodeTrace(decoded);

        // zipkin2's own decode and encode give the canonical form of the input (field order, no spaces).
        String expected = new String(SpanBytesEncoder.JSON_V2.encodeList(SpanBytesDecoder.JSON_V2.decodeList(input)),
                StandardCharsets.UTF_8);
        assertThat(new String(answered, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void toZipkin_whenZipkinErrorTagAlone_addsTheStatusCodeTheSpecificationAsksFor() throws Exception {
        byte[] input = """
                [{"traceId": "0123456789abcdef", "id": "00000000000000a1", "name": "get",
                  "timestamp": 1760000000200000, "duration": 3, "localEndpoint": {"serviceName": "web"},
                  "tags": {"error": "timeout"}}]""".getBytes(StandardCharsets.UTF_8);
        Span decoded = new ZipkinJsonDecoder().decode(input, 1).spans().get(0);

        assertThat(ZipkinSpans.toZipkin(decoded).tags())
                .containsExactly(entry("error", "timeout"), entry("otel.status_code", "ERROR"));
    }

    @Test
    void toZipkin_whenOtlpSpan_mapsIdsKindTimesAndNames() {
        Span s = span(SpanKind.SERVER).build();

        zipkin2.Span z = ZipkinSpans.toZipkin(s);

        assertThat(z.traceId()).isEqualTo("5af7183fb1d4cf5f0123456789abcdef");
        assertThat(z.id()).isEqualTo("00000000000000b2");
        assertThat(z.parentId()).isEqualTo("00000000000000b1");
        assertThat(z.kind()).isEqualTo(zipkin2.Span.Kind.SERVER);
        assertThat(z.name()).isEqualTo("get /orders/{id}"); // lower-cased, as Zipkin stores names
        assertThat(z.timestampAsLong()).isEqualTo(1_760_000_000_123_456L);
        assertThat(z.durationAsLong()).isEqualTo(2_500L);
        assertThat(z.localEndpoint()).isEqualTo(Endpoint.newBuilder().serviceName("checkout").build());
        assertThat(z.remoteEndpoint()).isNull();
        assertThat(z.annotations()).isEmpty();
        assertThat(z.tags()).isEmpty();
        assertThat(z.shared()).isNull();
        assertThat(z.debug()).isNull();
    }

    @Test
    void toZipkin_whenIdsShortOrAbsent_writesSixteenDigitsAndLeavesParentOut() {
        Span.Builder b = span(SpanKind.CLIENT);
        b.traceId = new TraceId(0, 0xabcL);
        b.parentSpanId = 0;

        zipkin2.Span z = ZipkinSpans.toZipkin(b.build());

        assertThat(z.traceId()).isEqualTo("0000000000000abc");
        assertThat(z.parentId()).isNull();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"INTERNAL, ", "UNSPECIFIED, ", "SERVER, SERVER", "CLIENT, CLIENT", "PRODUCER, PRODUCER",
            "CONSUMER, CONSUMER"})
    void toZipkin_mapsKind(SpanKind kind, zipkin2.Span.Kind expected) {
        assertThat(ZipkinSpans.toZipkin(span(kind).build()).kind()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ns → {1} µs")
    @CsvSource({"0, 0", "1, 1", "999, 1", "1000, 1", "1999, 1", "2000, 2", "3600000000000, 3600000000"})
    void toZipkin_writesDurationInWholeMicrosecondsAtLeastOne(long nanos, long micros) {
        Span.Builder b = span(SpanKind.SERVER);
        b.endEpochNanos = b.startEpochNanos + nanos;

        zipkin2.Span z = ZipkinSpans.toZipkin(b.build());

        assertThat(z.durationAsLong()).isEqualTo(micros);
        if (nanos == 0) assertThat(z.duration()).isNull(); // Zipkin: absent when unknown, never 0
    }

    @Test
    void toZipkin_whenNoServiceName_namesTheServiceAsTheIndexDoes() {
        Span.Builder b = span(SpanKind.SERVER);
        b.resource = Resource.EMPTY;

        assertThat(ZipkinSpans.toZipkin(b.build()).localServiceName()).isEqualTo("unknown_service");
    }

    @Test
    void toZipkin_whenOtelNetworkAttributes_fillsBothEndpointsAndKeepsTheAttributesAsTags() {
        Span.Builder b = span(SpanKind.CLIENT);
        b.resource = new Resource(List.of(Attribute.of("service.name", "checkout"),
                new Attribute("host.ip", new AnyValue.ArrayValue(List.of(AnyValue.of("fe80::x"), AnyValue.of("10.0.0.7"))))),
                0, "");
        b.attributes = List.of(
                Attribute.of("server.address", "Payments.internal"),
                new Attribute("server.port", AnyValue.of(8443L)),
                Attribute.of("network.peer.address", "10.0.0.9"));

        zipkin2.Span z = ZipkinSpans.toZipkin(b.build());

        assertThat(z.localEndpoint()).isEqualTo(Endpoint.newBuilder().serviceName("checkout").ip("10.0.0.7").build());
        assertThat(z.remoteEndpoint()).isEqualTo(
                Endpoint.newBuilder().serviceName("payments.internal").ip("10.0.0.9").port(8443).build());
        assertThat(z.tags()).containsEntry("server.address", "Payments.internal")
                .containsEntry("server.port", "8443")
                .containsEntry("network.peer.address", "10.0.0.9")
                .containsEntry("host.ip", "[\"fe80::x\",\"10.0.0.7\"]");
    }

    @Test
    void toZipkin_whenServerSpan_takesItsOwnServerAddressForNoRemoteService() {
        Span.Builder b = span(SpanKind.SERVER);
        b.attributes = List.of(
                Attribute.of("server.address", "shop.example.com"),
                Attribute.of("network.peer.address", "2001:db8::7"),
                new Attribute("network.peer.port", AnyValue.of(51000L)),
                Attribute.of("network.local.address", "10.0.0.5"),
                Attribute.of("network.local.port", "8080"));

        zipkin2.Span z = ZipkinSpans.toZipkin(b.build());

        assertThat(z.remoteEndpoint()).isEqualTo(Endpoint.newBuilder().ip("2001:db8::7").port(51000).build());
        assertThat(z.localEndpoint()).isEqualTo(
                Endpoint.newBuilder().serviceName("checkout").ip("10.0.0.5").port(8080).build());
    }

    @Test
    void toZipkin_whenEndpointAttributesAreNotAddresses_keepsThemAsTags() {
        Span.Builder b = span(SpanKind.CLIENT);
        b.attributes = List.of(
                Attribute.of("net.peer.ip", "not-an-ip"),
                new Attribute("net.peer.port", AnyValue.of(70000L)),
                new Attribute("net.host.port", AnyValue.of(0L)));

        zipkin2.Span z = ZipkinSpans.toZipkin(b.build());

        assertThat(z.remoteEndpoint()).isNull();
        assertThat(z.tags()).containsExactly(
                entry("net.host.port", "0"), entry("net.peer.ip", "not-an-ip"), entry("net.peer.port", "70000"));
    }

    @Test
    void toZipkin_rendersEveryAttributeTypeAsAString() {
        Span.Builder b = span(SpanKind.INTERNAL);
        b.attributes = List.of(
                Attribute.of("s", "text"),
                new Attribute("b", AnyValue.of(true)),
                new Attribute("i", AnyValue.of(-42L)),
                new Attribute("d", AnyValue.of(0.25)),
                new Attribute("bytes", new AnyValue.BytesValue(new byte[] {1, 2, (byte) 0xff})),
                new Attribute("array", new AnyValue.ArrayValue(List.of(AnyValue.of("a"), AnyValue.of(1L), AnyValue.of(false)))),
                new Attribute("map", new AnyValue.KeyValueList(List.of(Attribute.of("k", "v"),
                        new Attribute("n", new AnyValue.ArrayValue(List.of(AnyValue.Empty.INSTANCE)))))),
                new Attribute("empty", AnyValue.Empty.INSTANCE));

        assertThat(ZipkinSpans.toZipkin(b.build()).tags()).containsExactly(
                entry("array", "[\"a\",1,false]"),
                entry("b", "true"),
                entry("bytes", "AQL/"),
                entry("d", "0.25"),
                entry("empty", ""),
                entry("i", "-42"),
                entry("map", "{\"k\":\"v\",\"n\":[null]}"),
                entry("s", "text"));
    }

    @Test
    void toZipkin_showsResourceAndScopeAttributesUnderTheSpansOwn() {
        Span.Builder b = span(SpanKind.SERVER);
        b.resource = new Resource(List.of(Attribute.of("service.name", "checkout"),
                Attribute.of("service.version", "1.4.2"), Attribute.of("deployment.environment", "prod")), 0, "");
        b.scope = new InstrumentationScope("io.opentelemetry.servlet", "2.1.0",
                List.of(Attribute.of("library.flavour", "jakarta")), 0, "");
        b.attributes = List.of(Attribute.of("deployment.environment", "canary"));

        assertThat(ZipkinSpans.toZipkin(b.build()).tags()).containsExactly(
                entry("deployment.environment", "canary"),
                entry("library.flavour", "jakarta"),
                entry("otel.scope.name", "io.opentelemetry.servlet"),
                entry("otel.scope.version", "2.1.0"),
                entry("service.version", "1.4.2"));
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "ERROR | card declined | ERROR | card declined | -",
            "ERROR |               | ERROR | ''            | -",
            "OK    |               | OK    | -             | -",
            "OK    | fine          | OK    | -             | fine",
            "UNSET |               | -     | -             | -",
            "UNSET | odd           | -     | -             | odd"})
    void toZipkin_mapsStatus(StatusCode code, String message, String statusTag, String errorTag, String description) {
        Span.Builder b = span(SpanKind.SERVER);
        b.status = SpanStatus.of(code, message == null ? "" : message);

        zipkin2.Span z = ZipkinSpans.toZipkin(b.build());

        assertThat(z.tags().get("otel.status_code")).isEqualTo(statusTag);
        assertThat(z.tags().get("error")).isEqualTo(errorTag);
        assertThat(z.tags().get("otel.status_description")).isEqualTo(description);
    }

    @Test
    void toZipkin_whenErrorAttributeFalseOnASpanThatDidNotFail_dropsIt() {
        Span.Builder b = span(SpanKind.SERVER);
        b.attributes = List.of(new Attribute("error", AnyValue.of(false)));
        assertThat(ZipkinSpans.toZipkin(b.build()).tags()).doesNotContainKey("error");

        b.attributes = List.of(new Attribute("error", AnyValue.of(true)));
        assertThat(ZipkinSpans.toZipkin(b.build()).tags()).containsEntry("error", "true");

        b.attributes = List.of(new Attribute("error", AnyValue.of(false)));
        b.status = new SpanStatus(StatusCode.ERROR, "boom");
        assertThat(ZipkinSpans.toZipkin(b.build()).tags()).containsEntry("error", "boom");
    }

    @Test
    void toZipkin_whenCountsDropped_tagsThem() {
        Span.Builder b = span(SpanKind.SERVER);
        b.droppedAttributesCount = 3;
        b.droppedEventsCount = 1;
        b.droppedLinksCount = 7;

        assertThat(ZipkinSpans.toZipkin(b.build()).tags()).containsExactly(
                entry("otel.dropped_attributes_count", "3"),
                entry("otel.dropped_events_count", "1"),
                entry("otel.dropped_links_count", "7"));
    }

    @Test
    void toZipkin_writesEventsAsAnnotationsWithTheirAttributes() {
        Span.Builder b = span(SpanKind.SERVER);
        b.events = List.of(
                new SpanEvent(START + 2_000_999, "cache miss", List.of(), 0),
                new SpanEvent(START + 1_000_000, "exception", List.of(Attribute.of("exception.type", "java.io.IOException"),
                        new Attribute("retries", AnyValue.of(2L))), 0));

        zipkin2.Span z = ZipkinSpans.toZipkin(b.build());

        assertThat(z.annotations()).extracting(a -> a.timestamp() + " " + a.value()).containsExactly(
                "1760000000124456 \"exception\":{\"exception.type\":\"java.io.IOException\",\"retries\":2}",
                "1760000000125457 cache miss");
    }

    @Test
    void toZipkin_whenZipkinFlagsAreNotTrue_keepsThemAsTags() {
        Span.Builder b = span(SpanKind.SERVER);
        b.attributes = List.of(new Attribute("zipkin.shared", AnyValue.of(false)), Attribute.of("zipkin.debug", "yes"));

        zipkin2.Span z = ZipkinSpans.toZipkin(b.build());

        assertThat(z.shared()).isNull();
        assertThat(z.debug()).isNull();
        assertThat(z.tags()).containsExactly(entry("zipkin.debug", "yes"), entry("zipkin.shared", "false"));
    }

    @Test
    void encodeTraces_writesAListOfSpanLists() {
        Span a = span(SpanKind.SERVER).build();
        Span.Builder other = span(SpanKind.CLIENT);
        other.traceId = new TraceId(0, 0xdL);
        Span b = other.build();

        String json = new String(ZipkinSpans.encodeTraces(List.of(List.of(a), List.of(b, b))), StandardCharsets.UTF_8);

        String one = new String(SpanBytesEncoder.JSON_V2.encode(ZipkinSpans.toZipkin(a)), StandardCharsets.UTF_8);
        String two = new String(SpanBytesEncoder.JSON_V2.encode(ZipkinSpans.toZipkin(b)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("[[" + one + "],[" + two + "," + two + "]]");
        assertThat(ZipkinSpans.encodeTraces(List.of())).asString().isEqualTo("[]");
    }

    private static Span.Builder span(SpanKind kind) {
        Span.Builder b = Span.builder();
        b.traceId = TRACE;
        b.spanId = 0xb2L;
        b.parentSpanId = 0xb1L;
        b.name = "GET /orders/{id}";
        b.kind = kind;
        b.startEpochNanos = START;
        b.endEpochNanos = START + 2_500_000L;
        b.resource = new Resource(List.of(Attribute.of("service.name", "Checkout")), 0, "");
        return b;
    }
}
