package dev.skein.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.fixtures.OtlpFixtures;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanStatus;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpJsonEncoderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void whatTheDecoderReadsBackEqualsWhatWasWritten() throws Exception {
        List<Span> spans = new OtlpProtoDecoder()
                .decode(OtlpFixtures.protobuf(OtlpFixtures.request(7, 300, OtlpFixtures.DEFAULT_NOW_NANOS)), 10_000)
                .spans();

        List<Span> back = new OtlpJsonDecoder().decode(OtlpJsonEncoder.encode(spans), 10_000).spans();

        assertThat(back).containsExactlyInAnyOrderElementsOf(spans);
    }

    @Test
    void valuesJsonCannotHoldTravelAsTheOtlpSpecificationSpellsThem() throws Exception {
        Span.Builder b = Span.builder();
        b.traceId = new TraceId(0, 0xabcL);
        b.spanId = 0x1fL;
        b.name = "n";
        b.kind = SpanKind.CLIENT;
        b.startEpochNanos = Long.MAX_VALUE - 5;
        b.endEpochNanos = Long.MAX_VALUE;
        b.status = new SpanStatus(StatusCode.ERROR, "bad");
        b.attributes = List.of(
                new Attribute("nan", AnyValue.of(Double.NaN)),
                new Attribute("big", AnyValue.of(Long.MIN_VALUE)),
                new Attribute("bytes", new AnyValue.BytesValue(new byte[] {1, 2, (byte) 0xff})),
                new Attribute("list", new AnyValue.ArrayValue(List.of(AnyValue.of("a"), AnyValue.of(true)))));
        Span span = b.build();

        byte[] json = OtlpJsonEncoder.encode(List.of(span));

        JsonNode s = MAPPER.readTree(json).at("/resourceSpans/0/scopeSpans/0/spans/0");
        assertThat(s.get("traceId").asText()).isEqualTo("00000000000000000000000000000abc");
        assertThat(s.get("spanId").asText()).isEqualTo("000000000000001f");
        assertThat(s.has("parentSpanId")).isFalse();
        assertThat(s.get("kind").asInt()).isEqualTo(3);
        assertThat(s.get("startTimeUnixNano").isTextual()).isTrue();
        assertThat(s.get("endTimeUnixNano").asText()).isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(s.at("/attributes/0/value/doubleValue").asText()).isEqualTo("NaN");
        assertThat(s.at("/attributes/1/value/intValue").asText()).isEqualTo(Long.toString(Long.MIN_VALUE));
        assertThat(s.at("/attributes/2/value/bytesValue").asText()).isEqualTo("AQL/");
        assertThat(s.at("/attributes/3/value/arrayValue/values/1/boolValue").asBoolean()).isTrue();
        assertThat(s.at("/status/code").asInt()).isEqualTo(2);
        assertThat(s.at("/status/message").asText()).isEqualTo("bad");
        assertThat(new OtlpJsonDecoder().decode(json, 10).spans()).containsExactly(span);
    }
}
