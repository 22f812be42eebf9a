package dev.skein.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Hex;
import dev.skein.model.InstrumentationScope;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanLink;
import dev.skein.model.SpanStatus;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Decodes an OTLP/HTTP JSON {@code ExportTraceServiceRequest} as the OTLP specification defines
 * it: trace and span IDs in hex (either case), enums as numbers or names, 64-bit integers as
 * numbers or strings, field names in lowerCamelCase (the proto names are accepted too, as the
 * protobuf JSON mapping does), unknown fields ignored.
 *
 * <p>A span with a bad ID or value is rejected alone; a body that is not JSON of this shape is a
 * {@link DecodeException} naming the field and the line and column.
 */
public final class OtlpJsonDecoder implements SpanDecoder {

    @Override
    public DecodedSpans decode(byte[] body, int maxSpans)
            throws DecodeException, TooManySpansException {
        DecodedSpans out = new DecodedSpans(maxSpans);
        try (JsonParser p = Json.parser(body)) {
            JsonCursor c = new JsonCursor(p);
            if (p.nextToken() == null) {
                throw new DecodeException("empty body: expected an ExportTraceServiceRequest JSON object");
            }
            if (!c.startObject("ExportTraceServiceRequest")) {
                return out;
            }
            new Run(c, out).request();
            if (p.nextToken() != null) {
                throw new DecodeException("unexpected content after the request object at " + c.where());
            }
        } catch (StreamConstraintsException e) {
            throw new DecodeException("JSON exceeds a limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new DecodeException("malformed JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new DecodeException("unreadable JSON: " + e.getMessage(), e);
        }
        return out;
    }

    /** A span read before its resource and scope are known (JSON objects are unordered). */
    private record Pending(Span.Builder builder, int scopeIndex, int index) {}

    private static final class Run {
        final JsonCursor c;
        final DecodedSpans out;
        /** The first problem in the span being read that rejects it; null when none. */
        String problem;

        Run(JsonCursor c, DecodedSpans out) {
            this.c = c;
            this.out = out;
        }

        void request() throws IOException, DecodeException, TooManySpansException {
            while (c.nextField()) {
                String f = c.fieldName();
                if (f.equals("resourceSpans") || f.equals("resource_spans")) {
                    if (c.startArray(f)) {
                        while (c.nextElement()) {
                            if (c.startObject("resourceSpans[]")) {
                                resourceSpans();
                            }
                        }
                    }
                } else {
                    c.skipValue();
                }
            }
        }

        void resourceSpans() throws IOException, DecodeException, TooManySpansException {
            List<Attribute> attrs = List.of();
            int dropped = 0;
            String schemaUrl = "";
            boolean hasResource = false;
            String resourceProblem = null;
            List<Pending> pending = new ArrayList<>();
            List<InstrumentationScope> scopes = new ArrayList<>();
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "resource" -> {
                        if (c.startObject("resource")) {
                            hasResource = true;
                            problem = null;
                            while (c.nextField()) {
                                switch (c.fieldName()) {
                                    case "attributes" -> attrs = attributes("resource.attributes", 0);
                                    case "droppedAttributesCount", "dropped_attributes_count" ->
                                            dropped = (int) c.int64("resource.droppedAttributesCount");
                                    default -> c.skipValue();
                                }
                            }
                            if (problem != null) {
                                resourceProblem = "resource: " + problem;
                            }
                        }
                    }
                    case "scopeSpans", "scope_spans" -> {
                        if (c.startArray("scopeSpans")) {
                            while (c.nextElement()) {
                                if (c.startObject("scopeSpans[]")) {
                                    scopes.add(scopeSpans(pending, scopes.size()));
                                }
                            }
                        }
                    }
                    case "schemaUrl", "schema_url" -> {
                        problem = null;
                        schemaUrl = text("resourceSpans.schemaUrl");
                        if (problem != null) {
                            resourceProblem = "resource: " + problem;
                        }
                    }
                    default -> c.skipValue();
                }
            }
            Resource resource = hasResource || !schemaUrl.isEmpty()
                    ? new Resource(attrs, dropped, schemaUrl) : Resource.EMPTY;
            for (Pending ps : pending) {
                if (resourceProblem != null) {
                    out.reject(ps.index, resourceProblem);
                    continue;
                }
                ps.builder.resource = resource;
                ps.builder.scope = scopes.get(ps.scopeIndex);
                out.add(ps.builder.build());
            }
        }

