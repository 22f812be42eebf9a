package dev.skein.model;

import java.util.List;

public record SpanLink(TraceId traceId, long spanId, String traceState, int flags,
        List<Attribute> attributes, int droppedAttributesCount) {
    public SpanLink {
        attributes = List.copyOf(attributes);
    }
}
