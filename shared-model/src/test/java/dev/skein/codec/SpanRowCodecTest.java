package dev.skein.codec;

import static dev.skein.codec.OtlpProtoDecoderTest.assertSameSpans;
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
import dev.skein.model.SpanLink;
import dev.skein.model.SpanStatus;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpanRowCodecTest {
    private static final long NOW = OtlpFixtures.DEFAULT_NOW_NANOS;

    @Test
    void readAll_whenEveryFixtureSpanWritten_returnsThemExactly() throws Exception {
        List<Span> spans = new ArrayList<>(OtlpReference.toSpans(OtlpFixtures.request(21, 512, NOW)));
        spans.addAll(OtlpReference.toSpans(OtlpFixtures.kitchenSinkRequest(NOW)));

        List<Span> read = SpanRowCodec.readAll(rows(spans));

        assertSameSpans(read, spans);
    }

    @Test
    void readAll_whenEdgeValuesWritten_returnsThemExactly() throws Exception {
        Span edge = edgeSpan();

        Span read = SpanRowCodec.readAll(rows(List.of(edge))).get(0);

        assertThat(read).isEqualTo(edge);
        assertThat(read.flags()).isEqualTo(0x8000_0001);
        assertThat(read.droppedAttributesCount()).isEqualTo(-1); // uint32 max survives as its bits
        assertThat(Double.doubleToRawLongBits(((AnyValue.DoubleValue) read.attributes().get(4).value()).value()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(read.attributes().get(1).value()).isEqualTo(AnyValue.of(Double.NaN));
    }

    @Test
    void readAll_whenSpansShareResourceAndScope_sharesThemAgain() throws Exception {
        List<Span> spans = OtlpReference.toSpans(OtlpFixtures.request(4, 100, NOW));

        List<Span> read = SpanRowCodec.readAll(rows(spans));

        for (int i = 0; i < spans.size(); i++) {
            for (int j = i + 1; j < spans.size(); j++) {
                if (spans.get(i).resource() == spans.get(j).resource()) {
                    assertThat(read.get(j).resource()).isSameAs(read.get(i).resource());
                }
                if (spans.get(i).scope() == spans.get(j).scope()) {
                    assertThat(read.get(j).scope()).isSameAs(read.get(i).scope());
                }
            }
        }
    }

    @Test
    void write_whenValuesNestDeep_rowGrowsLinearlyAndReadsBack() throws Exception {
        // JSON text inside JSON text at every level would double the escaping per level:
        // 32 levels of a one-letter value would be gigabytes. Only the top level is text.
        AnyValue nested = AnyValue.of("x");
        for (int i = 0; i < OtlpProtoDecoder.MAX_VALUE_DEPTH; i++) {
            nested = i % 2 == 0 ? new AnyValue.ArrayValue(List.of(nested, AnyValue.of((long) i)))
                    : new AnyValue.KeyValueList(List.of(new Attribute("k\"" + i, nested)));
        }
        Span.Builder b = edgeSpan().toBuilder();
        b.attributes = List.of(new Attribute("deep", nested));
        Span span = b.build();

        byte[] row = row(span);

        assertThat(row.length).isLessThan(8_000);
        assertThat(SpanRowCodec.readAll(row)).containsExactly(span);
    }

    @Test
    void readAll_whenRowHasABadId_throwsDecodeException() {
        String row = "{\"v\":1,\"traceId\":\"zz\",\"spanId\":\"0000000000000001\",\"name\":\"n\",\"kind\":\"SERVER\"}\n";
        assertThatThrownBy(() -> {
            com.fasterxml.jackson.core.JsonParser p = Json.FACTORY.createParser(row.getBytes(StandardCharsets.UTF_8));
            p.nextToken();
            new SpanRowCodec.Reader().read(p);
        }).isInstanceOf(DecodeException.class).hasMessageContaining("span row is malformed");
    }

    @Test
    void write_whenStringsHoldNewlines_rowStaysOneLine() throws Exception {
        Span s = edgeSpan();

        byte[] row = row(s);

        String text = new String(row, StandardCharsets.UTF_8);
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
        assertThat(text).startsWith("{\"v\":1,\"traceId\":\"" + s.traceId().toHex() + "\"");
    }

    @Test
    void write_whenAttributesAreTyped_writesFlatStringsBesideTypeLetters() throws Exception {
        Span s = minimal().attributes(List.of(
                new Attribute("s", AnyValue.of("x")), new Attribute("i", AnyValue.of(5L)),
                new Attribute("b", AnyValue.of(true)), new Attribute("d", AnyValue.of(1.5)),
                new Attribute("x", new AnyValue.BytesValue(new byte[] {1})), new Attribute("n", AnyValue.Empty.INSTANCE),
                new Attribute("a", new AnyValue.ArrayValue(List.of(AnyValue.of(1L)))))).build();

        String row = new String(row(s), StandardCharsets.UTF_8);

        assertThat(row).contains("\"attributes\":[{\"k\":\"s\",\"t\":\"s\",\"v\":\"x\"},{\"k\":\"i\",\"t\":\"i\",\"v\":\"5\"},"
                + "{\"k\":\"b\",\"t\":\"b\",\"v\":\"true\"},{\"k\":\"d\",\"t\":\"d\",\"v\":\"1.5\"},"
                + "{\"k\":\"x\",\"t\":\"x\",\"v\":\"AQ==\"},{\"k\":\"n\",\"t\":\"n\"},"
                + "{\"k\":\"a\",\"t\":\"a\",\"v\":\"[{\\\"t\\\":\\\"i\\\",\\\"v\\\":\\\"1\\\"}]\"}]");
        assertThat(row).contains("\"service\":\"svc\"", "\"durationNanos\":1000");
    }

    @Test
    void readAll_whenRowHasUnknownOrDerivedFields_skipsThem() throws Exception {
        Span s = minimal().build();
        String row = new String(row(s), StandardCharsets.UTF_8).trim();
        String extended = row.substring(0, row.length() - 1)
                + ",\"addedLater\":{\"x\":[1,{\"y\":null}]},\"service\":\"ignored\",\"durationNanos\":-5}";

        assertThat(SpanRowCodec.readAll(extended.getBytes(StandardCharsets.UTF_8))).containsExactly(s);
    }

    @Test
    void readAll_whenEmpty_returnsNoSpans() throws Exception {
        assertThat(SpanRowCodec.readAll(new byte[0])).isEmpty();
        assertThat(SpanRowCodec.readAll(" \n\n ".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void readAll_whenRowsAreMalformed_throwsDecodeException() {
        String trace = "\"traceId\":\"" + "0".repeat(31) + "1\"";
        for (String rows : List.of(
                "garbage",
                "[1]",
                "{\"v\":1," + trace + "} 5",
                "{\"v\":1," + trace,
                "{\"v\":2," + trace + "}",
                "{\"v\":1}",
                "{\"v\":1,\"traceId\":\"xyz\"}",
                "{\"v\":1," + trace + ",\"kind\":\"SIDEWAYS\"}",
                "{\"v\":1," + trace + ",\"status\":{\"code\":\"BROKEN\"}}",
                "{\"v\":1," + trace + ",\"attributes\":[{\"k\":\"a\",\"t\":\"q\",\"v\":\"1\"}]}",
                "{\"v\":1," + trace + ",\"attributes\":[{\"k\":\"a\",\"t\":\"i\",\"v\":\"one\"}]}",
                "{\"v\":1," + trace + ",\"attributes\":[{\"k\":\"a\",\"t\":\"x\",\"v\":\"!!\"}]}",
                "{\"v\":1," + trace + ",\"attributes\":[{\"k\":\"a\",\"t\":\"a\",\"v\":\"[{\"}]}",
                "{\"v\":1," + trace + ",\"attributes\":[5]}",
                "{\"v\":1," + trace + ",\"events\":[null]}",
                "{\"v\":1," + trace + ",\"events\":null}",
                "{\"v\":1," + trace + ",\"links\":[null]}",
                "{\"v\":1," + trace + ",\"status\":null}",
                "{\"v\":1," + trace + ",\"resource\":null}",
                "{\"v\":1," + trace + ",\"attributes\":null}")) {
            assertThatThrownBy(() -> SpanRowCodec.readAll(rows.getBytes(StandardCharsets.UTF_8)))
                    .as(rows)
                    .isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void readAll_whenRandomByteMutations_returnsOrThrowsOnlyDecodeException() throws Exception {
        byte[] rows = rows(List.of(edgeSpan(), minimal().build()));
        Random rnd = new Random(1952);
        for (int i = 0; i < 1000; i++) {
            byte[] mutated = rows.clone();
            int at = rnd.nextInt(mutated.length);
            mutated[at] = (byte) "{}[]\":,0n1\\ x".charAt(rnd.nextInt(13));
            try {
                SpanRowCodec.readAll(mutated);
            } catch (DecodeException expected) {
                // allowed
            } catch (Throwable t) {
                throw new AssertionError("mutation " + i + " at byte " + at + " threw " + t, t);
            }
        }
    }

    // ------------------------------------------------------------ helpers

    static byte[] row(Span s) {
        return SpanRowCodec.rows(List.of(s));
    }

    static byte[] rows(List<Span> spans) {
        return SpanRowCodec.rows(spans);
    }

    /** A span builder with only what a row needs, for tests that vary one thing. */
    static Builder minimal() {
        return new Builder();
    }

    static final class Builder {
        private final Span.Builder b = Span.builder();

        Builder() {
            b.traceId = new TraceId(1, 2);
            b.spanId = 3;
            b.name = "n";
            b.startEpochNanos = NOW - 2000;
            b.endEpochNanos = NOW - 1000;
            b.resource = new Resource(List.of(Attribute.of("service.name", "svc")), 0, "");
        }

        Builder attributes(List<Attribute> attributes) {
            b.attributes = attributes;
            return this;
        }

        Span build() {
            return b.build();
        }
    }

    /** Every awkward value the model can hold. */
    static Span edgeSpan() {
        Span.Builder b = Span.builder();
        b.traceId = new TraceId(-1, Long.MIN_VALUE);
        b.spanId = -1;
        b.parentSpanId = Long.MIN_VALUE;
        b.traceState = "k=v,\u00e9=x";
        b.flags = 0x8000_0001;
        b.name = "unicode ✓ 😀 \u0000 \u001f \" \\ \n\r\t\u2028";
        b.kind = SpanKind.PRODUCER;
        b.startEpochNanos = Long.MIN_VALUE;
        b.endEpochNanos = Long.MAX_VALUE;
        AnyValue nested = new AnyValue.ArrayValue(List.of(
                new AnyValue.KeyValueList(List.of(
                        new Attribute("deep", new AnyValue.ArrayValue(List.of(
                                new AnyValue.ArrayValue(List.of(AnyValue.of("\"quoted\" \\ \n"), AnyValue.Empty.INSTANCE)),
                                new AnyValue.BytesValue(new byte[] {0, -1}),
                                AnyValue.of(Double.NEGATIVE_INFINITY)))),
                        new Attribute("", new AnyValue.KeyValueList(List.of())))),
                new AnyValue.ArrayValue(List.of()),
                AnyValue.of(false)));
        b.attributes = List.of(
                new Attribute("s", AnyValue.of("")),
                new Attribute("nan", AnyValue.of(Double.NaN)),
                new Attribute("inf", AnyValue.of(Double.POSITIVE_INFINITY)),
                new Attribute("ninf", AnyValue.of(Double.NEGATIVE_INFINITY)),
                new Attribute("nzero", AnyValue.of(-0.0)),
                new Attribute("tiny", AnyValue.of(Double.MIN_VALUE)),
                new Attribute("huge", AnyValue.of(Double.MAX_VALUE)),
                new Attribute("pi", AnyValue.of(Math.PI)),
                new Attribute("min", AnyValue.of(Long.MIN_VALUE)),
                new Attribute("max", AnyValue.of(Long.MAX_VALUE)),
                new Attribute("bytes", new AnyValue.BytesValue(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff})),
                new Attribute("no bytes", new AnyValue.BytesValue(new byte[0])),
                new Attribute("empty", AnyValue.Empty.INSTANCE),
                new Attribute("nested", nested),
                new Attribute("emoji 🎉 key", AnyValue.of("中文 العربية עברית")));
        b.droppedAttributesCount = -1;
        b.events = List.of(new SpanEvent(0, "", List.of(), 0),
                new SpanEvent(-5, "e", List.of(new Attribute("nested", nested)), Integer.MIN_VALUE));
        b.droppedEventsCount = Integer.MAX_VALUE;
        b.links = List.of(new SpanLink(new TraceId(0, 1), 0, "", 0, List.of(), 0),
                new SpanLink(new TraceId(7, 8), 9, "a=b", 0xffff_ffff, List.of(Attribute.of("k", "v")), 3));
        b.droppedLinksCount = 1;
        b.status = new SpanStatus(StatusCode.UNSET, "message without a code");
        b.resource = new Resource(List.of(Attribute.of("service.name", "edge"),
                new Attribute("pid", AnyValue.of(1L))), 2, "https://schema");
        b.scope = new InstrumentationScope("", "", List.of(new Attribute("x", AnyValue.Empty.INSTANCE)), 0, "");
        return b.build();
    }
}
