package dev.skein.functions.query.skein;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.codec.Json;
import dev.skein.codec.OtlpJsonEncoder;
import dev.skein.functions.query.Dialect;
import dev.skein.functions.query.QueryRouter;
import dev.skein.http.BadParameterException;
import dev.skein.http.GoDuration;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.http.QueryParameters;
import dev.skein.model.TraceId;
import dev.skein.query.DependencyLink;
import dev.skein.query.FoundTraces;
import dev.skein.query.Operation;
import dev.skein.query.QueryService;
import dev.skein.query.ServiceMap;
import dev.skein.query.TraceView;
import dev.skein.search.TraceQuery;
import dev.skein.trace.CombinedTrace;
import dev.skein.trace.TraceSummarizer;
import dev.skein.trace.TraceSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Skein's own query API under {@code /api}: what the console dialects cannot say. A trace as
 * OTLP/JSON (every field OTLP carries, re-exportable), search with trace summaries, the
 * catalogue, and the service map with error rates and latency percentiles. Documented in
 * docs/api.md. Errors are JSON: {@code {"status": 400, "message": "..."}}.
 */
public final class SkeinApi implements Dialect {
    /** Set on a trace answer: {@code true} while the trace's root span has not arrived. */
    public static final String PARTIAL_HEADER = "skein-trace-partial";
    static final int DEFAULT_LIMIT = 20;
    static final long DEFAULT_LOOKBACK_NANOS = 3_600_000_000_000L;
    private static final String JSON = "application/json";

    private final QueryService service;
    private final Clock clock;

    public SkeinApi(QueryService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public String base() {
        return "/api";
    }

    @Override
    public HttpResponse handle(HttpRequest request, String path, String tenant) {
        QueryParameters params = request.parameters();
        String[] seg = segments(path);
        if (seg.length == 1 && seg[0].equals("traces")) return search(tenant, params);
        if (seg.length == 2 && seg[0].equals("traces")) return trace(tenant, seg[1]);
        if (seg.length == 1 && seg[0].equals("services")) return names("services", service.services(tenant));
        if (seg.length == 3 && seg[0].equals("services") && seg[2].equals("operations")) {
            return operations(service.operations(tenant, segment(seg[1], "the service name in the path")));
        }
        if (seg.length == 3 && seg[0].equals("services") && seg[2].equals("remote-services")) {
            return names("remoteServices", service.remoteServices(tenant, segment(seg[1], "the service name in the path")));
        }
        if (seg.length == 1 && seg[0].equals("attributes")) return names("keys", service.attributeKeys());
        if (seg.length == 3 && seg[0].equals("attributes") && seg[2].equals("values")) {
            return names("values", service.attributeValues(tenant, segment(seg[1], "the attribute key in the path")));
        }
        if (seg.length == 1 && seg[0].equals("service-map")) return serviceMap(tenant, params);
        return error(404, "GET " + base() + path + " is not a route of Skein's API; see docs/api.md");
    }

    @Override
    public HttpResponse error(int status, String message) {
        return json(status, g -> {
            g.writeStartObject();
            g.writeNumberField("status", status);
            g.writeStringField("message", message);
            g.writeEndObject();
        });
    }

    private HttpResponse trace(String tenant, String idText) {
        TraceId id = traceId(segment(idText, "the trace ID in the path"));
        Optional<TraceView> trace = service.trace(tenant, id);
        if (trace.isEmpty()) return error(404, "trace " + id.toHex() + " not found");
        return HttpResponse.of(200, JSON, OtlpJsonEncoder.encode(trace.get().spans()))
                .withHeader(PARTIAL_HEADER, Boolean.toString(trace.get().partial()));
    }

    private HttpResponse search(String tenant, QueryParameters p) {
        long[] window = window(p);
        Map<String, String> tags = new LinkedHashMap<>();
        for (String t : p.all("tag")) {
            int eq = t.indexOf('=');
            if (eq <= 0) throw new BadParameterException("tag", "tag must be key=value, got '" + t + "'");
            tags.put(t.substring(0, eq), t.substring(eq + 1));
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String k : p.all("key")) {
            if (k.isEmpty()) throw new BadParameterException("key", "key must name an attribute or event");
            keys.add(k);
        }
        long min = duration(p, "minDuration");
        long max = duration(p, "maxDuration");
        if (max > 0 && max < min) {
            throw new BadParameterException("maxDuration", "maxDuration is below minDuration");
        }
        int limit = (int) p.longValue("limit", DEFAULT_LIMIT, 1, TraceQuery.MAX_LIMIT);
        TraceQuery q = new TraceQuery(tenant, p.get("service"), p.get("operation"), p.get("remoteService"), tags, keys,
                min, max, window[0], window[1], bool(p, "errors"), false, limit);
        boolean withSpans = bool(p, "spans");
        FoundTraces found = service.search(q);
        HttpResponse r = json(200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("traces");
            for (TraceView t : found.traces()) writeFound(g, t, withSpans);
            g.writeEndArray();
            g.writeBooleanField("complete", found.complete());
            g.writeEndObject();
        });
        return QueryRouter.markIncomplete(r, found);
    }

