package dev.skein.model;

import java.util.List;
import java.util.Objects;

/**
 * The canonical span: every input format is converted to this at the edge, and it loses nothing
 * that OTLP carries. IDs are numbers ({@code parentSpanId == 0} for a root); times are Unix
 * epoch nanoseconds. Equal content means equal spans, which is what trace combining folds on.
 */
public record Span(
        TraceId traceId,
        long spanId,
        long parentSpanId,
        String traceState,
        int flags,
        String name,
        SpanKind kind,
        long startEpochNanos,
        long endEpochNanos,
        List<Attribute> attributes,
        int droppedAttributesCount,
        List<SpanEvent> events,
        int droppedEventsCount,
        List<SpanLink> links,
        int droppedLinksCount,
        SpanStatus status,
        Resource resource,
        InstrumentationScope scope) {

    public Span {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(traceState, "traceState");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(scope, "scope");
        attributes = List.copyOf(attributes);
        events = List.copyOf(events);
        links = List.copyOf(links);
    }

    public boolean isRoot() {
        return parentSpanId == 0;
    }

    public long durationNanos() {
        return endEpochNanos - startEpochNanos;
    }

    public String serviceName() {
        return resource.serviceName();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable companion used by decoders and by the ingest rules that cap a span. */
    public static final class Builder {
        public TraceId traceId;
        public long spanId;
        public long parentSpanId;
        public String traceState = "";
        public int flags;
        public String name = "";
        public SpanKind kind = SpanKind.UNSPECIFIED;
        public long startEpochNanos;
        public long endEpochNanos;
        public List<Attribute> attributes = List.of();
        public int droppedAttributesCount;
        public List<SpanEvent> events = List.of();
        public int droppedEventsCount;
        public List<SpanLink> links = List.of();
        public int droppedLinksCount;
        public SpanStatus status = SpanStatus.UNSET;
        public Resource resource = Resource.EMPTY;
        public InstrumentationScope scope = InstrumentationScope.EMPTY;

        Builder() {}

        Builder(Span s) {
            traceId = s.traceId;
            spanId = s.spanId;
            parentSpanId = s.parentSpanId;
            traceState = s.traceState;
            flags = s.flags;
            name = s.name;
            kind = s.kind;
            startEpochNanos = s.startEpochNanos;
            endEpochNanos = s.endEpochNanos;
            attributes = s.attributes;
            droppedAttributesCount = s.droppedAttributesCount;
            events = s.events;
            droppedEventsCount = s.droppedEventsCount;
            links = s.links;
            droppedLinksCount = s.droppedLinksCount;
            status = s.status;
            resource = s.resource;
            scope = s.scope;
        }

        public Span build() {
            return new Span(traceId, spanId, parentSpanId, traceState, flags, name, kind,
                    startEpochNanos, endEpochNanos, attributes, droppedAttributesCount, events,
                    droppedEventsCount, links, droppedLinksCount, status, resource, scope);
        }
    }
}
