package dev.skein.functions.query.zipkin;

import dev.skein.functions.query.Dialect;
import dev.skein.functions.query.QueryRouter;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.http.QueryParameters;
import dev.skein.model.Span;
import dev.skein.model.TraceId;
import dev.skein.query.DependencyLink;
import dev.skein.query.FoundTraces;
import dev.skein.query.Operation;
import dev.skein.query.QueryService;
import dev.skein.query.TraceView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import zipkin2.codec.DependencyLinkBytesEncoder;

/**
 * The Zipkin API v2 under {@code /zipkin}, so the Zipkin UI (Lens) served at {@code /zipkin/}
 * and Grafana's Zipkin data source pointed at {@code <api>/zipkin} both work unchanged:
 *
 * <ul>
 *   <li>{@code /api/v2/services}, {@code /api/v2/spans?serviceName=}, {@code
 *       /api/v2/remoteServices?serviceName=}: names, lower-cased (Zipkin lower-cases them when
 *       it stores them), distinct, sorted; a service matches regardless of case;
 *   <li>{@code /api/v2/traces}: a search (see {@link ZipkinParameters#traceQuery}); an answer
 *       that stopped at the search's read budget carries {@code skein-incomplete: true};
 *   <li>{@code /api/v2/trace/{traceId}}: one trace, 404 {@code <traceId> not found}; a 64-bit
 *       ID also finds the 128-bit traces it is the low half of;
 *   <li>{@code /api/v2/traceMany?traceIds=a,b}: two or more distinct IDs, the traces found;
 *   <li>{@code /api/v2/dependencies?endTs=&lookback=}: the service graph's links;
 *   <li>{@code /api/v2/autocompleteKeys}, {@code /api/v2/autocompleteValues?key=};
 *   <li>{@code /config.json}: the UI's settings, Zipkin's defaults.
 * </ul>
 * Spans are written by {@link ZipkinSpans}; errors are plain text, as Zipkin's server writes them.
 */
public final class ZipkinApi implements Dialect {
    static final String API = "/api/v2";
    private static final String JSON = "application/json; charset=utf-8";
    private static final String TRACE_PREFIX = "/trace/";

    private final QueryService service;
    private final Clock clock;
    private final byte[] uiConfig = uiConfig();

    public ZipkinApi(QueryService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public String base() {
        return "/zipkin";
    }

    @Override
    public HttpResponse handle(HttpRequest request, String path, String tenant) {
        if (path.equals("/config.json")) {
            return HttpResponse.of(200, JSON, uiConfig).withHeader("cache-control", "max-age=600");
        }
        if (!path.startsWith(API + "/")) return notFound(path);
        String route = path.substring(API.length());
        QueryParameters p = request.parameters();
        return switch (route) {
            case "/services" -> json(lowerCased(service.services(tenant)));
            case "/spans" -> json(lowerCased(ofService(tenant, p, s -> operationNames(service.operations(tenant, s)))));
            case "/remoteServices" -> json(lowerCased(ofService(tenant, p, s -> service.remoteServices(tenant, s))));
            case "/traces" -> traces(tenant, p);
            case "/traceMany" -> traceMany(tenant, p);
            case "/dependencies" -> dependencies(tenant, p);
            case "/autocompleteKeys" -> json(strings(service.attributeKeys()));
            case "/autocompleteValues" -> json(strings(service.attributeValues(tenant, p.required("key"))));
            default -> route.startsWith(TRACE_PREFIX) ? trace(tenant, route.substring(TRACE_PREFIX.length()))
                    : notFound(path);
        };
    }

    @Override
    public HttpResponse error(int status, String message) {
        return HttpResponse.text(status, message);
    }

    private HttpResponse notFound(String path) {
        return error(404, base() + path + " is not a route of the Zipkin API; see " + base() + API + "/services, "
                + "/spans, /remoteServices, /traces, /trace/{traceId}, /traceMany, /dependencies, "
                + "/autocompleteKeys, /autocompleteValues and " + base() + "/config.json");
    }

    /**
     * What {@code read} answers for every stored service whose name is {@code serviceName}
     * regardless of case: Zipkin knows "Checkout" and "checkout" as one service.
     */
    private List<String> ofService(String tenant, QueryParameters p, Function<String, List<String>> read) {
        String wanted = p.required("serviceName").toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String s : service.services(tenant)) {
            if (s.toLowerCase(Locale.ROOT).equals(wanted)) out.addAll(read.apply(s));
        }
        return out;
    }

