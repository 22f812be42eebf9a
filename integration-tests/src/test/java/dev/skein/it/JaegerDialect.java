package dev.skein.it;

import static dev.skein.it.QueryApi.JSON;
import static dev.skein.it.QueryApi.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skein.model.AnyValue;
import dev.skein.model.SpanKind;
import dev.skein.model.StatusCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Jaeger's query API under {@code /jaeger}: traces in Jaeger's JSON model (microseconds, typed
 * tags, the parent and links as references, events as logs, resources as processes), search with
 * Go durations and {@code tags} as JSON, dependencies with call counts only.
 */
final class JaegerDialect implements Dialect {
    private static final long HOUR_MICROS = 3_600_000_000L;

    @Override
    public void assertTrace(QueryApi api, String traceId, List<SentSpan> sent) throws Exception {
        JsonNode envelope = api.json("/jaeger/api/traces/" + traceId);
        assertThat(envelope.path("errors").isNull()).as("errors of %s", envelope).isTrue();
        assertThat(envelope.path("data")).hasSize(1);
        JsonNode trace = envelope.path("data").path(0);
        assertThat(trace.path("traceID").asText()).isEqualTo(traceId);
        assertThat(trace.path("warnings").isNull()).as("warnings of a trace whose root arrived").isTrue();
        Map<String, JsonNode> read = new LinkedHashMap<>();
        for (JsonNode s : trace.path("spans")) {
            assertThat(read.put(s.path("spanID").asText(), s)).as("span %s answered once", s.path("spanID")).isNull();
        }
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(sent.stream().map(SentSpan::spanId).toList());
        for (SentSpan expected : sent) {
            JsonNode actual = read.get(expected.spanId());
            assertSpan(actual, expected, trace.path("processes").path(actual.path("processID").asText()));
        }
    }

    private static void assertSpan(JsonNode actual, SentSpan expected, JsonNode process) {
        String what = "span " + expected.spanId() + " (" + expected.name() + ") in Jaeger's form";
        assertThat(actual.path("traceID").asText()).as(what).isEqualTo(expected.traceId());
        assertThat(actual.path("operationName").asText()).as(what).isEqualTo(expected.name());
        assertThat(actual.path("startTime").asLong()).as(what + ": startTime, µs")
                .isEqualTo(Math.floorDiv(expected.startNanos(), 1000L));
        assertThat(actual.path("duration").asLong()).as(what + ": duration, µs").isEqualTo(expected.durationNanos() / 1000);

        List<Reference> references = new ArrayList<>();
        for (JsonNode r : actual.path("references")) {
            references.add(new Reference(r.path("refType").asText(), r.path("traceID").asText(), r.path("spanID").asText()));
        }
        List<Reference> expectedReferences = new ArrayList<>();
        if (!expected.isRoot()) {
            expectedReferences.add(new Reference("CHILD_OF", expected.traceId(), expected.parentSpanId()));
        }
        for (SentSpan.Link l : expected.links()) {
            expectedReferences.add(new Reference("FOLLOWS_FROM", l.traceId(), l.spanId()));
        }
        assertThat(references).as(what + ": references").isEqualTo(expectedReferences);

        Map<String, AnyValue> tags = new LinkedHashMap<>();
        if (!expected.scopeName().isEmpty()) {
            tags.put("otel.scope.name", AnyValue.of(expected.scopeName()));
        }
        if (!expected.scopeVersion().isEmpty()) {
            tags.put("otel.scope.version", AnyValue.of(expected.scopeVersion()));
        }
        tags.putAll(expected.attributes());
        if (expected.kind() != SpanKind.UNSPECIFIED) {
            tags.put("span.kind", AnyValue.of(expected.kind().name().toLowerCase(Locale.ROOT)));
        }
        if (expected.statusCode() != StatusCode.UNSET) {
            tags.put("otel.status_code", AnyValue.of(expected.statusCode().name()));
        }
        if (expected.failed()) {
            tags.put("error", AnyValue.of(true));
        }
        if (!expected.statusMessage().isEmpty()) {
            tags.put("otel.status_description", AnyValue.of(expected.statusMessage()));
        }
        assertTags(what + ": tags", actual.path("tags"), tags);

        assertThat(actual.path("logs")).as(what + ": logs").hasSize(expected.events().size());
        for (int i = 0; i < expected.events().size(); i++) {
            SentSpan.Event e = expected.events().get(i);
            JsonNode log = actual.path("logs").path(i);
            assertThat(log.path("timestamp").asLong()).as(what + ": log " + i).isEqualTo(Math.floorDiv(e.epochNanos(), 1000L));
            Map<String, AnyValue> fields = new LinkedHashMap<>();
            fields.put("event", AnyValue.of(e.name()));
            fields.putAll(e.attributes());
            assertTags(what + ": fields of log " + i, log.path("fields"), fields);
        }

        assertThat(process.path("serviceName").asText()).as(what + ": process").isEqualTo(expected.service());
        Map<String, AnyValue> processTags = new LinkedHashMap<>(expected.resource());
        processTags.remove("service.name");
        assertTags(what + ": process tags", process.path("tags"), processTags);
    }

