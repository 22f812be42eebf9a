package dev.skein.model;

import java.util.List;

/**
 * What produced the spans (a service instance). Shared by reference among the spans of one
 * OTLP ResourceSpans, so a 512-span request holds one copy.
 */
public record Resource(List<Attribute> attributes, int droppedAttributesCount, String schemaUrl) {
    public static final Resource EMPTY = new Resource(List.of(), 0, "");

    public Resource {
        attributes = List.copyOf(attributes);
    }

    /** The {@code service.name} attribute, or {@code ""} when absent or not a string. */
    public String serviceName() {
        for (Attribute a : attributes) {
            if (a.key().equals("service.name") && a.value() instanceof AnyValue.StringValue s) {
                return s.value();
            }
        }
        return "";
    }
}