        InstrumentationScope scopeSpans(List<Pending> pending, int scopeIndex)
                throws IOException, DecodeException, TooManySpansException {
            String name = "";
            String version = "";
            List<Attribute> attrs = List.of();
            int dropped = 0;
            String schemaUrl = "";
            boolean hasScope = false;
            String scopeProblem = null;
            int firstPending = pending.size();
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "scope" -> {
                        if (c.startObject("scope")) {
                            hasScope = true;
                            problem = null;
                            while (c.nextField()) {
                                switch (c.fieldName()) {
                                    case "name" -> name = text("scope.name");
                                    case "version" -> version = text("scope.version");
                                    case "attributes" -> attrs = attributes("scope.attributes", 0);
                                    case "droppedAttributesCount", "dropped_attributes_count" ->
                                            dropped = (int) c.int64("scope.droppedAttributesCount");
                                    default -> c.skipValue();
                                }
                            }
                            if (problem != null) {
                                scopeProblem = "scope: " + problem;
                            }
                        }
                    }
                    case "spans" -> {
                        if (c.startArray("spans")) {
                            while (c.nextElement()) {
                                int index = out.countSpan();
                                if (!c.startObject("spans[]")) {
                                    out.reject(index, "span is null");
                                    continue;
                                }
                                Span.Builder b = span();
                                if (problem != null) {
                                    out.reject(index, problem);
                                } else {
                                    // Held until the resource is known: JSON objects are unordered.
                                    pending.add(new Pending(b, scopeIndex, index));
                                }
                            }
                        }
                    }
                    case "schemaUrl", "schema_url" -> {
                        problem = null;
                        schemaUrl = text("scopeSpans.schemaUrl");
                        if (problem != null) {
                            scopeProblem = "scope: " + problem;
                        }
                    }
                    default -> c.skipValue();
                }
            }
            if (scopeProblem != null) {
                for (int i = firstPending; i < pending.size(); i++) {
                    out.reject(pending.get(i).index, scopeProblem);
                }
                pending.subList(firstPending, pending.size()).clear();
            }
            return hasScope || !schemaUrl.isEmpty()
                    ? new InstrumentationScope(name, version, attrs, dropped, schemaUrl)
                    : InstrumentationScope.EMPTY;
        }

        Span.Builder span() throws IOException, DecodeException {
            Span.Builder b = Span.builder();
            problem = null;
            boolean hasTraceId = false;
            boolean hasSpanId = false;
            List<Attribute> attrs = List.of();
            List<SpanEvent> events = new ArrayList<>(0);
            List<SpanLink> links = new ArrayList<>(0);
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "traceId", "trace_id" -> {
                        b.traceId = traceId("traceId");
                        hasTraceId = true;
                    }
                    case "spanId", "span_id" -> {
                        b.spanId = spanId("spanId", false);
                        hasSpanId = true;
                    }
                    case "parentSpanId", "parent_span_id" -> b.parentSpanId = spanId("parentSpanId", true);
                    case "traceState", "trace_state" -> b.traceState = text("traceState");
                    case "flags" -> b.flags = (int) c.int64("flags");
                    case "name" -> b.name = text("name");
                    case "kind" -> b.kind = SpanKind.fromNumber(enumNumber("kind", "SPAN_KIND_",
                            SpanKind.values()));
                    case "startTimeUnixNano", "start_time_unix_nano" -> b.startEpochNanos = c.int64("startTimeUnixNano");
                    case "endTimeUnixNano", "end_time_unix_nano" -> b.endEpochNanos = c.int64("endTimeUnixNano");
                    case "attributes" -> attrs = attributes("attributes", 0);
                    case "droppedAttributesCount", "dropped_attributes_count" -> b.droppedAttributesCount = (int) c.int64("droppedAttributesCount");
                    case "events" -> {
                        if (c.startArray("events")) {
                            while (c.nextElement()) {
                                if (c.startObject("events[]")) {
                                    events.add(event());
                                }
                            }
                        }
                    }
                    case "droppedEventsCount", "dropped_events_count" -> b.droppedEventsCount = (int) c.int64("droppedEventsCount");
                    case "links" -> {
                        if (c.startArray("links")) {
                            while (c.nextElement()) {
                                if (c.startObject("links[]")) {
                                    links.add(link());
                                }
                            }
                        }
                    }
                    case "droppedLinksCount", "dropped_links_count" -> b.droppedLinksCount = (int) c.int64("droppedLinksCount");
                    case "status" -> b.status = status();
                    default -> c.skipValue();
                }
            }
            if (problem == null && (!hasTraceId || b.traceId == null)) {
                problem = "trace ID is missing";
            } else if (problem == null && !hasSpanId) {
                problem = "span ID is missing";
            }
            b.attributes = attrs;
            b.events = events;
            b.links = links;
            return b;
        }

        SpanEvent event() throws IOException, DecodeException {
            long time = 0;
            String name = "";
            List<Attribute> attrs = List.of();
            int dropped = 0;
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "timeUnixNano", "time_unix_nano" -> time = c.int64("events[].timeUnixNano");
                    case "name" -> name = text("events[].name");
                    case "attributes" -> attrs = attributes("events[].attributes", 0);
                    case "droppedAttributesCount", "dropped_attributes_count" -> dropped = (int) c.int64("events[].droppedAttributesCount");
                    default -> c.skipValue();
                }
            }
            return new SpanEvent(time, name, attrs, dropped);
        }

        SpanLink link() throws IOException, DecodeException {
            TraceId traceId = null;
            long spanId = 0;
            boolean hasSpanId = false;
            String traceState = "";
            List<Attribute> attrs = List.of();
            int dropped = 0;
            int flags = 0;
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "traceId", "trace_id" -> traceId = traceId("links[].traceId");
                    case "spanId", "span_id" -> {
                        spanId = spanId("links[].spanId", false);
                        hasSpanId = true;
                    }
                    case "traceState", "trace_state" -> traceState = text("links[].traceState");
                    case "attributes" -> attrs = attributes("links[].attributes", 0);
                    case "droppedAttributesCount", "dropped_attributes_count" -> dropped = (int) c.int64("links[].droppedAttributesCount");
                    case "flags" -> flags = (int) c.int64("links[].flags");
                    default -> c.skipValue();
                }
            }
            if (traceId == null) {
                reject("links[].traceId is missing");
                traceId = new TraceId(0, 0);
            }
            if (!hasSpanId) {
                reject("links[].spanId is missing");
            }
            return new SpanLink(traceId, spanId, traceState, flags, attrs, dropped);
        }

        SpanStatus status() throws IOException, DecodeException {
            if (!c.startObject("status")) {
                return SpanStatus.UNSET;
            }
            String message = "";
            int code = 0;
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "message" -> message = text("status.message");
                    case "code" -> code = enumNumber("status.code", "STATUS_CODE_", StatusCode.values());
                    default -> c.skipValue();
                }
            }
            return SpanStatus.of(StatusCode.fromNumber(code), message);
        }

        List<Attribute> attributes(String field, int depth) throws IOException, DecodeException {
            if (!c.startArray(field)) {
                return List.of();
            }
            List<Attribute> list = new ArrayList<>();
            while (c.nextElement()) {
                if (c.startObject(field + "[]")) {
                    list.add(keyValue(field, depth));
                }
            }
            return list;
        }

        Attribute keyValue(String field, int depth) throws IOException, DecodeException {
            String key = "";
            AnyValue value = AnyValue.Empty.INSTANCE;
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "key" -> key = text(field + "[].key");
                    case "value" -> value = anyValue(field + "[].value", depth);
                    default -> c.skipValue();
                }
            }
            return new Attribute(key, value);
        }

        AnyValue anyValue(String field, int depth) throws IOException, DecodeException {
            if (!c.startObject(field)) {
                return AnyValue.Empty.INSTANCE;
            }
            if (depth > OtlpProtoDecoder.MAX_VALUE_DEPTH) {
                throw new DecodeException("'" + field + "' nests values deeper than "
                        + OtlpProtoDecoder.MAX_VALUE_DEPTH + " levels at " + c.where());
            }
            AnyValue value = AnyValue.Empty.INSTANCE;
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "stringValue", "string_value" -> value = AnyValue.of(text(field));
                    case "boolValue", "bool_value" -> value = AnyValue.of(c.bool(field));
                    case "intValue", "int_value" -> value = AnyValue.of(c.int64(field));
                    case "doubleValue", "double_value" -> value = AnyValue.of(c.float64(field));
                    case "bytesValue", "bytes_value" -> value = bytes(field);
                    case "arrayValue", "array_value" -> {
                        List<AnyValue> values = new ArrayList<>();
                        if (c.startObject(field + ".arrayValue")) {
                            while (c.nextField()) {
                                if (c.fieldName().equals("values") && c.startArray(field + ".arrayValue.values")) {
                                    while (c.nextElement()) {
                                        values.add(anyValue(field + ".arrayValue.values[]", depth + 1));
                                    }
                                } else {
                                    c.skipValue();
                                }
                            }
                        }
                        value = new AnyValue.ArrayValue(values);
                    }
                    case "kvlistValue", "kvlist_value" -> {
                        List<Attribute> values = List.of();
                        if (c.startObject(field + ".kvlistValue")) {
                            while (c.nextField()) {
                                if (c.fieldName().equals("values")) {
                                    values = attributes(field + ".kvlistValue.values", depth + 1);
                                } else {
                                    c.skipValue();
                                }
                            }
                        }
                        value = new AnyValue.KeyValueList(values);
                    }
                    default -> c.skipValue();
                }
            }
            return value;
        }

        AnyValue bytes(String field) throws IOException, DecodeException {
            String s = c.string(field);
            try {
                return new AnyValue.BytesValue(Base64.getDecoder().decode(s));
            } catch (IllegalArgumentException e) {
                try {
                    return new AnyValue.BytesValue(Base64.getUrlDecoder().decode(s));
                } catch (IllegalArgumentException e2) {
                    reject("'" + field + "' is not base64");
                    return new AnyValue.BytesValue(new byte[0]);
                }
            }
        }

        /** A string that must also be representable in UTF-8 (no lone surrogate escapes). */
        String text(String field) throws IOException, DecodeException {
            String s = c.string(field);
            if (Utf8.hasUnpairedSurrogate(s)) {
                reject("invalid UTF-8 (unpaired surrogate) in " + field);
                return "";
            }
            return s;
        }

        TraceId traceId(String field) throws IOException, DecodeException {
            String s = c.string(field);
            if (s.isEmpty()) {
                return null;
            }
            if (s.length() != 32) {
                reject(field + " must be 32 hex digits, got " + s.length() + " characters");
                return null;
            }
            try {
                return TraceId.fromHex(s);
            } catch (IllegalArgumentException e) {
                reject(field + ": " + e.getMessage());
                return null;
            }
        }

        long spanId(String field, boolean emptyAllowed) throws IOException, DecodeException {
            String s = c.string(field);
            if (s.isEmpty()) {
                if (!emptyAllowed) {
                    reject(field + " is missing");
                }
                return 0;
            }
            try {
                return Hex.parseSpanId(s);
            } catch (IllegalArgumentException e) {
                reject(field + ": " + e.getMessage());
                return 0;
            }
        }

        /** An enum given as its number or its name (with or without the prefix). */
        int enumNumber(String field, String prefix, Enum<?>[] names) throws IOException, DecodeException {
            if (c.p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                String s = c.p.getText();
                String bare = s.startsWith(prefix) ? s.substring(prefix.length()) : s;
                for (Enum<?> e : names) {
                    if (e.name().equals(bare)) {
                        return e.ordinal();
                    }
                }
                if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                    return (int) c.int64(field);
                }
                return 0; // an unknown name reads as the zero value, as for unknown numbers
            }
            return (int) c.int64(field);
        }

        void reject(String reason) {
            if (problem == null) {
                problem = reason;
            }
        }
    }
}
