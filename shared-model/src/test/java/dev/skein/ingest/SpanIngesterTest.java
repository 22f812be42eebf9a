package dev.skein.ingest;

import static dev.skein.ingest.TestSpans.NOW;
import static dev.skein.ingest.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.codec.DecodedSpans;
import dev.skein.codec.OtlpJsonDecoder;
import dev.skein.codec.SpanDecoder;
import dev.skein.codec.StreamRecordCodec;
import dev.skein.codec.TooManySpansException;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanIngesterTest {
    private final CollectingSink sink = new CollectingSink();
    private final SpanIngester ingester = new SpanIngester(IngestLimits.DEFAULTS,
            Clock.fixed(NOW, ZoneOffset.UTC), sink, 6);

    /** A decoder that hands over the given spans, so the rules are tested apart from any format. */
    private static SpanDecoder spans(List<Span> spans) {
        return (body, maxSpans) -> {
            DecodedSpans d = new DecodedSpans(maxSpans);
            for (Span s : spans) {
                d.countSpan();
                d.add(s);
            }
            return d;
        };
    }

    private List<StreamRecordCodec.Decoded> stored() throws Exception {
        List<StreamRecordCodec.Decoded> out = new ArrayList<>();
        for (StreamRecord r : sink.records) {
            out.add(StreamRecordCodec.decode(r.data()));
        }
        return out;
    }

    @Test
    void ingest_whenTwoTraces_writesOneRecordPerTraceKeyedByTenantAndTrace() throws Exception {
        List<Span> in = List.of(span(1, 1).build(), span(2, 5).build(), span(1, 2).build());
        IngestResult result = ingester.ingest("acme", spans(in), new byte[0]);

        assertThat(result.acceptedSpans()).isEqualTo(3);
        assertThat(result.rejectedSpans()).isZero();
        assertThat(result.message()).isEmpty();
        assertThat(sink.calls).isEqualTo(1);
        assertThat(sink.records).extracting(StreamRecord::partitionKey).containsExactly(
                "acme/01020304050607080000000000000001", "acme/01020304050607080000000000000002");
        List<StreamRecordCodec.Decoded> records = stored();
        assertThat(records.get(0).spans()).containsExactly(in.get(0), in.get(2));
        assertThat(records.get(1).spans()).containsExactly(in.get(1));
        assertThat(records.get(0).header().tenant()).isEqualTo("acme");
        assertThat(records.get(0).header().spans()).isEqualTo(2);
        assertThat(records.get(0).header().services()).containsExactly("checkout");
    }

    @Test
    void ingest_whenSomeSpansInvalid_keepsTheValidOnesAndNamesTheProblems() throws Exception {
        Span.Builder backwards = span(1, 3);
        backwards.endEpochNanos = backwards.startEpochNanos - 1;
        List<Span> in = List.of(span(1, 1).build(), span(1, 0).build(), backwards.build(), span(1, 4).build());
        IngestResult result = ingester.ingest("acme", spans(in), new byte[0]);

        assertThat(result.acceptedSpans()).isEqualTo(2);
        assertThat(result.rejectedSpans()).isEqualTo(2);
        assertThat(result.message())
                .startsWith("rejected 2 of 4 spans: ")
                .contains("span ID is all zeros")
                .contains("span 0000000000000003 of trace 01020304050607080000000000000001: end time is before start time");
        assertThat(stored().get(0).spans()).containsExactly(in.get(0), in.get(3));
    }

    @Test
    void ingest_whenEverySpanInvalid_writesNothing() throws Exception {
        IngestResult result = ingester.ingest("acme", spans(List.of(span(1, 0).build())), new byte[0]);
        assertThat(result.acceptedSpans()).isZero();
        assertThat(result.rejectedSpans()).isEqualTo(1);
        assertThat(sink.calls).isZero();
    }

    @Test
    void ingest_whenManyRejected_keepsFiveReasonsAndCountsTheRest() throws Exception {
        List<Span> in = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            in.add(span(1, 0).build());
        }
        IngestResult result = ingester.ingest("acme", spans(in), new byte[0]);
        assertThat(result.rejectionReasons()).hasSize(5);
        assertThat(result.message()).endsWith("; and 3 more");
    }

    @Test
    void ingest_whenMoreSpansThanTheLimit_refusesTheRequest() {
        IngestLimits d = IngestLimits.DEFAULTS;
        SpanIngester small = new SpanIngester(new IngestLimits(d.maxBodyBytes(), d.maxDecompressedBytes(),
                2, d.maxAttributesPerSpan(), d.maxAttributeValueBytes(), d.maxEventsPerSpan(),
                d.maxLinksPerSpan(), d.maxSpanAge(), d.maxSpanFuture()), Clock.fixed(NOW, ZoneOffset.UTC), sink, 6);
        List<Span> in = List.of(span(1, 1).build(), span(1, 2).build(), span(1, 3).build());
        assertThatThrownBy(() -> small.ingest("acme", spans(in), new byte[0]))
                .isInstanceOf(TooManySpansException.class)
                .hasMessage("request carries more than 2 spans; send smaller batches");
        assertThat(sink.calls).isZero();
    }

    @Test
    void ingest_whenSpansTrimmed_reportsWhatWasCut() throws Exception {
        Span.Builder b = span(1, 1);
        b.attributes = TestSpans.attributes(130);
        IngestResult result = ingester.ingest("acme", spans(List.of(b.build())), new byte[0]);
        assertThat(result.rejectedSpans()).isZero();
        assertThat(result.droppedAttributes()).isEqualTo(2);
        assertThat(result.message()).contains("2 attributes").contains("dropped");
        Span stored = stored().get(0).spans().get(0);
        assertThat(stored.attributes()).hasSize(128);
        assertThat(stored.droppedAttributesCount()).isEqualTo(2);
    }

    @Test
    void ingest_whenOneSpanTooLargeForARecord_rejectsOnlyThatSpan() throws Exception {
        // 128 events x 128 attributes x 2 KiB: far over one 1 MiB record even after the caps.
        List<Attribute> wide = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            wide.add(Attribute.of("a" + i, "v".repeat(2048)));
        }
        List<SpanEvent> events = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            events.add(new SpanEvent(TestSpans.NOW_NANOS - 1000, "e", wide, 0));
        }
        Span.Builder huge = span(1, 9);
        huge.events = events;
        IngestResult result = ingester.ingest("acme", spans(List.of(span(1, 1).build(), huge.build())), new byte[0]);

        assertThat(result.acceptedSpans()).isEqualTo(1);
        assertThat(result.rejectedSpans()).isEqualTo(1);
        assertThat(result.message()).contains("span 0000000000000009").contains("is larger than the")
                .contains("a stream record can hold");
        assertThat(stored().get(0).spans()).extracting(Span::spanId).containsExactly(1L);
    }

    @Test
    void ingest_whenOneTraceIsLargerThanARecord_splitsItUnderOnePartitionKey() throws Exception {
        List<Span> in = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            Span.Builder b = span(7, i);
            // Values that do not compress away, so the test needs several records either way.
            b.attributes = List.of(new Attribute("payload", AnyValue.of(pseudoRandomText(i, 2000))),
                    new Attribute("payload2", AnyValue.of(pseudoRandomText(i + 1000, 2000))));
            in.add(b.build());
        }
        IngestResult result = ingester.ingest("acme", spans(in), new byte[0]);

        assertThat(result.records()).isGreaterThan(1);
        assertThat(sink.records).allSatisfy(r -> {
            assertThat(r.partitionKey()).isEqualTo("acme/01020304050607080000000000000007");
            assertThat(r.billedSize()).isLessThanOrEqualTo(StreamRecordCodec.MAX_RECORD_BYTES);
        });
        List<Span> back = new ArrayList<>();
        for (StreamRecordCodec.Decoded d : stored()) {
            back.addAll(d.spans());
        }
        assertThat(back).containsExactlyElementsOf(in);
    }

    @Test
    void ingest_whenCompressionOff_writesReadableRecordsToo() throws Exception {
        SpanIngester plain = new SpanIngester(IngestLimits.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC), sink, 0);
        Span s = span(1, 1).build();
        plain.ingest("acme", spans(List.of(s)), new byte[0]);
        assertThat(stored().get(0).spans()).containsExactly(s);
    }

    @Test
    void ingest_fromOtlpJson_endToEndThroughTheRealDecoder() throws Exception {
        long start = TestSpans.NOW_NANOS - Duration.ofSeconds(3).toNanos();
        String json = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},
                 "scopeSpans":[{"scope":{"name":"io.opentelemetry.demo"},"spans":[
                  {"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174","name":"add",
                   "kind":2,"startTimeUnixNano":"%d","endTimeUnixNano":%d},
                  {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"0000000000000000","name":"bad",
                   "startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}
                """.formatted(start, start + 1000, start, start + 1000);
        IngestResult result = ingester.ingest("t1", new OtlpJsonDecoder(), json.getBytes(StandardCharsets.UTF_8));
        assertThat(result.acceptedSpans()).isEqualTo(1);
        assertThat(result.rejectedSpans()).isEqualTo(1);
        Span stored = stored().get(0).spans().get(0);
        assertThat(stored.serviceName()).isEqualTo("cart");
        assertThat(stored.scope().name()).isEqualTo("io.opentelemetry.demo");
        assertThat(sink.records.get(0).partitionKey()).isEqualTo("t1/5b8efff798038103d269b633813fc60c");
    }

    private static String pseudoRandomText(long seed, int length) {
        StringBuilder sb = new StringBuilder(length);
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            sb.append((char) ('!' + Math.floorMod(x, 90)));
        }
        return sb.toString();
    }
}
