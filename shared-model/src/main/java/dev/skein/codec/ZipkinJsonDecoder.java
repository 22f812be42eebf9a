package dev.skein.codec;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Hex;
import dev.skein.model.InstrumentationScope;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanStatus;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import zipkin2.Annotation;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesDecoder;

/**
 * Decodes a Zipkin v2 JSON span list with zipkin2's own codec and maps each span onto the
 * canonical model the way the OpenTelemetry specification maps Zipkin:
 * <ul>
 *   <li>a 64-bit trace ID is kept with its high half zero; kind maps one to one, absent kind
 *       is INTERNAL; timestamp and duration (µs) become start and end (ns);
 *   <li>the local endpoint's service name becomes the resource's {@code service.name}; its
 *       addresses become {@code net.host.ip}, {@code net.host.ipv6}, {@code net.host.port};
 *   <li>the remote endpoint becomes {@code peer.service}, {@code net.peer.ip},
 *       {@code net.peer.ipv6}, {@code net.peer.port};
 *   <li>annotations become events; tags become string attributes, except {@code error} (status
 *       ERROR with the tag's value as message), {@code otel.status_code} and
 *       {@code otel.status_description} (the status), and {@code otel.scope.name}/
 *       {@code otel.scope.version} (or the older {@code otel.library.*}: the scope);
 *   <li>{@code shared} and {@code debug} become the boolean attributes {@code zipkin.shared}
 *       and {@code zipkin.debug}, so nothing Zipkin says is lost.
 * </ul>
 * zipkin2's decoder reads a list all or nothing: a malformed span (for example an ID that is not
 * hex) fails the whole body with a {@link DecodeException}, as Zipkin's own server does. Rules
 * on well-formed spans (zero IDs, times) reject spans one by one later.
 */
public final class ZipkinJsonDecoder implements SpanDecoder {

    @Override
    public DecodedSpans decode(byte[] body, int maxSpans)
            throws DecodeException, TooManySpansException {
        List<zipkin2.Span> decoded;
        try {
            decoded = SpanBytesDecoder.JSON_V2.decodeList(body);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new DecodeException("malformed Zipkin v2 JSON: " + e.getMessage());
        }
        DecodedSpans out = new DecodedSpans(maxSpans);
        // One resource per service and one scope per (name, version), shared by their spans as
        // an OTLP request shares them: records group spans by them.
        Map<String, Resource> resources = new HashMap<>();
        Map<List<String>, InstrumentationScope> scopes = new HashMap<>();
        for (int i = 0; i < decoded.size(); i++) {
            zipkin2.Span z = decoded.get(i);
            out.countSpan();
            String notText = textWithoutUtf8Form(z);
            if (notText != null) {
                // zipkin2 reads "\ud800" into a lone surrogate, which no UTF-8 record can hold:
                // refused here, the span alone is lost instead of the record that carries it.
                out.reject(i, "invalid UTF-8 (unpaired surrogate) in " + notText);
                continue;
            }
            out.add(toSpan(z, resources, scopes));
        }
        return out;
    }

    /** The first field holding text with no UTF-8 form, or null. */
    private static String textWithoutUtf8Form(zipkin2.Span z) {
        if (invalid(z.name())) return "name";
        Endpoint local = z.localEndpoint();
        if (local != null && invalid(local.serviceName())) return "localEndpoint.serviceName";
        Endpoint remote = z.remoteEndpoint();
        if (remote != null && invalid(remote.serviceName())) return "remoteEndpoint.serviceName";
        for (Map.Entry<String, String> tag : z.tags().entrySet()) {
            if (invalid(tag.getKey()) || invalid(tag.getValue())) return "tags";
        }
        for (Annotation a : z.annotations()) {
            if (invalid(a.value())) return "annotations";
        }
        return null;
    }

    private static boolean invalid(String s) {
        return s != null && Utf8.hasUnpairedSurrogate(s);
    }

