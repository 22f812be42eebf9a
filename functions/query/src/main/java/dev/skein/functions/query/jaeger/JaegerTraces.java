package dev.skein.functions.query.jaeger;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.codec.Json;
import dev.skein.codec.PlainJson;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Hex;
import dev.skein.model.InstrumentationScope;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanLink;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import dev.skein.query.TraceView;
import dev.skein.trace.TraceSummarizer;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace in Jaeger's JSON "UI model", the shape Jaeger UI and Grafana's Jaeger data source
 * read, mapped from OpenTelemetry's model the way Jaeger's own OTLP translator maps it:
 *
 * <ul>
 *   <li>the parent becomes a {@code CHILD_OF} reference (first), each link a {@code
 *       FOLLOWS_FROM} reference, or {@code CHILD_OF} when its {@code opentracing.ref_type}
 *       attribute says {@code child_of};
 *   <li>tags are the scope ({@code otel.scope.name}, {@code otel.scope.version}), the
 *       attributes, then {@code span.kind}, {@code otel.status_code}, {@code error=true} for an
 *       ERROR status, {@code otel.status_description} and {@code w3c.tracestate};
 *   <li>events become logs whose first field is {@code event} (the event's name) followed by
 *       its attributes;
 *   <li>each distinct resource becomes one process ({@code p1}, {@code p2}, … in order of first
 *       use): its {@code service.name} is the process's service name, the other attributes are
 *       its tags.
 * </ul>
 *
 * Times and durations are microseconds. Arrays and maps become string tags holding JSON; an
 * integer beyond JavaScript's exact range (±2^53−1) is written as a string, as Jaeger does.
 * What Jaeger's model has no place for is said in warnings: a trace without its root span yet,
 * attributes, events or links dropped before storage, links without a trace ID.
 */
final class JaegerTraces {
    static final String PARTIAL_WARNING =
            "this trace has no root span yet: spans are missing or still arriving";
    static final String INVALID_LINK_WARNING = "a span link without a trace ID was left out";
    private static final long JS_MAX_SAFE_INTEGER = (1L << 53) - 1;

    private JaegerTraces() {}

    /** Writes the trace as one JSON object. */
    static void write(JsonGenerator g, TraceView trace) throws IOException {
        Map<List<Attribute>, String> processIds = new LinkedHashMap<>();
        Map<String, Span> processSpans = new LinkedHashMap<>();
        for (Span s : trace.spans()) {
            String id = processIds.computeIfAbsent(s.resource().attributes(), k -> "p" + (processIds.size() + 1));
            processSpans.putIfAbsent(id, s);
        }
        g.writeStartObject();
        g.writeStringField("traceID", JaegerTraceIds.format(traceIdOf(trace)));
        g.writeArrayFieldStart("spans");
        for (Span s : trace.spans()) writeSpan(g, s, processIds.get(s.resource().attributes()));
        g.writeEndArray();
        g.writeObjectFieldStart("processes");
        for (Map.Entry<String, Span> p : processSpans.entrySet()) {
            g.writeObjectFieldStart(p.getKey());
            writeProcess(g, p.getValue());
            g.writeEndObject();
        }
        g.writeEndObject();
        writeWarnings(g, trace.partial() ? List.of(PARTIAL_WARNING) : List.of());
        g.writeEndObject();
    }

    /** The spans' own trace ID; the ID asked for when a 64-bit lookup merged several traces. */
    private static TraceId traceIdOf(TraceView trace) {
        TraceId shared = null;
        for (Span s : trace.spans()) {
            if (shared == null) {
                shared = s.traceId();
            } else if (!shared.equals(s.traceId())) {
                return trace.traceId();
            }
        }
        return shared == null ? trace.traceId() : shared;
    }

    private static void writeSpan(JsonGenerator g, Span s, String processId) throws IOException {
        List<String> warnings = new ArrayList<>();
        g.writeStartObject();
        g.writeStringField("traceID", JaegerTraceIds.format(s.traceId()));
        g.writeStringField("spanID", Hex.spanIdToHex(s.spanId()));
        // The W3C trace-flags byte: its bit 0 (sampled) means what Jaeger's bit 0 means.
        g.writeNumberField("flags", s.flags() & 0xff);
        g.writeStringField("operationName", s.name());
        writeReferences(g, s, warnings);
        g.writeNumberField("startTime", micros(s.startEpochNanos()));
        g.writeNumberField("duration", micros(s.durationNanos()));
        writeTags(g, s);
        writeLogs(g, s.events());
        g.writeStringField("processID", processId);
        dropped(warnings, s.droppedAttributesCount(), "attribute");
        dropped(warnings, s.droppedEventsCount(), "event");
        dropped(warnings, s.droppedLinksCount(), "link");
        writeWarnings(g, warnings);
        g.writeEndObject();
    }

    private static void writeReferences(JsonGenerator g, Span s, List<String> warnings) throws IOException {
        String parentType = null;
        List<SpanLink> others = new ArrayList<>();
        for (SpanLink l : s.links()) {
            if (l.traceId().isZero()) {
                if (!warnings.contains(INVALID_LINK_WARNING)) warnings.add(INVALID_LINK_WARNING);
            } else if (!s.isRoot() && parentType == null && l.traceId().equals(s.traceId())
                    && l.spanId() == s.parentSpanId()) {
                parentType = refType(l); // a link to the parent only retypes the parent reference
            } else {
                others.add(l);
            }
        }
        g.writeArrayFieldStart("references");
        if (!s.isRoot()) writeReference(g, parentType == null ? "CHILD_OF" : parentType, s.traceId(), s.parentSpanId());
        for (SpanLink l : others) writeReference(g, refType(l), l.traceId(), l.spanId());
        g.writeEndArray();
    }

    private static String refType(SpanLink l) {
        for (Attribute a : l.attributes()) {
            if (a.key().equals("opentracing.ref_type")) {
                return a.value() instanceof AnyValue.StringValue v && v.value().equals("child_of")
                        ? "CHILD_OF" : "FOLLOWS_FROM";
            }
        }
        return "FOLLOWS_FROM";
    }

    private static void writeReference(JsonGenerator g, String type, TraceId trace, long spanId) throws IOException {
        g.writeStartObject();
        g.writeStringField("refType", type);
        g.writeStringField("traceID", JaegerTraceIds.format(trace));
        g.writeStringField("spanID", Hex.spanIdToHex(spanId));
        g.writeEndObject();
    }

    private static void writeTags(JsonGenerator g, Span s) throws IOException {
        g.writeArrayFieldStart("tags");
        InstrumentationScope scope = s.scope();
        if (!scope.name().isEmpty()) writeTag(g, "otel.scope.name", AnyValue.of(scope.name()));
        if (!scope.version().isEmpty()) writeTag(g, "otel.scope.version", AnyValue.of(scope.version()));
        for (Attribute a : s.attributes()) writeTag(g, a.key(), a.value());
        String kind = spanKindTag(s);
        if (kind != null) writeTag(g, "span.kind", AnyValue.of(kind));
        StatusCode code = s.status().code();
        if (code != StatusCode.UNSET) writeTag(g, "otel.status_code", AnyValue.of(code.name()));
        if (code == StatusCode.ERROR) writeTag(g, "error", AnyValue.of(true));
        if (!s.status().message().isEmpty()) writeTag(g, "otel.status_description", AnyValue.of(s.status().message()));
        if (!s.traceState().isEmpty()) writeTag(g, "w3c.tracestate", AnyValue.of(s.traceState()));
        g.writeEndArray();
    }

    /** The span kind as Jaeger's {@code span.kind} tag names it; null when unspecified. */
    static String spanKindTag(Span s) {
        return switch (s.kind()) {
            case CLIENT -> "client";
            case SERVER -> "server";
            case PRODUCER -> "producer";
            case CONSUMER -> "consumer";
            case INTERNAL -> "internal";
            case UNSPECIFIED -> null;
        };
    }

    private static void writeLogs(JsonGenerator g, List<SpanEvent> events) throws IOException {
        g.writeArrayFieldStart("logs");
        for (SpanEvent e : events) {
            g.writeStartObject();
            g.writeNumberField("timestamp", micros(e.epochNanos()));
            g.writeArrayFieldStart("fields");
            boolean namedByAttribute = false;
            for (Attribute a : e.attributes()) namedByAttribute |= a.key().equals("event");
            if (!e.name().isEmpty() && !namedByAttribute) writeTag(g, "event", AnyValue.of(e.name()));
            for (Attribute a : e.attributes()) writeTag(g, a.key(), a.value());
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeProcess(JsonGenerator g, Span s) throws IOException {
        String service = s.serviceName();
        g.writeStringField("serviceName", service.isEmpty() ? TraceSummarizer.UNKNOWN_SERVICE : service);
        g.writeArrayFieldStart("tags");
        boolean nameSkipped = false;
        for (Attribute a : s.resource().attributes()) {
            // The service.name that became serviceName; a second copy, or a non-string one, stays a tag.
            if (!nameSkipped && !service.isEmpty() && a.key().equals("service.name")
                    && a.value() instanceof AnyValue.StringValue) {
                nameSkipped = true;
                continue;
            }
            writeTag(g, a.key(), a.value());
        }
        g.writeEndArray();
    }

    /** One {@code {"key", "type", "value"}} of Jaeger's typed key-values. */
    static void writeTag(JsonGenerator g, String key, AnyValue v) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        if (v instanceof AnyValue.BoolValue b) {
            g.writeStringField("type", "bool");
            g.writeBooleanField("value", b.value());
        } else if (v instanceof AnyValue.IntValue i) {
            g.writeStringField("type", "int64");
            if (i.value() > JS_MAX_SAFE_INTEGER || i.value() < -JS_MAX_SAFE_INTEGER) {
                g.writeStringField("value", Long.toString(i.value()));
            } else {
                g.writeNumberField("value", i.value());
            }
        } else if (v instanceof AnyValue.DoubleValue d) {
            g.writeStringField("type", "float64");
            writeDouble(g, "value", d.value());
        } else if (v instanceof AnyValue.BytesValue x) {
            g.writeStringField("type", "binary");
            g.writeFieldName("value");
            g.writeBinary(x.value()); // base64, as Go encodes a byte slice
        } else {
            g.writeStringField("type", "string");
            g.writeStringField("value", asString(v));
        }
        g.writeEndObject();
    }

    /** A string value as is; an array or map as JSON; an empty value as "". */
    private static String asString(AnyValue v) throws IOException {
        if (v instanceof AnyValue.StringValue s) return s.value();
        if (v == AnyValue.Empty.INSTANCE) return "";
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            PlainJson.write(g, v);
        }
        return out.toString();
    }

    /** JSON has no NaN or infinity: those are written as Go prints them, in a string. */
    private static void writeDouble(JsonGenerator g, String field, double d) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumberField(field, d);
        } else {
            g.writeStringField(field, nonFinite(d));
        }
    }

    private static String nonFinite(double d) {
        return Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf";
    }

    private static void writeWarnings(JsonGenerator g, List<String> warnings) throws IOException {
        if (warnings.isEmpty()) {
            g.writeNullField("warnings"); // as Jaeger writes a span or trace without warnings
            return;
        }
        g.writeArrayFieldStart("warnings");
        for (String w : warnings) g.writeString(w);
        g.writeEndArray();
    }

    private static void dropped(List<String> warnings, int count, String what) {
        if (count > 0) warnings.add(count + " " + what + (count == 1 ? " was" : "s were") + " dropped before storage");
    }

    private static long micros(long nanos) {
        return Math.floorDiv(nanos, 1000L);
    }
}
