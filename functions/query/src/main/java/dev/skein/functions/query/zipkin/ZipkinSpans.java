package dev.skein.functions.query.zipkin;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.codec.PlainJson;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanStatus;
import dev.skein.model.StatusCode;
import dev.skein.search.SearchRows;
import dev.skein.trace.TraceSummarizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Stored spans as Zipkin v2 spans: the reverse of {@code ZipkinJsonDecoder}, so a span that
 * arrived in Zipkin's format is answered as it was sent, and the OpenTelemetry specification's
 * mapping to Zipkin for everything else.
 *
 * <ul>
 *   <li>IDs as stored: a trace ID whose high half is zero (a 64-bit ID) is 16 hex digits,
 *       otherwise 32; kind SERVER, CLIENT, PRODUCER, CONSUMER as named, INTERNAL and
 *       UNSPECIFIED absent; timestamp and duration in microseconds (a duration under one
 *       microsecond is 1, a zero duration absent). Zipkin lower-cases the span name and
 *       endpoint service names, as its own server stores them.
 *   <li>localEndpoint: {@code service.name} of the resource ({@code unknown_service} when it
 *       has none, the name the index lists such spans under); address and port from {@code
 *       net.host.ip}, {@code net.host.ipv6}, {@code net.host.port}, else {@code
 *       network.local.address}/{@code network.local.port}, else the resource's {@code host.ip}.
 *   <li>remoteEndpoint: {@code peer.service}, else for client and producer spans {@code
 *       server.address} or {@code net.peer.name}; address and port from {@code net.peer.ip},
 *       {@code net.peer.ipv6}, {@code net.peer.port}, else {@code network.peer.*}, {@code
 *       net.sock.peer.*} and, for client and producer spans, {@code server.socket.*} and
 *       {@code server.port}.
 *   <li>Tags: the span's attributes rendered as strings (booleans and numbers as search
 *       compares them, bytes in base64, arrays and maps as JSON), over the resource's
 *       attributes other than {@code service.name} and the scope's attributes (a span
 *       attribute wins a shared key). Zipkin has no resource, and showing its attributes
 *       (host, version, deployment) as tags is what the OpenTelemetry Collector does; search
 *       matches them as tags too, so what the console shows is what it can search. The
 *       attributes the Zipkin decoder made from endpoint fields ({@code net.host.*}, {@code
 *       net.peer.*}, {@code peer.service}) and from {@code shared}/{@code debug} ({@code
 *       zipkin.shared}, {@code zipkin.debug}) go back to those fields instead of tags; every
 *       other attribute stays a tag even when it also named an endpoint.
 *   <li>Status: ERROR is {@code otel.status_code=ERROR} and {@code error} with the message
 *       (empty when none), which every Zipkin console marks as failed; OK is {@code
 *       otel.status_code=OK}; a message of a status other than ERROR is {@code
 *       otel.status_description}. An {@code error} attribute of {@code false} on a span that
 *       did not fail is dropped, as the specification asks.
 *   <li>Scope name and version: {@code otel.scope.name}, {@code otel.scope.version}; dropped
 *       counts: {@code otel.dropped_attributes_count}, {@code otel.dropped_events_count},
 *       {@code otel.dropped_links_count} when not zero.
 *   <li>Events: annotations at the event's time; an event with attributes reads {@code
 *       "name":{"key":"value",...}}, as the specification writes it.
 * </ul>
 * Links and the trace state have no Zipkin form and are left out (Skein's own API answers them).
 */
public final class ZipkinSpans {
    private static final String NET_HOST_IP = "net.host.ip";
    private static final String NET_HOST_IPV6 = "net.host.ipv6";
    private static final String NET_HOST_PORT = "net.host.port";
    private static final String PEER_SERVICE = "peer.service";
    private static final String NET_PEER_IP = "net.peer.ip";
    private static final String NET_PEER_IPV6 = "net.peer.ipv6";
    private static final String NET_PEER_PORT = "net.peer.port";
    private static final String ZIPKIN_SHARED = "zipkin.shared";
    private static final String ZIPKIN_DEBUG = "zipkin.debug";

    private static final String SERVICE_NAME = "service.name";
    private static final String ERROR = "error";
    private static final int MAX_PORT = 0xffff;

    private ZipkinSpans() {}

    /** One trace's spans as Zipkin's JSON list of spans. */
    public static byte[] encodeTrace(List<Span> spans) {
        List<zipkin2.Span> out = new ArrayList<>(spans.size());
        for (Span s : spans) out.add(toZipkin(s));
        return SpanBytesEncoder.JSON_V2.encodeList(out);
    }

    /** Several traces as Zipkin's JSON list of traces, each a list of spans. */
    public static byte[] encodeTraces(List<List<Span>> traces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < traces.size(); i++) {
            if (i > 0) out.write(',');
            out.writeBytes(encodeTrace(traces.get(i)));
        }
        out.write(']');
        return out.toByteArray();
    }

    public static zipkin2.Span toZipkin(Span s) {
        zipkin2.Span.Builder z = zipkin2.Span.newBuilder()
                .traceId(s.traceId().high(), s.traceId().low())
                .id(s.spanId())
                .parentId(s.parentSpanId())
                .kind(kindOf(s.kind()))
                .name(s.name())
                .timestamp(Math.floorDiv(s.startEpochNanos(), 1000L))
                .duration(durationMicros(s));

        Map<String, String> tags = new TreeMap<>();
        for (Attribute a : s.resource().attributes()) {
            if (!a.key().equals(SERVICE_NAME)) tags.put(a.key(), tagValue(a.value()));
        }
        for (Attribute a : s.scope().attributes()) tags.put(a.key(), tagValue(a.value()));

        Set<String> used = new HashSet<>();
        z.localEndpoint(localEndpoint(s, used));
        z.remoteEndpoint(remoteEndpoint(s, used));
        for (Attribute a : s.attributes()) {
            String key = a.key();
            if (used.contains(key)) continue;
            if (isTrue(a.value()) && key.equals(ZIPKIN_SHARED)) {
                z.shared(true);
            } else if (isTrue(a.value()) && key.equals(ZIPKIN_DEBUG)) {
                z.debug(true);
            } else {
                tags.put(key, tagValue(a.value()));
            }
        }
        putStatus(tags, s.status());
        if (!s.scope().name().isEmpty()) tags.put("otel.scope.name", s.scope().name());
        if (!s.scope().version().isEmpty()) tags.put("otel.scope.version", s.scope().version());
        putCount(tags, "otel.dropped_attributes_count", s.droppedAttributesCount());
        putCount(tags, "otel.dropped_events_count", s.droppedEventsCount());
        putCount(tags, "otel.dropped_links_count", s.droppedLinksCount());
        tags.forEach(z::putTag);

        for (SpanEvent e : s.events()) z.addAnnotation(Math.floorDiv(e.epochNanos(), 1000L), annotationValue(e));
        return z.build();
    }

    private static zipkin2.Span.Kind kindOf(SpanKind kind) {
        return switch (kind) {
            case SERVER -> zipkin2.Span.Kind.SERVER;
            case CLIENT -> zipkin2.Span.Kind.CLIENT;
            case PRODUCER -> zipkin2.Span.Kind.PRODUCER;
            case CONSUMER -> zipkin2.Span.Kind.CONSUMER;
            case INTERNAL, UNSPECIFIED -> null;
        };
    }

    /** Whole microseconds; at least one for a span that lasted at all, as Zipkin requires. */
    private static long durationMicros(Span s) {
        long nanos = s.durationNanos();
        return nanos <= 0 ? 0 : Math.max(1, nanos / 1000L);
    }

    private static Endpoint localEndpoint(Span s, Set<String> used) {
        Endpoint.Builder e = Endpoint.newBuilder();
        String service = s.serviceName();
        e.serviceName(service.isEmpty() ? TraceSummarizer.UNKNOWN_SERVICE : service);
        boolean ip = parseIp(e, s.attributes(), NET_HOST_IP, used);
        ip |= parseIp(e, s.attributes(), NET_HOST_IPV6, used);
        if (!ip) ip = parseIp(e, s.attributes(), "network.local.address", null);
        if (!ip) parseHostIp(e, s.resource().attributes());
        if (!parsePort(e, s.attributes(), NET_HOST_PORT, used)) {
            parsePort(e, s.attributes(), "network.local.port", null);
        }
        return e.build();
    }

    private static Endpoint remoteEndpoint(Span s, Set<String> used) {
        Endpoint.Builder e = Endpoint.newBuilder();
        List<Attribute> attrs = s.attributes();
        // Only a client's or producer's server is its remote peer; a server span's server.* is itself.
        boolean calls = s.kind() == SpanKind.CLIENT || s.kind() == SpanKind.PRODUCER;
        String name = stringValue(attrs, PEER_SERVICE);
        if (name != null) {
            used.add(PEER_SERVICE);
        } else if (calls) {
            name = stringValue(attrs, "server.address");
            if (name == null) name = stringValue(attrs, "net.peer.name");
        }
        e.serviceName(name);
        boolean ip = parseIp(e, attrs, NET_PEER_IP, used);
        ip |= parseIp(e, attrs, NET_PEER_IPV6, used);
        if (!ip) ip = parseIp(e, attrs, "network.peer.address", null);
        if (!ip) ip = parseIp(e, attrs, "net.sock.peer.addr", null);
        if (!ip && calls) parseIp(e, attrs, "server.socket.address", null);
        boolean port = parsePort(e, attrs, NET_PEER_PORT, used);
        if (!port) port = parsePort(e, attrs, "network.peer.port", null);
        if (!port) port = parsePort(e, attrs, "net.sock.peer.port", null);
        if (!port && calls) port = parsePort(e, attrs, "server.socket.port", null);
        if (!port && calls) parsePort(e, attrs, "server.port", null);
        return e.build();
    }

    /** Sets an address from the attribute when it holds one; marks it used when {@code used} is given. */
    private static boolean parseIp(Endpoint.Builder e, List<Attribute> attrs, String key, Set<String> used) {
        String v = stringValue(attrs, key);
        if (v == null || !e.parseIp(v)) return false;
        if (used != null) used.add(key);
        return true;
    }

    /** The resource's {@code host.ip}: one address, or a list of which the first that parses. */
    private static void parseHostIp(Endpoint.Builder e, List<Attribute> resource) {
        for (Attribute a : resource) {
            if (!a.key().equals("host.ip")) continue;
            if (a.value() instanceof AnyValue.StringValue s && e.parseIp(s.value())) return;
            if (a.value() instanceof AnyValue.ArrayValue array) {
                for (AnyValue v : array.values()) {
                    if (v instanceof AnyValue.StringValue s && e.parseIp(s.value())) return;
                }
            }
        }
    }

    private static boolean parsePort(Endpoint.Builder e, List<Attribute> attrs, String key, Set<String> used) {
        long port = -1;
        for (Attribute a : attrs) {
            if (!a.key().equals(key)) continue;
            if (a.value() instanceof AnyValue.IntValue i) {
                port = i.value();
            } else if (a.value() instanceof AnyValue.StringValue s) {
                try {
                    port = Long.parseLong(s.value().trim());
                } catch (NumberFormatException notAPort) {
                    return false;
                }
            }
            break;
        }
        if (port < 1 || port > MAX_PORT) return false;
        e.port((int) port);
        if (used != null) used.add(key);
        return true;
    }

    private static String stringValue(List<Attribute> attrs, String key) {
        for (Attribute a : attrs) {
            if (a.key().equals(key) && a.value() instanceof AnyValue.StringValue s && !s.value().isEmpty()) {
                return s.value();
            }
        }
        return null;
    }

    private static boolean isTrue(AnyValue v) {
        return v instanceof AnyValue.BoolValue b && b.value();
    }

    private static void putStatus(Map<String, String> tags, SpanStatus status) {
        if (status.code() == StatusCode.ERROR) {
            tags.put("otel.status_code", "ERROR");
            tags.put(ERROR, status.message());
            return;
        }
        // "error" means failed to every Zipkin console; an instrumentation's error=false does not.
        if ("false".equals(tags.get(ERROR))) tags.remove(ERROR);
        if (status.code() == StatusCode.OK) tags.put("otel.status_code", "OK");
        if (!status.message().isEmpty()) tags.put("otel.status_description", status.message());
    }

    private static void putCount(Map<String, String> tags, String key, int count) {
        if (count > 0) tags.put(key, Integer.toString(count));
    }

    /** An attribute value as a tag: primitives as search compares them, the rest as JSON. */
    static String tagValue(AnyValue v) {
        String primitive = SearchRows.searchable(v);
        if (primitive != null) return primitive;
        if (v instanceof AnyValue.BytesValue b) return Base64.getEncoder().encodeToString(b.value());
        if (v == AnyValue.Empty.INSTANCE) return "";
        return ZipkinJson.text(g -> PlainJson.write(g, v));
    }

    private static String annotationValue(SpanEvent e) {
        if (e.attributes().isEmpty()) return e.name();
        return ZipkinJson.text(g -> g.writeString(e.name())) + ":"
                + ZipkinJson.text(g -> PlainJson.write(g, new AnyValue.KeyValueList(e.attributes())));
    }
}
