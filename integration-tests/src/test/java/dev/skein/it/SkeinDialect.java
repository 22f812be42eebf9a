package dev.skein.it;

import static dev.skein.it.QueryApi.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skein.model.SpanKind;
import dev.skein.model.StatusCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Skein's own API under {@code /api}: a trace as OTLP/JSON, which carries every field an
 * OpenTelemetry exporter sends (read back whole, in OTLP's units); search with Go durations;
 * the service map with error counts and remote nodes.
 */
final class SkeinDialect implements Dialect {
    @Override
    public void assertTrace(QueryApi api, String traceId, List<SentSpan> sent) throws Exception {
        QueryApi.Answer answer = api.get("/api/traces/" + traceId);
        assertThat(answer.status()).as("GET %s", answer.path()).isEqualTo(200);
        assertThat(answer.partialHeader()).as("skein-trace-partial of a trace whose root arrived").contains("false");
        Map<String, SentSpan> read = new LinkedHashMap<>();
        for (SentSpan s : spans(answer.json())) {
            assertThat(read.put(s.spanId(), s)).as("span %s answered once", s.spanId()).isNull();
        }
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(sent.stream().map(SentSpan::spanId).toList());
        for (SentSpan expected : sent) {
            assertThat(read.get(expected.spanId())).as("span %s (%s) as OTLP/JSON", expected.spanId(), expected.name())
                    .usingRecursiveComparison().ignoringFields("zipkin").isEqualTo(expected);
        }
    }

    /** The spans of an OTLP/JSON {@code ExportTraceServiceRequest}, with their resource and scope. */
    static List<SentSpan> spans(JsonNode request) {
        List<SentSpan> out = new ArrayList<>();
        for (JsonNode rs : request.path("resourceSpans")) {
            var resource = AttributeValues.fromOtlpJson(rs.path("resource").path("attributes"));
            for (JsonNode ss : rs.path("scopeSpans")) {
                String scopeName = ss.path("scope").path("name").asText("");
                String scopeVersion = ss.path("scope").path("version").asText("");
                for (JsonNode s : ss.path("spans")) {
                    List<SentSpan.Event> events = new ArrayList<>();
                    for (JsonNode e : s.path("events")) {
                        events.add(new SentSpan.Event(e.path("name").asText(""), Long.parseLong(e.path("timeUnixNano").asText()),
                                AttributeValues.fromOtlpJson(e.path("attributes"))));
                    }
                    List<SentSpan.Link> links = new ArrayList<>();
                    for (JsonNode l : s.path("links")) {
                        links.add(new SentSpan.Link(l.path("traceId").asText(), l.path("spanId").asText(),
                                AttributeValues.fromOtlpJson(l.path("attributes"))));
                    }
                    // Enums are numbers in OTLP/JSON; Skein's enums are in OTLP's order.
                    out.add(new SentSpan(s.path("traceId").asText(), s.path("spanId").asText(),
                            s.path("parentSpanId").asText(""), s.path("name").asText(""),
                            SpanKind.values()[s.path("kind").asInt(0)],
                            Long.parseLong(s.path("startTimeUnixNano").asText()),
                            Long.parseLong(s.path("endTimeUnixNano").asText()),
                            AttributeValues.fromOtlpJson(s.path("attributes")), events, links,
                            StatusCode.values()[s.path("status").path("code").asInt(0)],
                            s.path("status").path("message").asText(""), resource, scopeName, scopeVersion, null));
                }
            }
        }
        return out;
    }

    @Override
    public Set<String> search(QueryApi api, Search s) throws Exception {
        StringBuilder q = new StringBuilder("/api/traces?lookback=1h&limit=1000&service=").append(encode(s.service()));
        if (s.operation() != null) {
            q.append("&operation=").append(encode(s.operation()));
        }
        if (s.tagKey() != null) {
            q.append("&tag=").append(encode(s.tagKey() + "=" + s.tagValue()));
        }
        if (s.minNanos() > 0) {
            q.append("&minDuration=").append(s.minNanos()).append("ns");
        }
        if (s.maxNanos() > 0) {
            q.append("&maxDuration=").append(s.maxNanos()).append("ns");
        }
        if (s.errorsOnly()) {
            q.append("&errors=true");
        }
        Set<String> ids = new HashSet<>();
        api.json(q.toString()).path("traces").forEach(t -> ids.add(t.path("traceId").asText()));
        return ids;
    }

    @Override
    public Set<Edge> dependencies(QueryApi api) throws Exception {
        Set<Edge> edges = new HashSet<>();
        for (JsonNode e : api.json("/api/service-map?lookback=1h").path("edges")) {
            edges.add(new Edge(e.path("parent").asText(), e.path("child").asText(), e.path("calls").asLong(),
                    e.path("errors").asLong()));
        }
        return edges;
    }

    @Override
    public Edge carried(Edge edge) {
        return edge;
    }

    /** The service map's nodes marked remote: seen only as callees of client or producer spans. */
    static Set<String> remoteNodes(QueryApi api) throws Exception {
        Set<String> remote = new TreeSet<>();
        for (JsonNode n : api.json("/api/service-map?lookback=1h").path("nodes")) {
            if (n.path("remote").asBoolean()) {
                remote.add(n.path("name").asText());
            }
        }
        return remote;
    }

    @Override
    public String toString() {
        return "Skein /api";
    }
}
