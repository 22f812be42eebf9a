package dev.skein.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
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
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The span row: one JSON object per span, one row per line, the format of the S3 archive.
 * Lossless for the model; flat enough for Athena's JSON SerDe (every attribute value is a
 * string beside its type letter). The layout is documented in {@code docs/formats.md}; any
 * change that an old reader cannot read bumps {@link #VERSION}.
 */
public final class SpanRowCodec {
    public static final int VERSION = 1;

    private SpanRowCodec() {}

    /** The spans as JSON Lines: one row each, each ending in a newline. */
    public static byte[] rows(List<Span> spans) {
        ByteArrayBuilder out = new ByteArrayBuilder(spans.size() * 1024);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.setRootValueSeparator(null); // rows are separated by newlines only
            for (Span s : spans) {
                write(g, s);
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    public static void write(JsonGenerator g, Span s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("v", VERSION);
        g.writeStringField("traceId", s.traceId().toHex());
        g.writeStringField("spanId", Hex.spanIdToHex(s.spanId()));
        if (s.parentSpanId() != 0) {
            g.writeStringField("parentSpanId", Hex.spanIdToHex(s.parentSpanId()));
        }
        if (!s.traceState().isEmpty()) {
            g.writeStringField("traceState", s.traceState());
        }
        if (s.flags() != 0) {
            g.writeNumberField("flags", s.flags() & 0xffffffffL);
        }
        g.writeStringField("name", s.name());
        g.writeStringField("kind", s.kind().name());
        g.writeStringField("service", s.serviceName());
        g.writeNumberField("startNanos", s.startEpochNanos());
        g.writeNumberField("endNanos", s.endEpochNanos());
        g.writeNumberField("durationNanos", s.durationNanos());
        if (s.status() != SpanStatus.UNSET) {
            g.writeObjectFieldStart("status");
            g.writeStringField("code", s.status().code().name());
            if (!s.status().message().isEmpty()) {
                g.writeStringField("message", s.status().message());
            }
            g.writeEndObject();
        }
        writeAttributes(g, "attributes", s.attributes(), "droppedAttributes", s.droppedAttributesCount());
        if (!s.events().isEmpty()) {
            g.writeArrayFieldStart("events");
            for (SpanEvent e : s.events()) {
                g.writeStartObject();
                g.writeNumberField("timeNanos", e.epochNanos());
                g.writeStringField("name", e.name());
                writeAttributes(g, "attributes", e.attributes(), "droppedAttributes", e.droppedAttributesCount());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        writeCount(g, "droppedEvents", s.droppedEventsCount());
        if (!s.links().isEmpty()) {
            g.writeArrayFieldStart("links");
            for (SpanLink l : s.links()) {
                g.writeStartObject();
                g.writeStringField("traceId", l.traceId().toHex());
                g.writeStringField("spanId", Hex.spanIdToHex(l.spanId()));
                if (!l.traceState().isEmpty()) {
                    g.writeStringField("traceState", l.traceState());
                }
                if (l.flags() != 0) {
                    g.writeNumberField("flags", l.flags() & 0xffffffffL);
                }
                writeAttributes(g, "attributes", l.attributes(), "droppedAttributes", l.droppedAttributesCount());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        writeCount(g, "droppedLinks", s.droppedLinksCount());
        Resource r = s.resource();
        if (!r.equals(Resource.EMPTY)) {
            g.writeObjectFieldStart("resource");
            writeAttributes(g, "attributes", r.attributes(), "droppedAttributes", r.droppedAttributesCount());
            if (!r.schemaUrl().isEmpty()) {
                g.writeStringField("schemaUrl", r.schemaUrl());
            }
            g.writeEndObject();
        }
        InstrumentationScope sc = s.scope();
        if (!sc.equals(InstrumentationScope.EMPTY)) {
            g.writeObjectFieldStart("scope");
            g.writeStringField("name", sc.name());
            if (!sc.version().isEmpty()) {
                g.writeStringField("version", sc.version());
            }
            writeAttributes(g, "attributes", sc.attributes(), "droppedAttributes", sc.droppedAttributesCount());
            if (!sc.schemaUrl().isEmpty()) {
                g.writeStringField("schemaUrl", sc.schemaUrl());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeCount(JsonGenerator g, String field, int count) throws IOException {
        if (count != 0) {
            g.writeNumberField(field, count & 0xffffffffL);
        }
    }

    private static void writeAttributes(JsonGenerator g, String field, List<Attribute> attrs,
            String droppedField, int dropped) throws IOException {
        if (!attrs.isEmpty()) {
            g.writeArrayFieldStart(field);
            for (Attribute a : attrs) {
                g.writeStartObject();
                g.writeStringField("k", a.key());
                writeTypedValue(g, a.value());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        writeCount(g, droppedField, dropped);
    }

    /**
     * Writes {@code "t":<type letter>,"v":<value>} into the current object. At the top of an
     * attribute every value is a string, so a JSON SerDe reads one column type; an array or map
     * is JSON text there, and inside that text nested arrays and maps are plain JSON arrays.
     * Escaping therefore happens once, and a row grows linearly with nesting (JSON text inside
     * JSON text at every level would double it per level).
     */
    private static void writeTypedValue(JsonGenerator g, AnyValue v, boolean topLevel) throws IOException {
        if (v instanceof AnyValue.StringValue s) {
            g.writeStringField("t", "s");
            g.writeStringField("v", s.value());
        } else if (v instanceof AnyValue.IntValue i) {
            g.writeStringField("t", "i");
            g.writeStringField("v", Long.toString(i.value()));
        } else if (v instanceof AnyValue.BoolValue b) {
            g.writeStringField("t", "b");
            g.writeStringField("v", b.value() ? "true" : "false");
        } else if (v instanceof AnyValue.DoubleValue d) {
            g.writeStringField("t", "d");
            g.writeStringField("v", Double.toString(d.value()));
        } else if (v instanceof AnyValue.BytesValue x) {
            g.writeStringField("t", "x");
            g.writeStringField("v", Base64.getEncoder().encodeToString(x.value()));
        } else if (v instanceof AnyValue.ArrayValue || v instanceof AnyValue.KeyValueList) {
            g.writeStringField("t", v instanceof AnyValue.ArrayValue ? "a" : "m");
            if (topLevel) {
                g.writeStringField("v", nestedJson(v));
            } else {
                g.writeFieldName("v");
                writeNested(g, v);
            }
        } else {
            g.writeStringField("t", "n");
        }
    }

    private static void writeTypedValue(JsonGenerator g, AnyValue v) throws IOException {
        writeTypedValue(g, v, true);
    }

    private static String nestedJson(AnyValue v) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
            writeNested(g, v);
        }
        return w.toString();
    }

    /** An array or map as a JSON array of typed elements ({@code {"k",…}} for map entries). */
    private static void writeNested(JsonGenerator g, AnyValue v) throws IOException {
        g.writeStartArray();
        if (v instanceof AnyValue.ArrayValue a) {
            for (AnyValue e : a.values()) {
                g.writeStartObject();
                writeTypedValue(g, e, false);
                g.writeEndObject();
            }
        } else {
            for (Attribute e : ((AnyValue.KeyValueList) v).values()) {
                g.writeStartObject();
                g.writeStringField("k", e.key());
                writeTypedValue(g, e.value(), false);
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    /**
     * Reads rows written by {@link #write}. Resources and scopes equal to one already read are
     * shared, as they were before encoding.
     */
    public static final class Reader {
        private final Map<Resource, Resource> resources = new HashMap<>();
        private final Map<InstrumentationScope, InstrumentationScope> scopes = new HashMap<>();

        /** Reads one row; the parser is positioned on its START_OBJECT. */
        public Span read(JsonParser p) throws IOException, DecodeException {
            try {
                return readRow(p);
            } catch (IllegalArgumentException e) {
                // A bad hex ID or an unknown kind or status name: a corrupt row, said as such.
                throw new DecodeException("span row is malformed: " + e.getMessage(), e);
            }
        }

        private Span readRow(JsonParser p) throws IOException, DecodeException {
            JsonCursor c = new JsonCursor(p);
            if (!c.startObject("row")) {
                throw new DecodeException("span row is null at " + c.where());
            }
            Span.Builder b = Span.builder();
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "v" -> {
                        long v = c.int64("v");
                        if (v != VERSION) {
                            throw new DecodeException("span row version " + v + " is not readable here (reads " + VERSION + ")");
                        }
                    }
                    case "traceId" -> b.traceId = TraceId.fromHex(c.string("traceId"));
                    case "spanId" -> b.spanId = Hex.parseSpanId(c.string("spanId"));
                    case "parentSpanId" -> b.parentSpanId = Hex.parseSpanId(c.string("parentSpanId"));
                    case "traceState" -> b.traceState = c.string("traceState");
                    case "flags" -> b.flags = (int) c.int64("flags");
                    case "name" -> b.name = c.string("name");
                    case "kind" -> b.kind = SpanKind.valueOf(c.string("kind"));
                    case "startNanos" -> b.startEpochNanos = c.int64("startNanos");
                    case "endNanos" -> b.endEpochNanos = c.int64("endNanos");
                    case "status" -> b.status = status(c);
                    case "attributes" -> b.attributes = attributes(c);
                    case "droppedAttributes" -> b.droppedAttributesCount = (int) c.int64("droppedAttributes");
                    case "events" -> b.events = events(c);
                    case "droppedEvents" -> b.droppedEventsCount = (int) c.int64("droppedEvents");
                    case "links" -> b.links = links(c);
                    case "droppedLinks" -> b.droppedLinksCount = (int) c.int64("droppedLinks");
                    case "resource" -> b.resource = resources.computeIfAbsent(resource(c), r -> r);
                    case "scope" -> b.scope = scopes.computeIfAbsent(scope(c), s -> s);
                    default -> c.skipValue(); // derived fields (service, durationNanos) and newer ones
                }
            }
            if (b.traceId == null) {
                throw new DecodeException("span row without traceId at " + c.where());
            }
            return b.build();
        }

        private static SpanStatus status(JsonCursor c) throws IOException, DecodeException {
            StatusCode code = StatusCode.UNSET;
            String message = "";
            present(c.startObject("status"), c, "status");
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "code" -> code = StatusCode.valueOf(c.string("status.code"));
                    case "message" -> message = c.string("status.message");
                    default -> c.skipValue();
                }
            }
            return SpanStatus.of(code, message);
        }

        private static List<SpanEvent> events(JsonCursor c) throws IOException, DecodeException {
            List<SpanEvent> out = new ArrayList<>();
            present(c.startArray("events"), c, "events");
            while (c.nextElement()) {
                long time = 0;
                String name = "";
                List<Attribute> attrs = List.of();
                int dropped = 0;
                present(c.startObject("events[]"), c, "events[]");
                while (c.nextField()) {
                    switch (c.fieldName()) {
                        case "timeNanos" -> time = c.int64("timeNanos");
                        case "name" -> name = c.string("name");
                        case "attributes" -> attrs = attributes(c);
                        case "droppedAttributes" -> dropped = (int) c.int64("droppedAttributes");
                        default -> c.skipValue();
                    }
                }
                out.add(new SpanEvent(time, name, attrs, dropped));
            }
            return out;
        }

        private static List<SpanLink> links(JsonCursor c) throws IOException, DecodeException {
            List<SpanLink> out = new ArrayList<>();
            present(c.startArray("links"), c, "links");
            while (c.nextElement()) {
                TraceId traceId = null;
                long spanId = 0;
                String traceState = "";
                int flags = 0;
                List<Attribute> attrs = List.of();
                int dropped = 0;
                present(c.startObject("links[]"), c, "links[]");
                while (c.nextField()) {
                    switch (c.fieldName()) {
                        case "traceId" -> traceId = TraceId.fromHex(c.string("traceId"));
                        case "spanId" -> spanId = Hex.parseSpanId(c.string("spanId"));
                        case "traceState" -> traceState = c.string("traceState");
                        case "flags" -> flags = (int) c.int64("flags");
                        case "attributes" -> attrs = attributes(c);
                        case "droppedAttributes" -> dropped = (int) c.int64("droppedAttributes");
                        default -> c.skipValue();
                    }
                }
                out.add(new SpanLink(traceId, spanId, traceState, flags, attrs, dropped));
            }
            return out;
        }

        private static Resource resource(JsonCursor c) throws IOException, DecodeException {
            List<Attribute> attrs = List.of();
            int dropped = 0;
            String schemaUrl = "";
            present(c.startObject("resource"), c, "resource");
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "attributes" -> attrs = attributes(c);
                    case "droppedAttributes" -> dropped = (int) c.int64("droppedAttributes");
                    case "schemaUrl" -> schemaUrl = c.string("schemaUrl");
                    default -> c.skipValue();
                }
            }
            return new Resource(attrs, dropped, schemaUrl);
        }

        private static InstrumentationScope scope(JsonCursor c) throws IOException, DecodeException {
            String name = "";
            String version = "";
            List<Attribute> attrs = List.of();
            int dropped = 0;
            String schemaUrl = "";
            present(c.startObject("scope"), c, "scope");
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "name" -> name = c.string("name");
                    case "version" -> version = c.string("version");
                    case "attributes" -> attrs = attributes(c);
                    case "droppedAttributes" -> dropped = (int) c.int64("droppedAttributes");
                    case "schemaUrl" -> schemaUrl = c.string("schemaUrl");
                    default -> c.skipValue();
                }
            }
            return new InstrumentationScope(name, version, attrs, dropped, schemaUrl);
        }

        private static List<Attribute> attributes(JsonCursor c) throws IOException, DecodeException {
            List<Attribute> out = new ArrayList<>();
            present(c.startArray("attributes"), c, "attributes");
            while (c.nextElement()) {
                out.add(typed(c, true).attribute());
            }
            return out;
        }

        /**
         * Rows never hold null where an object or array belongs; reading on after one would lose
         * the parser's place, so it is refused here.
         */
        private static void present(boolean present, JsonCursor c, String field) throws DecodeException {
            if (!present) {
                throw new DecodeException("span row: '" + field + "' is null at " + c.where());
            }
        }

        private record Typed(String key, AnyValue value) {
            Attribute attribute() {
                return new Attribute(key, value);
            }
        }

        /**
         * Reads {@code {"k":..,"t":..,"v":..}} (k only when {@code keyed}). {@code v} is a string,
         * or, inside the JSON text of an array or map, a nested JSON array.
         */
        private static Typed typed(JsonCursor c, boolean keyed) throws IOException, DecodeException {
            String key = "";
            String type = "n";
            String raw = null;
            AnyValue nested = null;
            present(c.startObject("value"), c, "value");
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "k" -> key = c.string("k");
                    case "t" -> type = c.string("t");
                    case "v" -> {
                        if (c.p.currentToken() == JsonToken.START_ARRAY) {
                            if (!type.equals("a") && !type.equals("m")) {
                                throw new DecodeException("attribute value is an array but its type is '"
                                        + type + "' (the type must come first) at " + c.where());
                            }
                            nested = nested(type, c);
                        } else {
                            raw = c.string("v");
                        }
                    }
                    default -> c.skipValue();
                }
            }
            return new Typed(key, nested != null ? nested : value(type, raw == null ? "" : raw));
        }

        private static AnyValue value(String type, String raw) throws IOException, DecodeException {
            try {
                return switch (type) {
                    case "s" -> AnyValue.of(raw);
                    case "i" -> AnyValue.of(Long.parseLong(raw));
                    case "b" -> AnyValue.of(Boolean.parseBoolean(raw));
                    case "d" -> AnyValue.of(Double.parseDouble(raw));
                    case "x" -> new AnyValue.BytesValue(Base64.getDecoder().decode(raw));
                    case "a", "m" -> nestedText(type, raw);
                    case "n" -> AnyValue.Empty.INSTANCE;
                    default -> throw new DecodeException("unknown attribute type '" + type + "'");
                };
            } catch (IllegalArgumentException e) {
                throw new DecodeException("attribute value of type '" + type + "' is malformed: " + e.getMessage());
            }
        }

        private static AnyValue nestedText(String type, String json) throws IOException, DecodeException {
            try (JsonParser p = Json.FACTORY.createParser(json)) {
                JsonCursor c = new JsonCursor(p);
                p.nextToken();
                return nested(type, c);
            }
        }

        /** Reads a nested array or map; the cursor is on its START_ARRAY. */
        private static AnyValue nested(String type, JsonCursor c) throws IOException, DecodeException {
            present(c.startArray("nested value"), c, "nested value");
            if (type.equals("a")) {
                List<AnyValue> values = new ArrayList<>();
                while (c.nextElement()) {
                    values.add(typed(c, false).value());
                }
                return new AnyValue.ArrayValue(values);
            }
            List<Attribute> values = new ArrayList<>();
            while (c.nextElement()) {
                values.add(typed(c, true).attribute());
            }
            return new AnyValue.KeyValueList(values);
        }
    }

    /** Reads every row of a JSON-lines body. */
    public static List<Span> readAll(byte[] rows) throws DecodeException {
        List<Span> out = new ArrayList<>();
        Reader reader = new Reader();
        try (JsonParser p = Json.FACTORY.createParser(rows)) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                out.add(reader.read(p));
            }
            if (p.currentToken() != null) {
                throw new DecodeException("span rows: expected an object at " + new JsonCursor(p).where());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new DecodeException("span rows are malformed: " + e.getMessage(), e);
        }
        return out;
    }
}
