package dev.skein.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanLink;
import dev.skein.model.SpanStatus;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The traces of the query suite, read from {@code query-suite/traces.json} (the format is in
 * that folder's README): each trace's spans as the pipeline receives them, chunk by chunk, and
 * the span-stream batch each chunk arrives in.
 */
final class QuerySuiteTraces {
    static final String RESOURCE = "/query-suite/traces.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A trace of the fixture; {@code tenant} is the fixture's name for it, not a stored tenant. */
    record Trace(String name, String tenant, TraceId id, List<Chunk> chunks) {
        /** Every span the trace holds once stored: each distinct span once, however often sent. */
        List<Span> spans() {
            Set<Span> distinct = new LinkedHashSet<>();
            for (Chunk c : chunks) distinct.addAll(c.spans());
            return List.copyOf(distinct);
        }
    }

    /** Spans of one trace sent together, in the span-stream batch numbered {@code batch}. */
    record Chunk(int batch, List<Span> spans) {}

    private final LocalDate day;
    private final List<String> autocompleteKeys;
    private final Map<String, Trace> byName;

    private QuerySuiteTraces(LocalDate day, List<String> autocompleteKeys, Map<String, Trace> byName) {
        this.day = day;
        this.autocompleteKeys = autocompleteKeys;
        this.byName = byName;
    }

    /**
     * @param day the date every time of the file falls on: the day before the store's clock, so
     *     the traces lie within any retention period and in the past of every store
     */
    static QuerySuiteTraces load(LocalDate day) {
        JsonNode root = readJson(RESOURCE);
        List<String> keys = new ArrayList<>();
        for (JsonNode k : array(root, "autocompleteKeys")) keys.add(k.asText());
        // IDs first: a link may name a trace that comes later in the file.
        Map<String, TraceId> ids = new HashMap<>();
        for (JsonNode t : array(root, "traces")) {
            String name = text(t, "name", "a trace");
            if (ids.put(name, TraceId.fromHex(text(t, "traceId", name))) != null) {
                throw new IllegalStateException(RESOURCE + ": two traces are named '" + name + "'");
            }
        }
        QuerySuiteTraces traces = new QuerySuiteTraces(day, List.copyOf(keys), new LinkedHashMap<>());
        for (JsonNode t : array(root, "traces")) {
            Trace trace = new TraceParser(traces, ids, t).read();
            traces.byName.put(trace.name(), trace);
        }
        return traces;
    }

    static JsonNode readJson(String resource) {
        try (InputStream in = QuerySuiteTraces.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not on the test class path");
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " is not valid JSON", e);
        }
    }

    /** The attribute keys whose values the catalogue keeps, as the stores are configured. */
    List<String> autocompleteKeys() {
        return autocompleteKeys;
    }

    List<Trace> all() {
        return List.copyOf(byName.values());
    }

    Trace named(String name) {
        Trace t = byName.get(name);
        if (t == null) throw new IllegalStateException(RESOURCE + " has no trace named '" + name + "'");
        return t;
    }

    /** The fixture's name for a stored trace, by its fixture tenant and ID. */
    Optional<String> nameOf(String tenant, TraceId id) {
        for (Trace t : byName.values()) {
            if (t.tenant().equals(tenant) && t.id().equals(id)) return Optional.of(t.name());
        }
        return Optional.empty();
    }

    /** A time of the fixture's day, {@code HH:mm[:ss[.SSS]]} in UTC, as epoch nanoseconds. */
    long nanosAt(String time) {
        try {
            Instant at = day.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
            return at.getEpochSecond() * 1_000_000_000L + at.getNano();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("'" + time + "' is not a time of day (HH:mm[:ss[.SSS]])", e);
        }
    }

    static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) throw new IllegalStateException(where + " needs the text field '" + field + "'");
        return v.asText();
    }

    static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null) return List.of();
        if (!v.isArray()) throw new IllegalStateException("'" + field + "' must be an array");
        return v;
    }

    /** Reads one trace of the file. */
    private static final class TraceParser {
        private final Map<String, TraceId> ids;
        private final JsonNode json;
        private final String name;
        private final TraceId id;
        private final long startNanos;
        private final Map<String, Resource> resources = new HashMap<>();

        TraceParser(QuerySuiteTraces traces, Map<String, TraceId> ids, JsonNode json) {
            this.ids = ids;
            this.json = json;
            this.name = text(json, "name", "a trace");
            this.id = ids.get(name);
            this.startNanos = traces.nanosAt(text(json, "start", name));
        }

        Trace read() {
            List<List<Span>> declared = new ArrayList<>();
            for (JsonNode c : array(json, "chunks")) {
                List<Span> spans = new ArrayList<>();
                for (JsonNode s : array(c, "spans")) spans.add(span(s));
                declared.add(spans);
            }
            List<Chunk> chunks = new ArrayList<>();
            int i = 0;
            for (JsonNode c : array(json, "chunks")) {
                List<Span> spans = new ArrayList<>();
                for (JsonNode resent : array(c, "resend")) spans.add(declaredSpan(declared, resent.asLong()));
                spans.addAll(declared.get(i++));
                if (spans.isEmpty()) throw new IllegalStateException("trace " + name + " has a chunk without spans");
                chunks.add(new Chunk(c.path("batch").asInt(0), spans));
            }
            if (chunks.isEmpty()) throw new IllegalStateException("trace " + name + " has no chunks");
            return new Trace(name, text(json, "tenant", name), id, chunks);
        }

        /** The one span of this trace declared with {@code spanId}, to send again. */
        private Span declaredSpan(List<List<Span>> declared, long spanId) {
            List<Span> found = new ArrayList<>();
            for (List<Span> chunk : declared) {
                for (Span s : chunk) if (s.spanId() == spanId) found.add(s);
            }
            if (found.size() != 1) {
                throw new IllegalStateException("trace " + name + " resends span " + spanId + ", which it declares "
                        + found.size() + " times (must be once)");
            }
            return found.get(0);
        }

        private Span span(JsonNode s) {
            String where = "a span of trace " + name;
            Span.Builder b = Span.builder();
            b.traceId = id;
            b.spanId = s.path("id").asLong();
            if (b.spanId == 0) throw new IllegalStateException(where + " needs a non-zero 'id'");
            b.parentSpanId = s.path("parent").asLong(0);
            b.name = text(s, "name", where);
            b.kind = SpanKind.valueOf(s.path("kind").asText("INTERNAL"));
            b.startEpochNanos = startNanos + millis(s.path("at"));
            b.endEpochNanos = b.startEpochNanos + millis(s.path("ms"));
            b.attributes = attributes(s.get("attributes"));
            b.status = s.has("status") ? SpanStatus.of(StatusCode.valueOf(s.get("status").asText()), "") : SpanStatus.UNSET;
            b.resource = resource(text(s, "service", where));
            List<SpanEvent> events = new ArrayList<>();
            for (JsonNode e : array(s, "events")) {
                events.add(new SpanEvent(startNanos + millis(e.path("at")), text(e, "name", "an event of " + where),
                        attributes(e.get("attributes")), 0));
            }
            b.events = events;
            List<SpanLink> links = new ArrayList<>();
            for (JsonNode l : array(s, "links")) {
                String linked = text(l, "trace", "a link of " + where);
                TraceId linkedId = ids.get(linked);
                if (linkedId == null) throw new IllegalStateException(where + " links to unknown trace '" + linked + "'");
                links.add(new SpanLink(linkedId, l.path("span").asLong(), "", 0, List.of(), 0));
            }
            b.links = links;
            return b.build();
        }

        /** One Resource per service of the trace, as one SDK process would send it. */
        private Resource resource(String service) {
            return resources.computeIfAbsent(service, n -> {
                List<Attribute> attributes = new ArrayList<>();
                attributes.add(Attribute.of("service.name", n));
                attributes.addAll(attributes(json.path("resources").get(n)));
                return new Resource(attributes, 0, "");
            });
        }

        private static long millis(JsonNode n) {
            if (!n.canConvertToLong()) throw new IllegalStateException("'" + n + "' is not whole milliseconds");
            return n.asLong() * 1_000_000L;
        }

        /** JSON values as typed attribute values: text, boolean, integer or double. */
        private static List<Attribute> attributes(JsonNode object) {
            if (object == null) return List.of();
            List<Attribute> out = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                AnyValue value;
                if (v.isTextual()) value = AnyValue.of(v.asText());
                else if (v.isBoolean()) value = AnyValue.of(v.asBoolean());
                else if (v.isIntegralNumber()) value = AnyValue.of(v.asLong());
                else if (v.isFloatingPointNumber()) value = AnyValue.of(v.asDouble());
                else throw new IllegalStateException("attribute " + e.getKey() + " must be text, boolean or a number");
                out.add(new Attribute(e.getKey(), value));
            }
            return out;
        }
    }
}