    private static List<String> operationNames(List<Operation> operations) {
        List<String> out = new ArrayList<>(operations.size());
        for (Operation o : operations) out.add(o.name());
        return out;
    }

    private HttpResponse traces(String tenant, QueryParameters p) {
        FoundTraces found = service.search(ZipkinParameters.traceQuery(p, tenant, clock.millis()));
        HttpResponse r = json(ZipkinSpans.encodeTraces(spansOf(found.traces())));
        return QueryRouter.markIncomplete(r, found);
    }

    private HttpResponse trace(String tenant, String rawId) {
        TraceId id = ZipkinTraceIds.parse(rawId, "traceId");
        Optional<TraceView> trace = service.trace(tenant, id);
        if (trace.isEmpty()) return error(404, ZipkinTraceIds.hex(id) + " not found");
        return json(ZipkinSpans.encodeTrace(trace.get().spans()));
    }

    private HttpResponse traceMany(String tenant, QueryParameters p) {
        List<TraceId> ids = ZipkinTraceIds.parseList(p.get("traceIds"), "traceIds", service.limits().maxTraceIds());
        return json(ZipkinSpans.encodeTraces(spansOf(service.traces(tenant, ids))));
    }

    private HttpResponse dependencies(String tenant, QueryParameters p) {
        ZipkinParameters.Window w = ZipkinParameters.window(p, clock.millis(), true);
        // Names lower-cased as Zipkin's are, so links between differently cased names add up.
        Map<Link, long[]> counts = new TreeMap<>(Comparator.comparing(Link::parent).thenComparing(Link::child));
        for (DependencyLink l : service.dependencies(tenant, w.startNanos(), w.endNanos())) {
            Link key = new Link(l.parent().toLowerCase(Locale.ROOT), l.child().toLowerCase(Locale.ROOT));
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            c[0] += l.calls();
            c[1] += l.errors();
        }
        List<zipkin2.DependencyLink> links = new ArrayList<>(counts.size());
        counts.forEach((link, c) -> links.add(zipkin2.DependencyLink.newBuilder()
                .parent(link.parent()).child(link.child()).callCount(c[0]).errorCount(c[1]).build()));
        return json(DependencyLinkBytesEncoder.JSON_V1.encodeList(links));
    }

    private record Link(String parent, String child) {}

    private static List<List<Span>> spansOf(List<TraceView> traces) {
        List<List<Span>> out = new ArrayList<>(traces.size());
        for (TraceView t : traces) out.add(t.spans());
        return out;
    }

    /** Names as Zipkin answers them: lower case, distinct, sorted. */
    private static byte[] lowerCased(Collection<String> names) {
        TreeSet<String> lower = new TreeSet<>();
        for (String n : names) lower.add(n.toLowerCase(Locale.ROOT));
        return strings(lower);
    }

    private static byte[] strings(Collection<String> values) {
        return ZipkinJson.bytes(g -> {
            g.writeStartArray();
            for (String v : values) g.writeString(v);
            g.writeEndArray();
        });
    }

    /**
     * The settings Zipkin's UI reads at start: Zipkin's own defaults (10 traces per search, a
     * 15-minute window, search and the dependency graph on).
     */
    private static byte[] uiConfig() {
        return ZipkinJson.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("environment", "");
            g.writeNumberField("queryLimit", ZipkinParameters.DEFAULT_LIMIT);
            g.writeNumberField("defaultLookback", 15 * 60 * 1000);
            g.writeBooleanField("searchEnabled", true);
            g.writeObjectFieldStart("dependency");
            g.writeBooleanField("enabled", true);
            g.writeNumberField("lowErrorRate", 0.5);
            g.writeNumberField("highErrorRate", 0.75);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static HttpResponse json(byte[] body) {
        return HttpResponse.of(200, JSON, body);
    }
}
