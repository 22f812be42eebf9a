package dev.skein.model;

import java.util.List;

public record SpanEvent(long epochNanos, String name, List<Attribute> attributes,
        int droppedAttributesCount) {
    public SpanEvent {
        attributes = List.copyOf(attributes);
    }
}
