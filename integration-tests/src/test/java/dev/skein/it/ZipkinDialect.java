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
import java.util.TreeMap;
import zipkin2.Annotation;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesDecoder;

/**
 * Zipkin's API v2 under {@code /zipkin}, read with zipkin2's own decoder. Zipkin's units are
 * microseconds and its names lower case. A span a Zipkin reporter sent comes back as it was sent
 * (with {@code otel.status_code=ERROR} beside an {@code error} tag, as the OpenTelemetry
 * specification asks); an OpenTelemetry span comes back mapped the specification's way: events
 * as annotations, attributes and the resource's (but {@code service.name}) as tags, the status
 * and scope as {@code error} and {@code otel.*} tags. Links have no Zipkin form.
 */
final class ZipkinDialect implements Dialect {
    private static final long HOUR_MILLIS = 3_600_000;

    @Override
    public void assertTrace(QueryApi api, String traceId, List<SentSpan> sent) throws Exception {
        QueryApi.Answer answer = api.get("/zipkin/api/v2/trace/" + traceId);
        assertThat(answer.status()).as("GET %s", answer.path()).isEqualTo(200);
        Map<String, zipkin2.Span> read = new LinkedHashMap<>();
        for (zipkin2.Span z : SpanBytesDecoder.JSON_V2.decodeList(answer.body())) {
            assertThat(read.put(z.id(), z)).as("span %s answered once", z.id()).isNull();
        }
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(sent.stream().map(SentSpan::spanId).toList());
        for (SentSpan expected : sent) {
            zipkin2.Span actual = read.get(expected.spanId());
            if (expected.zipkin() != null) {
                assertThat(actual).as("span %s as its Zipkin reporter sent it", expected.spanId())
                        .isEqualTo(asAnswered(expected.zipkin()));
            } else {
                assertMapped(actual, expected);
            }
        }
    }

    /** A Zipkin span with an error tag gains the status code tag the specification asks for. */
    private static zipkin2.Span asAnswered(zipkin2.Span sent) {
        if (sent.tags().containsKey("error") && !sent.tags().containsKey("otel.status_code")) {
            return sent.toBuilder().putTag("otel.status_code", "ERROR").build();
        }
        return sent;
    }

    private static void assertMapped(zipkin2.Span actual, SentSpan expected) {
        String what = "span " + expected.spanId() + " (" + expected.name() + ") in Zipkin's form";
        assertThat(actual.traceId()).as(what).isEqualTo(expected.traceId());
        assertThat(actual.parentId()).as(what).isEqualTo(expected.isRoot() ? null : expected.parentSpanId());
        assertThat(actual.name()).as(what).isEqualTo(expected.name().toLowerCase(Locale.ROOT));
        assertThat(actual.kind()).as(what).isEqualTo(kind(expected.kind()));
        assertThat(actual.timestampAsLong()).as(what + ": timestamp, µs").isEqualTo(Math.floorDiv(expected.startNanos(), 1000L));
        assertThat(actual.durationAsLong()).as(what + ": duration, µs").isEqualTo(expected.durationNanos() / 1000);
        assertThat(actual.localServiceName()).as(what).isEqualTo(expected.service().toLowerCase(Locale.ROOT));
        Endpoint remote = actual.remoteEndpoint();
        assertThat(remote == null ? null : remote.serviceName()).as(what + ": remote service")
                .isEqualTo(remoteService(expected));

        List<TimedEvent> annotations = new ArrayList<>();
        for (Annotation a : actual.annotations()) {
            annotations.add(new TimedEvent(a.timestamp(), annotationEvent(a.value())));
        }
        List<TimedEvent> events = new ArrayList<>();
        for (SentSpan.Event e : expected.events()) {
            events.add(new TimedEvent(Math.floorDiv(e.epochNanos(), 1000L), eventJson(e)));
        }
        assertThat(annotations).as(what + ": annotations").isEqualTo(events);

        Map<String, AnyValue> tags = new TreeMap<>();
        expected.resource().forEach((k, v) -> {
            if (!k.equals("service.name")) {
                tags.put(k, v);
            }
        });
        tags.putAll(expected.attributes());
        if (expected.statusCode() != StatusCode.UNSET) {
            tags.put("otel.status_code", AnyValue.of(expected.statusCode().name()));
        }
        if (expected.failed()) {
            tags.put("error", AnyValue.of(expected.statusMessage()));
        }
        if (!expected.scopeName().isEmpty()) {
            tags.put("otel.scope.name", AnyValue.of(expected.scopeName()));
        }
        if (!expected.scopeVersion().isEmpty()) {
            tags.put("otel.scope.version", AnyValue.of(expected.scopeVersion()));
        }
        assertThat(actual.tags().keySet()).as(what + ": tag keys").containsExactlyInAnyOrderElementsOf(tags.keySet());
        tags.forEach((k, v) -> assertThat(AttributeValues.textSays(actual.tags().get(k), v))
                .as("%s: tag %s is %s, not %s", what, k, actual.tags().get(k), v).isTrue());
    }

