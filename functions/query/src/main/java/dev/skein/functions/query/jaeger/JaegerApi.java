package dev.skein.functions.query.jaeger;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.functions.query.Dialect;
import dev.skein.functions.query.QueryRouter;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.http.QueryParameters;
import dev.skein.model.TraceId;
import dev.skein.query.DependencyLink;
import dev.skein.query.FoundTraces;
import dev.skein.query.Operation;
import dev.skein.query.QueryService;
import dev.skein.query.TraceView;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Jaeger's query HTTP API under {@code /jaeger}, so that Jaeger UI served with base path {@code
 * /jaeger} and Grafana's Jaeger data source with URL {@code <api>/jaeger} work unchanged. Every
 * answer is Jaeger's envelope (see {@link Envelope}); traces are Jaeger's JSON model (see {@link
 * JaegerTraces}). The routes are those the consoles call:
 *
 * <ul>
 *   <li>{@code /api/services} → service names;
 *   <li>{@code /api/services/{service}/operations} → its span names (Grafana, Jaeger UI before
 *       2.15);
 *   <li>{@code /api/operations?service=&spanKind=} → {@code [{name, spanKind}]};
 *   <li>{@code /api/traces?…} → a search or a lookup by {@code traceID} (see {@link
 *       TracesRequest}); the {@value QueryRouter#INCOMPLETE_HEADER} header says when the search
 *       stopped at its read budget;
 *   <li>{@code /api/traces/{traceID}} → that trace, or 404 in the envelope; {@code start} and
 *       {@code end} are checked but not used, because a trace is found by its ID alone (and
 *       Grafana sends milliseconds where Jaeger reads microseconds);
 *   <li>{@code /api/dependencies?endTs=&lookback=} (epoch milliseconds, milliseconds; now and
 *       one day by default; {@code service} keeps the edges that touch it) → {@code [{parent,
 *       child, callCount}]};
 *   <li>{@code /api/v3/…} → the v3 routes Jaeger UI 2.15 and later calls (see {@link ApiV3}).
 * </ul>
 *
 * {@code total} is the number of items in {@code data}.
 */
public final class JaegerApi implements Dialect {
    /** Jaeger's dependency window when {@code lookback} is absent. */
    static final Duration DEFAULT_DEPENDENCY_LOOKBACK = Duration.ofDays(1);

    private final QueryService service;
    private final Clock clock;
    private final ApiV3 v3;

    public JaegerApi(QueryService service, Clock clock) {
        this.service = service;
        this.clock = clock;
        this.v3 = new ApiV3(service);
    }

    @Override
    public String base() {
        return "/jaeger";
    }

    @Override
    public HttpResponse handle(HttpRequest request, String path, String tenant) {
        QueryParameters p = request.parameters();
        HttpResponse answer = switch (path) {
            case "/api/services" -> services(tenant);
            case "/api/operations" -> operations(p, tenant);
            case "/api/traces" -> traces(p, tenant);
            case "/api/dependencies" -> dependencies(p, tenant);
            default -> null;
        };
        if (answer != null) return answer;
        String service = between(path, "/api/services/", "/operations");
        if (service != null) return operationNames(tenant, QueryParameters.decodePathSegment(service, "service"));
        String traceId = between(path, "/api/traces/", "");
        if (traceId != null && traceId.indexOf('/') < 0) return trace(p, tenant, QueryParameters.decodePathSegment(traceId, "traceID"));
        if (path.startsWith(ApiV3.PREFIX)) answer = v3.handle(path, p, tenant);
        return answer != null ? answer : error(404, path + " is not a route of the Jaeger API (under " + base() + ")");
    }

    @Override
    public HttpResponse error(int status, String message) {
        return Envelope.error(status, message);
    }

    private HttpResponse services(String tenant) {
        List<String> names = service.services(tenant);
        return Envelope.ok(names.size(), g -> writeStrings(g, names));
    }

    /** Span names of every kind, each once: Jaeger's legacy operations route. */
    private HttpResponse operationNames(String tenant, String name) {
        Set<String> names = new LinkedHashSet<>();
        for (Operation o : service.operations(tenant, name)) names.add(o.name());
        return Envelope.ok(names.size(), g -> writeStrings(g, names));
    }

    private HttpResponse operations(QueryParameters p, String tenant) {
        String name = p.required("service");
        List<Operation> ops = SpanKinds.filter(service.operations(tenant, name), p.get("spanKind"), "spanKind");
        return Envelope.ok(ops.size(), g -> {
            g.writeStartArray();
            for (Operation o : ops) {
                g.writeStartObject();
                g.writeStringField("name", o.name());
                g.writeStringField("spanKind", SpanKinds.name(o.spanKind()));
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private HttpResponse traces(QueryParameters p, String tenant) {
        TracesRequest request = TracesRequest.parse(p, tenant, nowNanos(), service.limits().maxTraceIds());
        if (request.search() == null) {
            List<TraceView> found = service.traces(tenant, request.traceIds());
            Set<TraceId> seen = new HashSet<>();
            for (TraceView t : found) seen.add(t.traceId());
            List<Envelope.Missing> missing = new ArrayList<>();
            for (TraceId id : new LinkedHashSet<>(request.traceIds())) {
                if (!seen.contains(id)) missing.add(new Envelope.Missing(JaegerTraceIds.format(id)));
            }
            return Envelope.ok(found.size(), g -> writeTraces(g, found), missing);
        }
        FoundTraces found = service.search(request.search());
        return QueryRouter.markIncomplete(Envelope.ok(found.traces().size(), g -> writeTraces(g, found.traces())), found);
    }

    private HttpResponse trace(QueryParameters p, String tenant, String rawId) {
        TraceId id = JaegerTraceIds.parse(rawId, "traceID");
        // Checked as Jaeger checks them, then left unused: the ID alone finds the trace.
        p.longValue("start", 0);
        p.longValue("end", 0);
        Optional<TraceView> trace = service.trace(tenant, id);
        if (trace.isEmpty()) return error(404, "trace not found");
        return Envelope.ok(1, g -> writeTraces(g, List.of(trace.get())));
    }

    private HttpResponse dependencies(QueryParameters p, String tenant) {
        long end = SearchParameters.nanos(p, "endTs", 1_000_000, nowNanos());
        long start = Math.max(0, end - SearchParameters.nanos(p, "lookback", 1_000_000,
                DEFAULT_DEPENDENCY_LOOKBACK.toNanos()));
        String only = p.get("service");
        List<DependencyLink> links = new ArrayList<>();
        for (DependencyLink l : service.dependencies(tenant, start, end)) {
            if (only == null || only.equals(l.parent()) || only.equals(l.child())) links.add(l);
        }
        return Envelope.ok(links.size(), g -> {
            g.writeStartArray();
            for (DependencyLink l : links) {
                g.writeStartObject();
                g.writeStringField("parent", l.parent());
                g.writeStringField("child", l.child());
                g.writeNumberField("callCount", l.calls());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static void writeTraces(JsonGenerator g, List<TraceView> traces)
            throws IOException {
        g.writeStartArray();
        for (TraceView t : traces) JaegerTraces.write(g, t);
        g.writeEndArray();
    }

    private static void writeStrings(JsonGenerator g, Iterable<String> values)
            throws IOException {
        g.writeStartArray();
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The non-empty text between {@code prefix} and {@code suffix} that {@code path} is made of; else null. */
    private static String between(String path, String prefix, String suffix) {
        if (!path.startsWith(prefix) || !path.endsWith(suffix)) return null;
        if (path.length() <= prefix.length() + suffix.length()) return null;
        return path.substring(prefix.length(), path.length() - suffix.length());
    }
}
