package dev.skein.ingest;

import static dev.skein.ingest.TestSpans.NOW_NANOS;
import static dev.skein.ingest.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.TraceId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanPolicyTest {
    private final SpanPolicy policy = new SpanPolicy(IngestLimits.DEFAULTS);

    @Test
    void problem_whenSpanIsWellFormed_isNull() {
        assertThat(policy.problem(span(1, 2).build(), NOW_NANOS)).isNull();
    }

    @Test
    void problem_whenTraceIdIsZero_namesIt() {
        Span.Builder b = span(1, 2);
        b.traceId = new TraceId(0, 0);
        assertThat(policy.problem(b.build(), NOW_NANOS)).contains("trace ID is all zeros");
    }

    @Test
    void problem_whenSpanIdIsZero_namesIt() {
        assertThat(policy.problem(span(1, 0).build(), NOW_NANOS)).contains("span ID is all zeros");
    }

    @Test
    void problem_whenSixtyFourBitTraceId_isNull() {
        Span.Builder b = span(1, 2);
        b.traceId = new TraceId(0, 77);
        assertThat(policy.problem(b.build(), NOW_NANOS)).isNull();
    }

    @Test
    void problem_whenEndBeforeStart_namesIt() {
        Span.Builder b = span(1, 2);
        b.endEpochNanos = b.startEpochNanos - 1;
        assertThat(policy.problem(b.build(), NOW_NANOS))
                .isEqualTo("span 0000000000000002 of trace 01020304050607080000000000000001: end time is before start time");
    }

    @Test
    void problem_whenEndEqualsStart_isNull() {
        Span.Builder b = span(1, 2);
        b.endEpochNanos = b.startEpochNanos;
        assertThat(policy.problem(b.build(), NOW_NANOS)).isNull();
    }

    @Test
    void problem_whenStartMissing_namesIt() {
        Span.Builder b = span(1, 2);
        b.startEpochNanos = 0;
        assertThat(policy.problem(b.build(), NOW_NANOS)).contains("start time is missing");
    }

    @Test
    void problem_atTheEdgesOfTheWindow_acceptsInsideAndRejectsOutside() {
        long fourteenDays = Duration.ofDays(14).toNanos();
        long oneHour = Duration.ofHours(1).toNanos();

        Span.Builder oldest = span(1, 2);
        oldest.startEpochNanos = NOW_NANOS - fourteenDays;
        assertThat(policy.problem(oldest.build(), NOW_NANOS)).isNull();
        oldest.startEpochNanos--;
        assertThat(policy.problem(oldest.build(), NOW_NANOS)).contains("older than the PT336H ingest window");

        Span.Builder newest = span(1, 2);
        newest.endEpochNanos = NOW_NANOS + oneHour;
        assertThat(policy.problem(newest.build(), NOW_NANOS)).isNull();
        newest.endEpochNanos++;
        assertThat(policy.problem(newest.build(), NOW_NANOS)).contains("in the future");
    }

    @Test
    void problem_whenWindowConfigured_usesIt() {
        IngestLimits d = IngestLimits.DEFAULTS;
        SpanPolicy narrow = new SpanPolicy(new IngestLimits(d.maxBodyBytes(), d.maxDecompressedBytes(),
                d.maxSpansPerRequest(), d.maxAttributesPerSpan(), d.maxAttributeValueBytes(),
                d.maxEventsPerSpan(), d.maxLinksPerSpan(), Duration.ofSeconds(1), Duration.ZERO));
        assertThat(narrow.problem(span(1, 2).build(), NOW_NANOS)).contains("older than");
    }

    @Test
    void cap_whenNothingOverALimit_returnsTheSameSpan() {
        SpanPolicy.Capper capper = policy.new Capper();
        Span s = span(1, 2).build();
        assertThat(capper.cap(s)).isSameAs(s);
        assertThat(capper.droppedAttributes + capper.truncatedValues).isZero();
    }

    @Test
    void cap_whenTooManyAttributes_keepsTheFirstAndCountsTheRest() {
        Span.Builder b = span(1, 2);
        b.attributes = TestSpans.attributes(200);
        b.droppedAttributesCount = 3;
        SpanPolicy.Capper capper = policy.new Capper();
        Span capped = capper.cap(b.build());
        assertThat(capped.attributes()).hasSize(128).isEqualTo(b.attributes.subList(0, 128));
        assertThat(capped.droppedAttributesCount()).isEqualTo(3 + 72);
        assertThat(capper.droppedAttributes).isEqualTo(72);
    }

    @Test
    void cap_whenTooManyEventsAndLinks_countsThemInTheSpan() {
        Span.Builder b = span(1, 2);
        b.events = TestSpans.events(130);
        b.links = TestSpans.links(129);
        SpanPolicy.Capper capper = policy.new Capper();
        Span capped = capper.cap(b.build());
        assertThat(capped.events()).hasSize(128);
        assertThat(capped.droppedEventsCount()).isEqualTo(2);
        assertThat(capped.links()).hasSize(128);
        assertThat(capped.droppedLinksCount()).isEqualTo(1);
        assertThat(capper.droppedEvents).isEqualTo(2);
        assertThat(capper.droppedLinks).isEqualTo(1);
    }

    @Test
    void cap_whenValueTooLong_truncatesToTheByteLimitOnACodePointBoundary() {
        Span.Builder b = span(1, 2);
        String euro = "€".repeat(1000); // 3 bytes each: 3000 bytes
        b.attributes = List.of(Attribute.of("long", euro), Attribute.of("short", "ok"));
        SpanPolicy.Capper capper = policy.new Capper();
        Span capped = capper.cap(b.build());
        String kept = ((AnyValue.StringValue) capped.attributes().get(0).value()).value();
        assertThat(kept).isEqualTo("€".repeat(682)); // 2046 bytes: the next would pass 2048
        assertThat(capped.attributes().get(1)).isEqualTo(Attribute.of("short", "ok"));
        assertThat(capper.truncatedValues).isEqualTo(1);
    }

    @Test
    void cap_whenSurrogatePairStraddlesTheLimit_keepsThePairWhole() {
        String s = "a".repeat(2046) + "😀"; // 2046 + 4 bytes
        assertThat(dev.skein.model.Utf8Prefix.of(s, 2048)).isEqualTo("a".repeat(2046));
        assertThat(dev.skein.model.Utf8Prefix.of(s, 2050)).isSameAs(s);
    }

    @Test
    void cap_whenBytesOrNestedValuesTooLong_truncatesThemToo() {
        Span.Builder b = span(1, 2);
        b.attributes = List.of(
                new Attribute("blob", new AnyValue.BytesValue(new byte[5000])),
                new Attribute("list", new AnyValue.ArrayValue(List.of(AnyValue.of("x".repeat(3000))))),
                new Attribute("map", new AnyValue.KeyValueList(List.of(Attribute.of("inner", "y".repeat(3000))))));
        SpanPolicy.Capper capper = policy.new Capper();
        Span capped = capper.cap(b.build());
        assertThat(((AnyValue.BytesValue) capped.attributes().get(0).value()).value()).hasSize(2048);
        AnyValue.ArrayValue list = (AnyValue.ArrayValue) capped.attributes().get(1).value();
        assertThat(((AnyValue.StringValue) list.values().get(0)).value()).hasSize(2048);
        AnyValue.KeyValueList map = (AnyValue.KeyValueList) capped.attributes().get(2).value();
        assertThat(((AnyValue.StringValue) map.values().get(0).value()).value()).hasSize(2048);
        assertThat(capper.truncatedValues).isEqualTo(3);
    }

    @Test
    void cap_whenEventAttributesOverTheLimit_capsEachEvent() {
        Span.Builder b = span(1, 2);
        b.events = List.of(new SpanEvent(NOW_NANOS, "exception", TestSpans.attributes(130), 0));
        Span capped = policy.new Capper().cap(b.build());
        assertThat(capped.events().get(0).attributes()).hasSize(128);
        assertThat(capped.events().get(0).droppedAttributesCount()).isEqualTo(2);
    }

    @Test
    void cap_whenSharedResourceOverTheLimit_trimsItOnceForAllItsSpans() {
        Resource big = new Resource(TestSpans.attributes(129), 0, "");
        SpanPolicy.Capper capper = policy.new Capper();
        Span.Builder a = span(1, 2);
        a.resource = big;
        Span.Builder b = span(1, 3);
        b.resource = big;
        Span ca = capper.cap(a.build());
        Span cb = capper.cap(b.build());
        assertThat(ca.resource()).isSameAs(cb.resource());
        assertThat(ca.resource().attributes()).hasSize(128);
        assertThat(ca.resource().droppedAttributesCount()).isEqualTo(1);
        assertThat(capper.droppedAttributes).isEqualTo(1);
    }
}
