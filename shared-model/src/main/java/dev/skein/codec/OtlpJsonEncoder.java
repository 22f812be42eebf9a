package dev.skein.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Hex;
import dev.skein.model.InstrumentationScope;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanLink;
import dev.skein.model.TraceId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes spans as an OTLP/JSON {@code ExportTraceServiceRequest}, following the OTLP
 * specification's JSON rules: trace and span IDs as hex, enums as numbers, 64-bit integers as
 * strings, default values left out. Spans are grouped under their resource and scope in order of
 * first appearance, so what {@link OtlpJsonDecoder} reads back equals what was written, and the
 * body can be exported again to any OTLP receiver.
 */
public final class OtlpJsonEncoder {
    private OtlpJsonEncoder() {}

    public static byte[] encode(List<Span> spans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + spans.size() * 512);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            write(g, spans);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the request object at the generator's position. */
    public static void write(JsonGenerator g, List<Span> spans) throws IOException {
        Map<Resource, Map<InstrumentationScope, List<Span>>> grouped = new LinkedHashMap<>();
        for (Span s : spans) {
            grouped.computeIfAbsent(s.resource(), r -> new LinkedHashMap<>())
                    .computeIfAbsent(s.scope(), x -> new ArrayList<>()).add(s);
        }
        g.writeStartObject();
        g.writeArrayFieldStart("resourceSpans");
        for (Map.Entry<Resource, Map<InstrumentationScope, List<Span>>> r : grouped.entrySet()) {
            g.writeStartObject();
            g.writeObjectFieldStart("resource");
            attributes(g, r.getKey().attributes(), r.getKey().droppedAttributesCount());
            g.writeEndObject();
            g.writeArrayFieldStart("scopeSpans");
            for (Map.Entry<InstrumentationScope, List<Span>> sc : r.getValue().entrySet()) {
                scopeSpans(g, sc.getKey(), sc.getValue());
            }
            g.writeEndArray();
            stringIfSet(g, "schemaUrl", r.getKey().schemaUrl());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void scopeSpans(JsonGenerator g, InstrumentationScope scope, List<Span> spans) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("scope");
        stringIfSet(g, "name", scope.name());
        stringIfSet(g, "version", scope.version());
        attributes(g, scope.attributes(), scope.droppedAttributesCount());
        g.writeEndObject();
        g.writeArrayFieldStart("spans");
        for (Span s : spans) span(g, s);
        g.writeEndArray();
        stringIfSet(g, "schemaUrl", scope.schemaUrl());
        g.writeEndObject();
    }

    private static void span(JsonGenerator g, Span s) throws IOException {
        g.writeStartObject();
        g.writeStringField("traceId", traceId(s.traceId()));
        g.writeStringField("spanId", Hex.spanIdToHex(s.spanId()));
        stringIfSet(g, "traceState", s.traceState());
        if (s.parentSpanId() != 0) g.writeStringField("parentSpanId", Hex.spanIdToHex(s.parentSpanId()));
        if (s.flags() != 0) g.writeNumberField("flags", Integer.toUnsignedLong(s.flags()));
        g.writeStringField("name", s.name());
        if (s.kind().ordinal() != 0) g.writeNumberField("kind", s.kind().ordinal());
        g.writeStringField("startTimeUnixNano", Long.toUnsignedString(s.startEpochNanos()));
        g.writeStringField("endTimeUnixNano", Long.toUnsignedString(s.endEpochNanos()));
        attributes(g, s.attributes(), s.droppedAttributesCount());
        if (!s.events().isEmpty()) {
            g.writeArrayFieldStart("events");
            for (SpanEvent e : s.events()) {
                g.writeStartObject();
                g.writeStringField("timeUnixNano", Long.toUnsignedString(e.epochNanos()));
                g.writeStringField("name", e.name());
                attributes(g, e.attributes(), e.droppedAttributesCount());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (s.droppedEventsCount() != 0) g.writeNumberField("droppedEventsCount", s.droppedEventsCount());
        if (!s.links().isEmpty()) {
            g.writeArrayFieldStart("links");
            for (SpanLink l : s.links()) {
                g.writeStartObject();
                g.writeStringField("traceId", traceId(l.traceId()));
                g.writeStringField("spanId", Hex.spanIdToHex(l.spanId()));
                stringIfSet(g, "traceState", l.traceState());
                attributes(g, l.attributes(), l.droppedAttributesCount());
                if (l.flags() != 0) g.writeNumberField("flags", Integer.toUnsignedLong(l.flags()));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (s.droppedLinksCount() != 0) g.writeNumberField("droppedLinksCount", s.droppedLinksCount());
        g.writeObjectFieldStart("status");
        stringIfSet(g, "message", s.status().message());
        if (s.status().code().ordinal() != 0) g.writeNumberField("code", s.status().code().ordinal());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void attributes(JsonGenerator g, List<Attribute> attributes, int dropped) throws IOException {
        if (!attributes.isEmpty()) {
            g.writeArrayFieldStart("attributes");
            for (Attribute a : attributes) keyValue(g, a);
            g.writeEndArray();
        }
        if (dropped != 0) g.writeNumberField("droppedAttributesCount", dropped);
    }

    private static void keyValue(JsonGenerator g, Attribute a) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", a.key());
        g.writeFieldName("value");
        value(g, a.value());
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, AnyValue v) throws IOException {
        g.writeStartObject();
        if (v instanceof AnyValue.StringValue s) {
            g.writeStringField("stringValue", s.value());
        } else if (v instanceof AnyValue.BoolValue b) {
            g.writeBooleanField("boolValue", b.value());
        } else if (v instanceof AnyValue.IntValue i) {
            g.writeStringField("intValue", Long.toString(i.value()));
        } else if (v instanceof AnyValue.DoubleValue d) {
            double x = d.value();
            // JSON has no NaN or infinities; OTLP/JSON (proto3 JSON) spells them as strings.
            if (Double.isNaN(x)) g.writeStringField("doubleValue", "NaN");
            else if (Double.isInfinite(x)) g.writeStringField("doubleValue", x > 0 ? "Infinity" : "-Infinity");
            else g.writeNumberField("doubleValue", x);
        } else if (v instanceof AnyValue.BytesValue b) {
            g.writeStringField("bytesValue", Base64.getEncoder().encodeToString(b.value()));
        } else if (v instanceof AnyValue.ArrayValue a) {
            g.writeObjectFieldStart("arrayValue");
            g.writeArrayFieldStart("values");
            for (AnyValue x : a.values()) value(g, x);
            g.writeEndArray();
            g.writeEndObject();
        } else if (v instanceof AnyValue.KeyValueList kv) {
            g.writeObjectFieldStart("kvlistValue");
            g.writeArrayFieldStart("values");
            for (Attribute x : kv.values()) keyValue(g, x);
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static String traceId(TraceId id) {
        return id.toHex(); // OTLP trace IDs are 16 bytes: a 64-bit ID keeps its zero high half
    }

    private static void stringIfSet(JsonGenerator g, String field, String value) throws IOException {
        if (value != null && !value.isEmpty()) g.writeStringField(field, value);
    }
}
