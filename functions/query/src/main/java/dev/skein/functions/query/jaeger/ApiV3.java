package dev.skein.functions.query.jaeger;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.functions.query.QueryRouter;
import dev.skein.http.BadParameterException;
import dev.skein.http.HttpResponse;
import dev.skein.http.QueryParameters;
import dev.skein.model.Span;
import dev.skein.model.StatusCode;
import dev.skein.query.FoundTraces;
import dev.skein.query.Operation;
import dev.skein.query.QueryService;
import dev.skein.query.TraceView;
import dev.skein.search.TraceQuery;
import dev.skein.trace.TraceSummarizer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The routes of Jaeger's API v3 that Jaeger UI calls for its search page since version 2.15
 * (services and span names) and 2.19 (search results as trace summaries), in the API's
 * proto3-JSON shapes. The UI still reads a whole trace and the dependency graph from the v1
 * routes. Errors keep the v1 envelope: the UI reads only the status of a failed v3 call.
 *
 * <ul>
 *   <li>{@code /api/v3/services} → {@code {"services": [name…]}};
 *   <li>{@code /api/v3/operations?service=&spanKind=} → {@code {"operations": [{name, spanKind}]}};
 *   <li>{@code /api/v3/trace-summaries} with {@code query.serviceName} (any service when absent),
 *       {@code query.operationName}, {@code query.startTimeMin} and {@code query.startTimeMax}
 *       (RFC 3339, both required), {@code query.durationMin}/{@code query.durationMax} (Go
 *       durations), {@code query.attributes} (a JSON object of strings) and {@code
 *       query.searchDepth} (traces, 100 by default) → {@code {"summaries": [...]}}, each with
 *       the root span's service and name, start and end in nanoseconds (decimal strings), span,
 *       error and orphan counts, and the counts per service.
 * </ul>
 */
final class ApiV3 {
    static final String PREFIX = "/api/v3/";

    private final QueryService service;

    ApiV3(QueryService service) {
        this.service = service;
    }

    /** The answer to a path under {@link #PREFIX}; null when no route has that path. */
    HttpResponse handle(String path, QueryParameters p, String tenant) {
        return switch (path) {
            case "/api/v3/services" -> services(tenant);
            case "/api/v3/operations" -> operations(p, tenant);
            case "/api/v3/trace-summaries" -> summaries(p, tenant);
            default -> null;
        };
    }

    private HttpResponse services(String tenant) {
        List<String> names = service.services(tenant);
        return Envelope.json(200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("services");
            for (String n : names) g.writeString(n);
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private HttpResponse operations(QueryParameters p, String tenant) {
        String name = p.required("service");
        List<Operation> ops = SpanKinds.filter(service.operations(tenant, name), p.get("spanKind"), "spanKind");
        return Envelope.json(200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("operations");
            for (Operation o : ops) {
                g.writeStartObject();
                g.writeStringField("name", o.name());
                // Jaeger's v3 API reports an operation of unspecified kind as internal.
                String kind = SpanKinds.name(o.spanKind());
                g.writeStringField("spanKind", kind.isEmpty() ? "internal" : kind);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private HttpResponse summaries(QueryParameters p, String tenant) {
        long start = time(p, "query.startTimeMin");
        long end = time(p, "query.startTimeMax");
        if (start >= end) {
            throw new BadParameterException("query.startTimeMax", "query.startTimeMax must be after query.startTimeMin");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        String attributes = p.get("query.attributes");
        if (attributes != null) SearchParameters.addJsonTags(attributes, "query.attributes", tags);
        long[] durations = SearchParameters.durations(p, "query.durationMin", "query.durationMax");
        TraceQuery query = SearchParameters.query(tenant, p.get("query.serviceName"), p.get("query.operationName"),
                tags, durations, start, end, SearchParameters.limit(p, "query.searchDepth"));
        FoundTraces found = service.search(query);
        HttpResponse answer = Envelope.json(200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("summaries");
            for (TraceView t : found.traces()) writeSummary(g, t);
            g.writeEndArray();
            g.writeEndObject();
        });
        return QueryRouter.markIncomplete(answer, found);
    }

    /** Epoch nanoseconds of a required RFC 3339 time, such as 2026-08-20T10:00:00.123Z. */
    private static long time(QueryParameters p, String name) {
        String v = p.get(name);
        if (v == null) {
            throw new BadParameterException(name, "query.startTimeMin and query.startTimeMax are required");
        }
        try {
            Instant t = OffsetDateTime.parse(v).toInstant();
            if (t.getEpochSecond() < 0 || t.getEpochSecond() >= Long.MAX_VALUE / 1_000_000_000L) {
                throw new BadParameterException(name, name + " is out of range, got '" + v + "'");
            }
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, name + " must be an RFC 3339 time such as 2026-08-20T10:00:00Z,"
                    + " got '" + v + "'");
        }
    }

    private static void writeSummary(JsonGenerator g, TraceView t) throws IOException {
        Span root = null;
        Set<Long> spanIds = new HashSet<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Span s : t.spans()) {
            spanIds.add(s.spanId());
            start = Math.min(start, s.startEpochNanos());
            end = Math.max(end, s.endEpochNanos());
            if (root == null && s.isRoot()) root = s; // the spans are sorted by start
        }
        int errors = 0;
        int orphans = 0;
        Map<String, int[]> services = new TreeMap<>(); // name → spans, errors
        for (Span s : t.spans()) {
            boolean error = s.status().code() == StatusCode.ERROR;
            if (error) errors++;
            if (!s.isRoot() && !spanIds.contains(s.parentSpanId())) orphans++;
            int[] counts = services.computeIfAbsent(TraceSummarizer.serviceOf(s), k -> new int[2]);
            counts[0]++;
            if (error) counts[1]++;
        }
        g.writeStartObject();
        g.writeStringField("traceId", t.traceId().toHex());
        g.writeStringField("rootServiceName", root == null ? "" : TraceSummarizer.serviceOf(root));
        g.writeStringField("rootOperationName", root == null ? "" : root.name());
        // proto3 JSON writes 64-bit integers as decimal strings.
        g.writeStringField("minStartTimeUnixNano", Long.toString(start));
        g.writeStringField("maxEndTimeUnixNano", Long.toString(end));
        g.writeNumberField("spanCount", t.spans().size());
        g.writeNumberField("errorSpanCount", errors);
        g.writeNumberField("orphanSpanCount", orphans);
        g.writeArrayFieldStart("services");
        for (Map.Entry<String, int[]> e : services.entrySet()) {
            g.writeStartObject();
            g.writeStringField("name", e.getKey());
            g.writeNumberField("spanCount", e.getValue()[0]);
            g.writeNumberField("errorSpanCount", e.getValue()[1]);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
