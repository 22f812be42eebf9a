package dev.skein.model;

import java.util.List;

/** The instrumentation library that recorded the spans, with its OTLP ScopeSpans schema URL. */
public record InstrumentationScope(String name, String version, List<Attribute> attributes,
        int droppedAttributesCount, String schemaUrl) {
    public static final InstrumentationScope EMPTY =
            new InstrumentationScope("", "", List.of(), 0, "");

    public InstrumentationScope {
        attributes = List.copyOf(attributes);
    }
}
