package dev.skein.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.fixtures.OtlpFixtures;
import dev.skein.fixtures.OtlpReference;
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
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZipkinJsonDecoderTest {
    private static final int MAX = 10_000;
    private final ZipkinJsonDecoder decoder = new ZipkinJsonDecoder();

    /** What a Brave-instrumented frontend and backend report for one call, plus two more spans. */
    private static final String REALISTIC = """
            [
              {
                "traceId": "463ac35c9f6413ad48485a3953bb6124",
                "parentId": "0020000000000001",
                "id": "a2fb4a1d1a96d312",
                "kind": "CLIENT",
                "name": "get /api/orders",
                "timestamp": 1750000000123456,
                "duration": 2500,
                "localEndpoint": {"serviceName": "frontend", "ipv4": "10.0.0.1", "port": 8080},
                "remoteEndpoint": {"serviceName": "backend", "ipv6": "2001:db8::c001", "port": 9000},
                "annotations": [
                  {"timestamp": 1750000000123500, "value": "ws"},
                  {"timestamp": 1750000000125900, "value": "wr"}
                ],
                "tags": {
                  "http.method": "GET",
                  "http.path": "/api/orders",
                  "otel.scope.name": "io.opentelemetry.okhttp-3.0",
                  "otel.scope.version": "2.10.0"
                }
              },
              {
                "traceId": "463ac35c9f6413ad48485a3953bb6124",
                "parentId": "0020000000000001",
                "id": "a2fb4a1d1a96d312",
                "kind": "SERVER",
                "name": "get /api/orders",
                "timestamp": 1750000000123600,
                "duration": 2100,
                "localEndpoint": {"serviceName": "backend", "ipv6": "2001:db8::c001", "port": 9000},
                "remoteEndpoint": {"ipv4": "10.0.0.1", "port": 54321},
                "shared": true,
                "tags": {"error": "timeout talking to db", "http.status_code": "500"}
              },
              {
                "traceId": "48485a3953bb6124",
                "id": "0000000000000abc",
                "name": "cache.refresh",
                "timestamp": 1750000000000000,
                "duration": 1,
                "localEndpoint": {"serviceName": "frontend"},
                "debug": true,
                "tags": {"otel.status_code": "OK", "otel.library.name": "legacy-lib", "otel.library.version": "0.1"}
              },
              {
                "traceId": "48485a3953bb6124",
                "parentId": "0000000000000abc",
                "id": "0000000000000abd",
                "kind": "PRODUCER",
                "name": "send",
                "timestamp": 1750000000000500,
                "duration": 30,
                "localEndpoint": {"serviceName": "frontend"},
                "remoteEndpoint": {"serviceName": "kafka"},
                "tags": {"otel.status_code": "ERROR", "otel.status_description": "broker unavailable"}
              }
            ]
            """;

    @Test
    void decode_whenRealisticList_mapsEveryField() throws Exception {
        DecodedSpans d = decode(REALISTIC);

        assertThat(d.rejectedCount()).isZero();
        assertThat(d.spans()).hasSize(4);
        Span client = d.spans().get(0);
        assertThat(client.traceId()).isEqualTo(new TraceId(0x463ac35c9f6413adL, 0x48485a3953bb6124L));
        assertThat(client.spanId()).isEqualTo(0xa2fb4a1d1a96d312L);
        assertThat(client.parentSpanId()).isEqualTo(0x0020000000000001L);
        assertThat(client.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(client.name()).isEqualTo("get /api/orders");
        assertThat(client.startEpochNanos()).isEqualTo(1_750_000_000_123_456_000L);
        assertThat(client.endEpochNanos()).isEqualTo(1_750_000_000_123_456_000L + 2_500_000L);
        assertThat(client.resource()).isEqualTo(new Resource(List.of(Attribute.of("service.name", "frontend")), 0, ""));
        assertThat(client.scope()).isEqualTo(new InstrumentationScope("io.opentelemetry.okhttp-3.0", "2.10.0", List.of(), 0, ""));
        assertThat(client.status()).isEqualTo(SpanStatus.UNSET);
        assertThat(client.traceState()).isEmpty();
        assertThat(client.flags()).isZero();
        assertThat(client.events()).containsExactly(
                new SpanEvent(1_750_000_000_123_500_000L, "ws", List.of(), 0),
                new SpanEvent(1_750_000_000_125_900_000L, "wr", List.of(), 0));
        assertThat(client.attributes()).containsExactly(
                Attribute.of("http.method", "GET"),
                Attribute.of("http.path", "/api/orders"),
                Attribute.of("net.host.ip", "10.0.0.1"),
                new Attribute("net.host.port", AnyValue.of(8080L)),
                Attribute.of("peer.service", "backend"),
                Attribute.of("net.peer.ipv6", "2001:db8::c001"),
                new Attribute("net.peer.port", AnyValue.of(9000L)));

        Span server = d.spans().get(1);
        assertThat(server.spanId()).isEqualTo(client.spanId()); // a shared span keeps its ID
        assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.serviceName()).isEqualTo("backend");
        assertThat(server.durationNanos()).isEqualTo(2_100_000L);
        assertThat(server.status()).isEqualTo(new SpanStatus(StatusCode.ERROR, "timeout talking to db"));
        assertThat(server.scope()).isEqualTo(InstrumentationScope.EMPTY);
        assertThat(server.events()).isEmpty();
        assertThat(server.attributes()).containsExactly(
                Attribute.of("http.status_code", "500"),
                Attribute.of("net.host.ipv6", "2001:db8::c001"),
                new Attribute("net.host.port", AnyValue.of(9000L)),
                Attribute.of("net.peer.ip", "10.0.0.1"),
                new Attribute("net.peer.port", AnyValue.of(54321L)),
                new Attribute("zipkin.shared", AnyValue.of(true)));

        Span local = d.spans().get(2);
        assertThat(local.traceId()).isEqualTo(new TraceId(0, 0x48485a3953bb6124L)); // 64-bit: high half zero
        assertThat(local.isRoot()).isTrue();
        assertThat(local.kind()).isEqualTo(SpanKind.INTERNAL); // no kind in Zipkin
        assertThat(local.durationNanos()).isEqualTo(1_000L);
        assertThat(local.status()).isEqualTo(new SpanStatus(StatusCode.OK, ""));
        assertThat(local.scope()).isEqualTo(new InstrumentationScope("legacy-lib", "0.1", List.of(), 0, ""));
        assertThat(local.attributes()).containsExactly(new Attribute("zipkin.debug", AnyValue.of(true)));

        Span producer = d.spans().get(3);
        assertThat(producer.kind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(producer.status()).isEqualTo(new SpanStatus(StatusCode.ERROR, "broker unavailable"));
        assertThat(producer.attributes()).containsExactly(Attribute.of("peer.service", "kafka"));
    }

    @Test
    void decode_whenSpansShareLocalService_shareOneResourceInstance() throws Exception {
        List<Span> spans = decode(REALISTIC).spans();

        assertThat(spans.get(0).resource()).isSameAs(spans.get(2).resource()).isSameAs(spans.get(3).resource());
        assertThat(spans.get(1).resource()).isNotSameAs(spans.get(0).resource());
    }

    @Test
    void decode_whenNoLocalEndpointOrServiceName_usesEmptyResource() throws Exception {
        DecodedSpans d = decode("""
                [{"traceId":"0000000000000001","id":"0000000000000002","consumer":1},
                 {"traceId":"0000000000000001","id":"0000000000000003","kind":"CONSUMER","localEndpoint":{"ipv4":"1.2.3.4"}}]""");

        assertThat(d.spans()).extracting(Span::resource).containsOnly(Resource.EMPTY);
        assertThat(d.spans().get(0).name()).isEmpty();
        assertThat(d.spans().get(0).startEpochNanos()).isZero(); // no timestamp: the ingest rules reject it
        assertThat(d.spans().get(1).kind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(d.spans().get(1).attributes()).containsExactly(Attribute.of("net.host.ip", "1.2.3.4"));
    }

    @Test
    void decode_whenFixtureAsZipkinJson_keepsIdsNamesServicesAndTimes() throws Exception {
        ExportTraceServiceRequest request = OtlpFixtures.request(9, 300, OtlpFixtures.DEFAULT_NOW_NANOS);
        List<Span> reference = OtlpReference.toSpans(request);

        List<Span> spans = decoder.decode(OtlpFixtures.zipkinJson(request), MAX).spans();

        assertThat(spans).hasSameSizeAs(reference);
        for (int i = 0; i < spans.size(); i++) {
            Span z = spans.get(i);
            Span o = reference.get(i);
            assertThat(z.traceId()).isEqualTo(o.traceId());
            assertThat(z.spanId()).isEqualTo(o.spanId());
            assertThat(z.parentSpanId()).isEqualTo(o.parentSpanId());
            assertThat(z.name()).isEqualTo(o.name().toLowerCase(java.util.Locale.ROOT)); // Zipkin lower-cases names
            assertThat(z.kind()).isEqualTo(o.kind());
            assertThat(z.serviceName()).isEqualTo(o.serviceName());
            assertThat(z.startEpochNanos()).isEqualTo(o.startEpochNanos() / 1000 * 1000);
            assertThat(z.durationNanos()).isEqualTo(Math.max(1, o.durationNanos() / 1000) * 1000);
            assertThat(z.status().code()).isEqualTo(o.status().code());
            assertThat(z.scope().name()).isEqualTo(o.scope().name());
            assertThat(z.events()).extracting(SpanEvent::name).isEqualTo(o.events().stream().map(SpanEvent::name).toList());
        }
    }

    @Test
    void decode_whenOneSpanHasALoneSurrogate_rejectsItAlone_andTheRestEncodeToAValidRecord() throws Exception {
        DecodedSpans d = decode("""
                [{"traceId":"0000000000000001","id":"0000000000000002","name":"ok","timestamp":1,"duration":1,
                  "localEndpoint":{"serviceName":"web"}},
                 {"traceId":"0000000000000001","id":"0000000000000003","name":"bad","timestamp":1,"duration":1,
                  "localEndpoint":{"serviceName":"web"},"tags":{"note":"\\ud800"}}]""");

        assertThat(d.spans()).extracting(Span::name).containsExactly("ok");
        assertThat(d.rejectedCount()).isEqualTo(1);
        assertThat(d.rejectionReasons()).containsExactly("span 1: invalid UTF-8 (unpaired surrogate) in tags");
        try (StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(6)) {
            byte[] record = encoder.encodeTrace("acme", d.spans()).records().get(0);
            assertThat(StreamRecordCodec.decode(record).spans()).isEqualTo(d.spans());
        }
    }

    @Test
    void decode_whenEmptyList_returnsNoSpans() throws Exception {
        assertThat(decode("[]").spans()).isEmpty();
    }

    @Test
    void decode_whenJsonIsMalformed_throwsDecodeException() {
        for (String body : List.of("[", "{}", "[1]", "nul", "[{\"traceId\":\"0000000000000001\",\"id\":\"0000000000000002\"}",
                "[{\"traceId\":\"0000000000000001\",\"id\":\"0000000000000002\",\"timestamp\":\"soon\"}]")) {
            assertThatThrownBy(() -> decode(body)).as(body)
                    .isInstanceOf(DecodeException.class)
                    .hasMessageStartingWith("malformed Zipkin v2 JSON: ");
        }
    }

    @Test
    void decode_whenIdIsNotHex_throwsDecodeException() {
        assertThatThrownBy(() -> decode("[{\"traceId\":\"000000000000000z\",\"id\":\"0000000000000002\"}]"))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("000000000000000z should be lower-hex encoded");
        assertThatThrownBy(() -> decode("[{\"traceId\":\"0000000000000001\",\"id\":\"00000000000000\uFF21\uFF21\"}]"))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void decode_whenMoreSpansThanMax_throwsTooManySpans() throws Exception {
        byte[] body = REALISTIC.getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.decode(body, 4).spans()).hasSize(4);
        assertThatThrownBy(() -> decoder.decode(body, 3))
                .isInstanceOfSatisfying(TooManySpansException.class, e -> assertThat(e.limit()).isEqualTo(3));
    }

    @Test
    void decode_whenRandomByteMutations_succeedsOrThrowsOnlyDecodeOrTooMany() {
        byte[] body = REALISTIC.getBytes(StandardCharsets.UTF_8);
        Random rnd = new Random(9411);
        for (int i = 0; i < 500; i++) {
            byte[] mutated = body.clone();
            int at = rnd.nextInt(mutated.length);
            mutated[at] = (byte) (i % 2 == 0 ? "{}[]\":,0aA-\\".charAt(rnd.nextInt(12)) : rnd.nextInt(256));
            try {
                decoder.decode(mutated, 3);
            } catch (DecodeException | TooManySpansException expected) {
                // allowed
            } catch (Throwable t) {
                throw new AssertionError("mutation " + i + " at byte " + at + " threw " + t, t);
            }
        }
    }

    private DecodedSpans decode(String body) throws DecodeException, TooManySpansException {
        return decoder.decode(body.getBytes(StandardCharsets.UTF_8), MAX);
    }
}