    private static zipkin2.Span.Kind kind(SpanKind kind) {
        return switch (kind) {
            case SERVER, CLIENT, PRODUCER, CONSUMER -> zipkin2.Span.Kind.valueOf(kind.name());
            case INTERNAL, UNSPECIFIED -> null;
        };
    }

    /** {@code peer.service}, else for a caller the server it called. */
    private static String remoteService(SentSpan s) {
        AnyValue peer = s.attributes().get("peer.service");
        if (peer == null && (s.kind() == SpanKind.CLIENT || s.kind() == SpanKind.PRODUCER)) {
            peer = s.attributes().get("server.address");
        }
        return peer instanceof AnyValue.StringValue v ? v.value().toLowerCase(Locale.ROOT) : null;
    }

    /** An event at a time in microseconds, as {@code {name: attributes or null}}. */
    private record TimedEvent(long micros, JsonNode event) {}

    /** An annotation's event: {@code name}, or {@code "name":{attributes}} as JSON. */
    private static JsonNode annotationEvent(String value) {
        try {
            return value.startsWith("\"") ? JSON.readTree("{" + value + "}") : JSON.createObjectNode().putNull(value);
        } catch (Exception e) {
            throw new AssertionError("annotation " + value + " is neither a name nor \"name\":{attributes}", e);
        }
    }

    private static JsonNode eventJson(SentSpan.Event e) {
        if (e.attributes().isEmpty()) {
            return JSON.createObjectNode().putNull(e.name());
        }
        var attributes = JSON.createObjectNode();
        e.attributes().forEach((k, v) -> attributes.set(k, AttributeValues.plainJson(v)));
        return JSON.createObjectNode().set(e.name(), attributes);
    }

    @Override
    public Set<String> search(QueryApi api, Search s) throws Exception {
        StringBuilder q = new StringBuilder("/zipkin/api/v2/traces?limit=1000&lookback=" + HOUR_MILLIS + "&endTs="
                + System.currentTimeMillis() + "&serviceName=").append(encode(s.service()));
        if (s.operation() != null) {
            q.append("&spanName=").append(encode(s.operation()));
        }
        List<String> terms = new ArrayList<>();
        if (s.tagKey() != null) {
            terms.add(s.tagKey() + "=" + s.tagValue());
        }
        if (s.errorsOnly()) {
            terms.add("error");
        }
        if (!terms.isEmpty()) {
            q.append("&annotationQuery=").append(encode(String.join(" and ", terms)));
        }
        // Whole microseconds: the bounds widen to the nearest ones around the nanoseconds asked.
        if (s.minNanos() > 0) {
            q.append("&minDuration=").append(s.minNanos() / 1000);
        }
        if (s.maxNanos() > 0) {
            q.append("&maxDuration=").append((s.maxNanos() + 999) / 1000);
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode trace : api.json(q.toString())) {
            ids.add(trace.path(0).path("traceId").asText());
        }
        return ids;
    }

    @Override
    public Set<Edge> dependencies(QueryApi api) throws Exception {
        Set<Edge> edges = new HashSet<>();
        for (JsonNode l : api.json("/zipkin/api/v2/dependencies?lookback=" + HOUR_MILLIS + "&endTs="
                + System.currentTimeMillis())) {
            edges.add(new Edge(l.path("parent").asText(), l.path("child").asText(), l.path("callCount").asLong(),
                    l.path("errorCount").asLong()));
        }
        return edges;
    }

    @Override
    public Edge carried(Edge edge) {
        return new Edge(edge.parent().toLowerCase(Locale.ROOT), edge.child().toLowerCase(Locale.ROOT), edge.calls(),
                edge.errors());
    }

    @Override
    public String toString() {
        return "Zipkin /zipkin";
    }
}