    private static void writeFound(JsonGenerator g, TraceView t, boolean withSpans) throws IOException {
        TraceSummary s = TraceSummarizer.summarize(new CombinedTrace(t.spans(), 0, 0));
        g.writeStartObject();
        g.writeStringField("traceId", s.traceId().toHex());
        g.writeStringField("rootService", s.rootService());
        g.writeStringField("rootOperation", s.rootOperation());
        g.writeBooleanField("partial", s.partial());
        g.writeStringField("start", Instant.ofEpochSecond(0, s.startNanos()).toString());
        g.writeNumberField("startUnixNano", s.startNanos());
        g.writeNumberField("durationNanos", s.durationNanos());
        g.writeNumberField("spanCount", s.spanCount());
        g.writeNumberField("errorCount", s.errorCount());
        g.writeArrayFieldStart("services");
        for (String name : s.services()) g.writeString(name);
        g.writeEndArray();
        if (withSpans) {
            g.writeFieldName("otlp");
            OtlpJsonEncoder.write(g, t.spans());
        }
        g.writeEndObject();
    }

    private HttpResponse serviceMap(String tenant, QueryParameters p) {
        long[] window = window(p);
        ServiceMap map = service.serviceMap(tenant, window[0], window[1]);
        return json(200, g -> {
            g.writeStartObject();
            g.writeStringField("start", Instant.ofEpochSecond(0, window[0]).toString());
            g.writeStringField("end", Instant.ofEpochSecond(0, window[1]).toString());
            g.writeArrayFieldStart("nodes");
            for (ServiceMap.Node n : map.nodes()) {
                g.writeStartObject();
                g.writeStringField("name", n.name());
                g.writeBooleanField("remote", n.remote());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("edges");
            for (DependencyLink l : map.edges()) {
                g.writeStartObject();
                g.writeStringField("parent", l.parent());
                g.writeStringField("child", l.child());
                g.writeNumberField("calls", l.calls());
                g.writeNumberField("errors", l.errors());
                g.writeNumberField("errorRate", l.calls() == 0 ? 0.0 : (double) l.errors() / l.calls());
                g.writeObjectFieldStart("latencyMicros");
                g.writeNumberField("p50", l.p50Nanos() / 1_000);
                g.writeNumberField("p95", l.p95Nanos() / 1_000);
                g.writeNumberField("p99", l.p99Nanos() / 1_000);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static HttpResponse operations(List<Operation> operations) {
        return json(200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("operations");
            for (Operation o : operations) {
                g.writeStartObject();
                g.writeStringField("name", o.name());
                if (o.spanKind() != null) g.writeStringField("spanKind", o.spanKind());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static HttpResponse names(String field, List<String> names) {
        return json(200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart(field);
            for (String n : names) g.writeString(n);
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** [start, end] in epoch nanoseconds from start/end (RFC 3339) and lookback (a duration). */
    private long[] window(QueryParameters p) {
        long end = instant(p, "end", clock.instant());
        String startText = p.get("start");
        long start;
        if (startText != null) {
            if (p.get("lookback") != null) {
                throw new BadParameterException("lookback", "give start or lookback, not both");
            }
            start = instant(p, "start", null);
        } else {
            String lookback = p.get("lookback");
            start = end - (lookback == null ? DEFAULT_LOOKBACK_NANOS : GoDuration.parseNanos(lookback, "lookback"));
        }
        if (end < start) throw new BadParameterException("end", "end is before start");
        return new long[] {start, end};
    }

    private static long instant(QueryParameters p, String name, Instant fallback) {
        String v = p.get(name);
        Instant t;
        if (v == null) {
            t = fallback;
        } else {
            try {
                t = Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new BadParameterException(name, name + " must be an RFC 3339 time such as 2026-11-25T12:00:00Z, got '" + v + "'");
            }
        }
        // Nanoseconds since the epoch fit a long from 1970 to 2262.
        if (t.getEpochSecond() < 0 || t.getEpochSecond() >= Long.MAX_VALUE / 1_000_000_000L) {
            throw new BadParameterException(name, name + " must lie between 1970 and 2262, got '" + v + "'");
        }
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static long duration(QueryParameters p, String name) {
        String v = p.get(name);
        return v == null ? 0 : GoDuration.parseNanos(v, name);
    }

    private static boolean bool(QueryParameters p, String name) {
        String v = p.get(name);
        if (v == null) return false;
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new BadParameterException(name, name + " must be true or false, got '" + v + "'");
    }

    private static TraceId traceId(String text) {
        if ((text.length() != 16 && text.length() != 32) || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new BadParameterException("traceId", "a trace ID is 16 or 32 hex digits, got '" + text + "'");
        }
        TraceId id = TraceId.fromHex(text);
        if (id.isZero()) throw new BadParameterException("traceId", "a trace ID cannot be all zeros");
        return id;
    }

    private static String segment(String raw, String what) {
        String s = QueryParameters.decodePathSegment(raw, what);
        if (s.isEmpty()) throw new BadParameterException(what, what + " is empty");
        return s;
    }

    private static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private interface BodyWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private static HttpResponse json(int status, BodyWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.of(status, JSON, out.toByteArray());
    }
}