    static Span toSpan(zipkin2.Span z, Map<String, Resource> resources,
            Map<List<String>, InstrumentationScope> scopes) {
        Span.Builder b = Span.builder();
        b.traceId = TraceId.fromHex(z.traceId());
        b.spanId = Hex.parseSpanId(z.id());
        b.parentSpanId = z.parentId() == null ? 0 : Hex.parseSpanId(z.parentId());
        b.name = z.name() == null ? "" : z.name();
        b.kind = z.kind() == null ? SpanKind.INTERNAL : SpanKind.valueOf(z.kind().name());
        b.startEpochNanos = z.timestampAsLong() * 1000;
        b.endEpochNanos = b.startEpochNanos + z.durationAsLong() * 1000;

        Endpoint local = z.localEndpoint();
        b.resource = local == null || local.serviceName() == null ? Resource.EMPTY
                : resources.computeIfAbsent(local.serviceName(), ZipkinJsonDecoder::resourceOf);

        List<Attribute> attrs = new ArrayList<>(z.tags().size() + 6);
        String statusCode = null;
        String statusMessage = "";
        String scopeName = null;
        String scopeVersion = "";
        for (Map.Entry<String, String> tag : z.tags().entrySet()) {
            String k = tag.getKey();
            String v = tag.getValue();
            switch (k) {
                case "error" -> {
                    statusCode = "ERROR";
                    statusMessage = v;
                }
                case "otel.status_code" -> statusCode = v;
                case "otel.status_description" -> statusMessage = v;
                case "otel.scope.name", "otel.library.name" -> scopeName = v;
                case "otel.scope.version", "otel.library.version" -> scopeVersion = v;
                default -> attrs.add(Attribute.of(k, v));
            }
        }
        if (local != null) {
            addIfPresent(attrs, "net.host.ip", local.ipv4());
            addIfPresent(attrs, "net.host.ipv6", local.ipv6());
            if (local.portAsInt() != 0) {
                attrs.add(new Attribute("net.host.port", AnyValue.of((long) local.portAsInt())));
            }
        }
        Endpoint remote = z.remoteEndpoint();
        if (remote != null) {
            addIfPresent(attrs, "peer.service", remote.serviceName());
            addIfPresent(attrs, "net.peer.ip", remote.ipv4());
            addIfPresent(attrs, "net.peer.ipv6", remote.ipv6());
            if (remote.portAsInt() != 0) {
                attrs.add(new Attribute("net.peer.port", AnyValue.of((long) remote.portAsInt())));
            }
        }
        if (Boolean.TRUE.equals(z.shared())) {
            attrs.add(new Attribute("zipkin.shared", AnyValue.of(true)));
        }
        if (Boolean.TRUE.equals(z.debug())) {
            attrs.add(new Attribute("zipkin.debug", AnyValue.of(true)));
        }
        b.attributes = attrs;

        if (statusCode != null) {
            StatusCode code = switch (statusCode) {
                case "ERROR" -> StatusCode.ERROR;
                case "OK" -> StatusCode.OK;
                default -> StatusCode.UNSET;
            };
            b.status = SpanStatus.of(code, statusMessage);
        }
        if (scopeName != null) {
            String name = scopeName;
            String version = scopeVersion;
            b.scope = scopes.computeIfAbsent(List.of(name, version),
                    k -> new InstrumentationScope(name, version, List.of(), 0, ""));
        }

        if (!z.annotations().isEmpty()) {
            List<SpanEvent> events = new ArrayList<>(z.annotations().size());
            for (Annotation a : z.annotations()) {
                events.add(new SpanEvent(a.timestamp() * 1000, a.value(), List.of(), 0));
            }
            b.events = events;
        }
        return b.build();
    }

    private static Resource resourceOf(String service) {
        return new Resource(List.of(Attribute.of("service.name", service)), 0, "");
    }

    private static void addIfPresent(List<Attribute> attrs, String key, String value) {
        if (value != null) {
            attrs.add(Attribute.of(key, value));
        }
    }
}
