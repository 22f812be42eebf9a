package dev.skein.storage;

import dev.skein.codec.StreamRecordCodec;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanLink;
import dev.skein.model.SpanStatus;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hand-made traces for the storage contract: spans of named services placed at offsets from a
 * trace start, and the span-stream records that carry them, as ingest would write them.
 */
public final class TraceBuilder {
    private static final Map<String, Resource> RESOURCES = new HashMap<>();

    private final TraceId traceId;
    private final long startNanos;
    private final List<Span> spans = new ArrayList<>();

    private TraceBuilder(TraceId traceId, long startNanos) {
        this.traceId = traceId;
        this.startNanos = startNanos;
    }

    public static TraceBuilder trace(long startEpochMillis) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new TraceBuilder(new TraceId(r.nextLong() | 1, r.nextLong() | 1), startEpochMillis * 1_000_000L);
    }

    public static TraceBuilder trace(TraceId id, long startEpochMillis) {
        return new TraceBuilder(id, startEpochMillis * 1_000_000L);
    }

    public TraceId id() {
        return traceId;
    }

    public static synchronized Resource service(String name) {
        return RESOURCES.computeIfAbsent(name, n -> new Resource(List.of(Attribute.of("service.name", n)), 0, ""));
    }

    /** A span starting {@code offsetMillis} after the trace start. */
    public Span span(long spanId, long parentId, String service, String name, SpanKind kind, long offsetMillis,
            long durationMillis, Attribute... attributes) {
        Span.Builder b = Span.builder();
        b.traceId = traceId;
        b.spanId = spanId;
        b.parentSpanId = parentId;
        b.name = name;
        b.kind = kind;
        b.startEpochNanos = startNanos + offsetMillis * 1_000_000L;
        b.endEpochNanos = b.startEpochNanos + durationMillis * 1_000_000L;
        b.resource = service(service);
        b.attributes = List.of(attributes);
        Span s = b.build();
        spans.add(s);
        return s;
    }

    /** Replaces {@code s} in this trace by a copy with an ERROR status. */
    public Span failed(Span s) {
        Span.Builder b = s.toBuilder();
        b.status = new SpanStatus(StatusCode.ERROR, "boom");
        return replace(s, b.build());
    }

    /** Replaces {@code s} in this trace by a copy linked to a span of another trace. */
    public Span linkedTo(Span s, TraceId trace, long spanId) {
        Span.Builder b = s.toBuilder();
        b.links = List.of(new SpanLink(trace, spanId, "", 0, List.of(), 0));
        return replace(s, b.build());
    }

    /** Replaces {@code s} in this trace by a copy whose resource has {@code attributes} besides its service name. */
    public Span withResource(Span s, Attribute... attributes) {
        List<Attribute> all = new ArrayList<>(s.resource().attributes());
        all.addAll(List.of(attributes));
        Span.Builder b = s.toBuilder();
        b.resource = new Resource(all, 0, "");
        return replace(s, b.build());
    }

    private Span replace(Span old, Span replacement) {
        spans.set(spans.indexOf(old), replacement);
        return replacement;
    }

    public static Attribute attr(String key, String value) {
        return Attribute.of(key, value);
    }

    public static Attribute attr(String key, boolean value) {
        return new Attribute(key, AnyValue.of(value));
    }

    public static Attribute attr(String key, long value) {
        return new Attribute(key, AnyValue.of(value));
    }

    public List<Span> spans() {
        return List.copyOf(spans);
    }

    /** The span-stream records carrying {@code spans} for {@code tenant}, as ingest writes them. */
    public static List<byte[]> records(String tenant, List<Span> spans) {
        try (StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(6)) {
            return encoder.encodeTrace(tenant, spans).records();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
