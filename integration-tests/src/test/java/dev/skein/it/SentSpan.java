package dev.skein.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skein.model.AnyValue;
import dev.skein.model.SpanKind;
import dev.skein.model.StatusCode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import zipkin2.Annotation;
import zipkin2.Endpoint;

/**
 * A span as an exporter sent it, in OpenTelemetry's terms whichever client sent it: what every
 * dialect's answer is compared with. A span from a Zipkin reporter is seen the way Skein maps
 * Zipkin's model (the OpenTelemetry specification's mapping, docs/api.md) and keeps the Zipkin
 * span itself, which the Zipkin dialect answers as it was sent.
 *
 * @param parentSpanId empty for a root span
 * @param zipkin the span as a Zipkin reporter sent it; null for an OpenTelemetry span
 */
record SentSpan(String traceId, String spanId, String parentSpanId, String name, SpanKind kind,
        long startNanos, long endNanos, Map<String, AnyValue> attributes, List<Event> events, List<Link> links,
        StatusCode statusCode, String statusMessage, Map<String, AnyValue> resource, String scopeName,
        String scopeVersion, zipkin2.Span zipkin) {

    record Event(String name, long epochNanos, Map<String, AnyValue> attributes) {}

    record Link(String traceId, String spanId, Map<String, AnyValue> attributes) {}

    String service() {
        return resource.get("service.name") instanceof AnyValue.StringValue s ? s.value() : "";
    }

    boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    long durationNanos() {
        return endNanos - startNanos;
    }

    boolean failed() {
        return statusCode == StatusCode.ERROR;
    }

    /** A span the OpenTelemetry Java SDK exported. */
    static SentSpan fromJavaSdk(SpanData s) {
        List<Event> events = new ArrayList<>();
        for (EventData e : s.getEvents()) {
            events.add(new Event(e.getName(), e.getEpochNanos(), attributes(e.getAttributes())));
        }
        List<Link> links = new ArrayList<>();
        for (LinkData l : s.getLinks()) {
            links.add(new Link(l.getSpanContext().getTraceId(), l.getSpanContext().getSpanId(),
                    attributes(l.getAttributes())));
        }
        String version = s.getInstrumentationScopeInfo().getVersion();
        return new SentSpan(s.getTraceId(), s.getSpanId(),
                s.getParentSpanContext().isValid() ? s.getParentSpanId() : "", s.getName(),
                SpanKind.valueOf(s.getKind().name()), s.getStartEpochNanos(), s.getEndEpochNanos(),
                attributes(s.getAttributes()), events, links, StatusCode.valueOf(s.getStatus().getStatusCode().name()),
                s.getStatus().getDescription(), attributes(s.getResource().getAttributes()),
                s.getInstrumentationScopeInfo().getName(), version == null ? "" : version, null);
    }

    /** A span the OpenTelemetry JavaScript SDK exported, as otel-js/export-traces.js prints it. */
    static SentSpan fromJavaScriptSdk(JsonNode s) {
        List<Event> events = new ArrayList<>();
        for (JsonNode e : s.path("events")) {
            events.add(new Event(e.path("name").asText(), Long.parseLong(e.path("timeUnixNano").asText()),
                    jsonAttributes(e.path("attributes"))));
        }
        List<Link> links = new ArrayList<>();
        for (JsonNode l : s.path("links")) {
            links.add(new Link(l.path("traceId").asText(), l.path("spanId").asText(), jsonAttributes(l.path("attributes"))));
        }
        return new SentSpan(s.path("traceId").asText(), s.path("spanId").asText(), s.path("parentSpanId").asText(),
                s.path("name").asText(), SpanKind.valueOf(s.path("kind").asText()),
                Long.parseLong(s.path("startTimeUnixNano").asText()), Long.parseLong(s.path("endTimeUnixNano").asText()),
                jsonAttributes(s.path("attributes")), events, links, StatusCode.valueOf(s.path("status").path("code").asText()),
                s.path("status").path("message").asText(), jsonAttributes(s.path("resource")),
                s.path("scope").path("name").asText(), s.path("scope").path("version").asText(), null);
    }

    /**
     * A span a Zipkin reporter sent, in OpenTelemetry's terms: the local endpoint's service is the
     * resource's {@code service.name} and its address {@code net.host.*}; the remote endpoint is
     * {@code peer.service} and {@code net.peer.*}; tags are string attributes, but {@code error},
     * which is the status; annotations are events; no kind is INTERNAL.
     */
    static SentSpan fromZipkin(zipkin2.Span z) {
        Map<String, AnyValue> attributes = new LinkedHashMap<>();
        StatusCode status = StatusCode.UNSET;
        String message = "";
        for (Map.Entry<String, String> tag : z.tags().entrySet()) {
            if (tag.getKey().equals("error")) {
                status = StatusCode.ERROR;
                message = tag.getValue();
            } else {
                attributes.put(tag.getKey(), AnyValue.of(tag.getValue()));
            }
        }
        putEndpoint(attributes, "net.host", z.localEndpoint());
        if (z.remoteEndpoint() != null && z.remoteEndpoint().serviceName() != null) {
            attributes.put("peer.service", AnyValue.of(z.remoteEndpoint().serviceName()));
        }
        putEndpoint(attributes, "net.peer", z.remoteEndpoint());
        List<Event> events = new ArrayList<>();
        for (Annotation a : z.annotations()) {
            events.add(new Event(a.value(), a.timestamp() * 1000, Map.of()));
        }
        long start = z.timestampAsLong() * 1000;
        return new SentSpan(z.traceId(), z.id(), z.parentId() == null ? "" : z.parentId(), z.name(),
                z.kind() == null ? SpanKind.INTERNAL : SpanKind.valueOf(z.kind().name()), start,
                start + z.durationAsLong() * 1000, attributes, events, List.of(), status, message,
                Map.of("service.name", AnyValue.of(z.localServiceName())), "", "", z);
    }

    private static void putEndpoint(Map<String, AnyValue> into, String prefix, Endpoint e) {
        if (e == null) {
            return;
        }
        if (e.ipv4() != null) {
            into.put(prefix + ".ip", AnyValue.of(e.ipv4()));
        }
        if (e.portAsInt() != 0) {
            into.put(prefix + ".port", AnyValue.of((long) e.portAsInt()));
        }
    }

    /** OpenTelemetry's attributes in Skein's value types: the mapping OTLP defines. */
    static Map<String, AnyValue> attributes(Attributes attrs) {
        Map<String, AnyValue> m = new LinkedHashMap<>();
        attrs.forEach((k, v) -> m.put(k.getKey(), value(k, v)));
        return m;
    }

    private static AnyValue value(AttributeKey<?> key, Object v) {
        return switch (key.getType()) {
            case STRING, BOOLEAN, LONG, DOUBLE -> scalar(v);
            case STRING_ARRAY, BOOLEAN_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> new AnyValue.ArrayValue(
                    ((List<?>) v).stream().map(SentSpan::scalar).toList());
            default -> throw new AssertionError("attribute type " + key.getType() + " not covered by these tests");
        };
    }

    private static AnyValue scalar(Object v) {
        if (v instanceof String s) {
            return AnyValue.of(s);
        } else if (v instanceof Boolean b) {
            return AnyValue.of(b);
        } else if (v instanceof Long l) {
            return AnyValue.of(l);
        }
        return AnyValue.of((Double) v);
    }

    /**
     * Attributes printed as a JSON object: an integral number is an int, as the JavaScript
     * exporter sends a number that is an integer.
     */
    private static Map<String, AnyValue> jsonAttributes(JsonNode object) {
        Map<String, AnyValue> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : object.properties()) {
            m.put(f.getKey(), jsonValue(f.getValue()));
        }
        return m;
    }

    private static AnyValue jsonValue(JsonNode v) {
        if (v.isTextual()) {
            return AnyValue.of(v.asText());
        } else if (v.isBoolean()) {
            return AnyValue.of(v.asBoolean());
        } else if (v.isIntegralNumber()) {
            return AnyValue.of(v.asLong());
        } else if (v.isNumber()) {
            return AnyValue.of(v.asDouble());
        } else if (v.isArray()) {
            List<AnyValue> values = new ArrayList<>();
            v.forEach(e -> values.add(jsonValue(e)));
            return new AnyValue.ArrayValue(values);
        }
        throw new AssertionError("attribute value " + v + " not covered by these tests");
    }
}