    private record Reference(String refType, String traceId, String spanId) {}

    /**
     * Jaeger's typed key-values: {@code string}, {@code bool}, {@code int64}, {@code float64};
     * an array is a string tag holding its JSON.
     */
    private static void assertTags(String what, JsonNode actual, Map<String, AnyValue> expected) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode t : actual) {
            assertThat(byKey.put(t.path("key").asText(), t)).as("%s: %s once", what, t.path("key")).isNull();
        }
        assertThat(byKey.keySet()).as(what).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, value) -> {
            JsonNode tag = byKey.get(key);
            String type = tag.path("type").asText();
            JsonNode v = tag.path("value");
            String tagWhat = what + ": " + tag;
            if (value instanceof AnyValue.BoolValue b) {
                assertThat(type).as(tagWhat).isEqualTo("bool");
                assertThat(v.isBoolean() && v.asBoolean() == b.value()).as(tagWhat).isTrue();
            } else if (value instanceof AnyValue.IntValue i) {
                assertThat(type).as(tagWhat).isEqualTo("int64");
                assertThat(v.isIntegralNumber() && v.asLong() == i.value()).as(tagWhat).isTrue();
            } else if (value instanceof AnyValue.DoubleValue d) {
                assertThat(type).as(tagWhat).isEqualTo("float64");
                assertThat(v.isNumber() && v.asDouble() == d.value()).as(tagWhat).isTrue();
            } else {
                assertThat(type).as(tagWhat).isEqualTo("string");
                assertThat(AttributeValues.textSays(v.asText(), value)).as(tagWhat + " says " + value).isTrue();
            }
        });
    }

    @Override
    public Set<String> search(QueryApi api, Search s) throws Exception {
        long nowMicros = System.currentTimeMillis() * 1000;
        StringBuilder q = new StringBuilder("/jaeger/api/traces?limit=1000&start=" + (nowMicros - HOUR_MICROS) + "&end="
                + nowMicros + "&service=").append(encode(s.service()));
        if (s.operation() != null) {
            q.append("&operation=").append(encode(s.operation()));
        }
        var tags = JSON.createObjectNode();
        if (s.tagKey() != null) {
            tags.put(s.tagKey(), s.tagValue());
        }
        if (s.errorsOnly()) {
            tags.put("error", "true");
        }
        if (!tags.isEmpty()) {
            q.append("&tags=").append(encode(tags.toString()));
        }
        if (s.minNanos() > 0) {
            q.append("&minDuration=").append(s.minNanos()).append("ns");
        }
        if (s.maxNanos() > 0) {
            q.append("&maxDuration=").append(s.maxNanos()).append("ns");
        }
        Set<String> ids = new HashSet<>();
        api.json(q.toString()).path("data").forEach(t -> ids.add(t.path("traceID").asText()));
        return ids;
    }

    @Override
    public Set<Edge> dependencies(QueryApi api) throws Exception {
        Set<Edge> edges = new HashSet<>();
        for (JsonNode l : api.json("/jaeger/api/dependencies?lookback=" + HOUR_MICROS / 1000 + "&endTs="
                + System.currentTimeMillis()).path("data")) {
            edges.add(new Edge(l.path("parent").asText(), l.path("child").asText(), l.path("callCount").asLong(), 0));
        }
        return edges;
    }

    /** Jaeger's dependencies carry no error count. */
    @Override
    public Edge carried(Edge edge) {
        return new Edge(edge.parent(), edge.child(), edge.calls(), 0);
    }

    @Override
    public String toString() {
        return "Jaeger /jaeger";
    }
}
