package dev.skein.ingest;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanLink;
import dev.skein.model.TraceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small hand-made spans for the ingest-rule tests, placed around a fixed "now". */
final class TestSpans {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L;
    static final Resource CHECKOUT = new Resource(List.of(Attribute.of("service.name", "checkout")), 0, "");

    private TestSpans() {}

    static Span.Builder span(long traceLow, long spanId) {
        Span.Builder b = Span.builder();
        b.traceId = new TraceId(0x0102030405060708L, traceLow);
        b.spanId = spanId;
        b.name = "GET /cart";
        b.kind = SpanKind.SERVER;
        b.startEpochNanos = NOW_NANOS - 5_000_000_000L;
        b.endEpochNanos = b.startEpochNanos + 12_000_000L;
        b.resource = CHECKOUT;
        b.attributes = List.of(Attribute.of("http.method", "GET"));
        return b;
    }

    static List<Attribute> attributes(int n) {
        List<Attribute> attrs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            attrs.add(new Attribute("k" + i, AnyValue.of((long) i)));
        }
        return attrs;
    }

    static List<SpanEvent> events(int n) {
        List<SpanEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new SpanEvent(NOW_NANOS - 1_000_000L, "e" + i, List.of(), 0));
        }
        return events;
    }

    static List<SpanLink> links(int n) {
        List<SpanLink> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            links.add(new SpanLink(new TraceId(9, i + 1), i + 1, "", 0, List.of(), 0));
        }
        return links;
    }
}
