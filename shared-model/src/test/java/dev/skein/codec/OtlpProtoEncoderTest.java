package dev.skein.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.fixtures.OtlpFixtures;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.model.TraceId;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpProtoEncoderTest {
    private static final long NOW = OtlpFixtures.DEFAULT_NOW_NANOS;
    private final OtlpProtoDecoder decoder = new OtlpProtoDecoder();
    private final OtlpProtoEncoder encoder = new OtlpProtoEncoder();

    private List<Span> decode(byte[] body) throws Exception {
        DecodedSpans d = decoder.decode(body, Integer.MAX_VALUE);
        assertThat(d.rejectedCount()).isZero();
        return d.spans();
    }

    /**
     * Realistic traffic re-encodes to protobuf-java's exact bytes. (The kitchen-sink request does
     * not, by design: the model reads an unknown enum number as UNSPECIFIED, and an empty resource
     * or scope message as an absent one; both decode to equal spans, tested below.)
     */
    @Test
    void encode_ofWhatProtobufJavaWrote_givesTheSameBytes() throws Exception {
        for (ExportTraceServiceRequest request : List.of(OtlpFixtures.request(),
                OtlpFixtures.request(7, 300, NOW), OtlpFixtures.request(11, 2000, NOW))) {
            byte[] original = request.toByteArray();
            byte[] encoded = encoder.encode(decode(original));
            assertThat(encoded).isEqualTo(original);
        }
    }

    @Test
    void encode_thenDecode_givesEqualSpans() throws Exception {
        List<Span> spans = decode(OtlpFixtures.kitchenSinkRequest(NOW).toByteArray());
        assertThat(decode(encoder.encode(spans))).containsExactlyElementsOf(spans);
    }

    @Test
    void encode_whenSpansOfOneResourceAreInterleaved_groupsThemAndKeepsEverySpan() throws Exception {
        List<Span> spans = new ArrayList<>(decode(OtlpFixtures.request(3, 200, NOW).toByteArray()));
        Collections.shuffle(spans, new java.util.Random(5));
        List<Span> back = decode(encoder.encode(spans));
        assertThat(back).containsExactlyInAnyOrderElementsOf(spans);
        // As protobuf-java sees it: one ResourceSpans per resource.
        long resources = spans.stream().map(Span::resource).distinct().count();
        assertThat(ExportTraceServiceRequest.parseFrom(encoder.encode(spans)).getResourceSpansCount())
                .isEqualTo((int) resources);
    }

    @Test
    void encode_whenSixtyFourBitTraceIdAndNonAsciiText_roundTrips() throws Exception {
        Span.Builder b = Span.builder();
        b.traceId = new TraceId(0, 0x463ac35c9f6413adL);
        b.spanId = -1L;
        b.parentSpanId = 1;
        b.name = "naïve ✓ 😀";
        b.kind = SpanKind.CONSUMER;
        b.startEpochNanos = NOW;
        b.endEpochNanos = NOW + 1;
        b.droppedAttributesCount = -1; // uint32 max
        b.resource = new Resource(List.of(Attribute.of("service.name", "zïpkin")), 0, "");
        b.attributes = List.of(new Attribute("neg", AnyValue.of(-5L)), new Attribute("empty", AnyValue.of("")),
                new Attribute("none", AnyValue.Empty.INSTANCE), new Attribute("nan", AnyValue.of(Double.NaN)),
                new Attribute("f", AnyValue.of(false)), new Attribute("zero", AnyValue.of(0L)));
        Span span = b.build();
        assertThat(decode(encoder.encode(List.of(span)))).containsExactly(span);
    }

    @Test
    void encode_reusedForSeveralCalls_givesIndependentResults() throws Exception {
        List<Span> big = decode(OtlpFixtures.request().toByteArray());
        List<Span> small = big.subList(0, 3);
        byte[] first = encoder.encode(big);
        byte[] second = encoder.encode(small);
        assertThat(decode(first)).hasSameSizeAs(big);
        assertThat(decode(second)).containsExactlyElementsOf(small);
    }
}
