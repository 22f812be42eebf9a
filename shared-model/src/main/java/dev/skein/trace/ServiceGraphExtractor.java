package dev.skein.trace;

import static dev.skein.trace.TraceSummarizer.serviceOf;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanLink;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one trace contributes to the service graph. Edges are counted per callee span, in the
 * minute the callee started:
 * <ul>
 *   <li>a parent→child pair whose services differ (a Zipkin shared server span's parent is the
 *       client half with the same ID);
 *   <li>a CLIENT or PRODUCER span whose callee did not report is an edge to a remote node, named
 *       by {@code peer.service} (Zipkin's remote endpoint maps to it), else a database by {@code
 *       db.system} and {@code server.address}, else {@code server.address} or {@code
 *       net.peer.name};
 *   <li>a span linked to a span of another service (a consumer to its producer) when that span
 *       is not already its parent; links into other traces are resolved through {@link
 *       LinkedSpans}.
 * </ul>
 * Latency and errors are the callee's (for remote nodes: the caller's span, the only side seen).
 */
public final class ServiceGraphExtractor {
    /** Resolves a linked span in another trace to its service. */
    public interface LinkedSpans {
        LinkedSpans NONE = (trace, span) -> Optional.empty();

        Optional<String> serviceOf(TraceId trace, long spanId);
    }

    private ServiceGraphExtractor() {}

    public static Map<ServiceEdge, EdgeStats> extract(List<Span> spans, LinkedSpans linked) {
        Map<Long, List<Span>> byId = new HashMap<>();
        for (Span s : spans) byId.computeIfAbsent(s.spanId(), k -> new ArrayList<>(1)).add(s);

        Map<ServiceEdge, EdgeStats> edges = new TreeMap<>();
        Set<Span> answered = new HashSet<>(); // caller spans whose callee reported
        for (Span child : spans) {
            Span parent = parentOf(child, byId);
            if (parent != null) {
                if (isCallee(child) || !serviceOf(parent).equals(serviceOf(child))) answered.add(parent);
                count(edges, serviceOf(parent), child);
            }
            for (SpanLink link : child.links()) {
                if (parent != null && link.spanId() == parent.spanId()
                        && link.traceId().equals(parent.traceId())) {
                    continue; // joined by parent already
                }
                Optional<String> from;
                if (link.traceId().equals(child.traceId())) {
                    Span target = first(byId.get(link.spanId()), child);
                    if (target != null) answered.add(target);
                    from = Optional.ofNullable(target).map(TraceSummarizer::serviceOf);
                } else {
                    from = linked.serviceOf(link.traceId(), link.spanId());
                }
                from.ifPresent(service -> count(edges, service, child));
            }
        }
        for (Span caller : spans) {
            if ((caller.kind() == SpanKind.CLIENT || caller.kind() == SpanKind.PRODUCER)
                    && !answered.contains(caller)) {
                String remote = remoteName(caller);
                if (remote != null) remote = IndexedNames.service(remote);
                if (remote != null && !remote.equals(serviceOf(caller))) {
                    add(edges, new ServiceEdge(minuteOf(caller), serviceOf(caller), remote), caller);
                }
            }
        }
        return edges;
    }

    private static void count(Map<ServiceEdge, EdgeStats> edges, String parentService, Span child) {
        String childService = serviceOf(child);
        if (!parentService.equals(childService)) {
            add(edges, new ServiceEdge(minuteOf(child), parentService, childService), child);
        }
    }

    private static void add(Map<ServiceEdge, EdgeStats> edges, ServiceEdge edge, Span timed) {
        EdgeStats call = EdgeStats.ofCall(timed.durationNanos(), timed.status().code() == StatusCode.ERROR);
        edges.merge(edge, call, EdgeStats::plus);
    }

    /**
     * The span this one was called by. A Zipkin shared SERVER span carries its client's ID, so
     * the client half with the same ID is its parent; otherwise the span with the parent ID,
     * preferring the SERVER half of a shared pair (Zipkin children hang off the server side).
     */
    static Span parentOf(Span s, Map<Long, List<Span>> byId) {
        List<Span> sameId = byId.get(s.spanId());
        if (s.kind() == SpanKind.SERVER && sameId != null) {
            for (Span other : sameId) {
                if (other != s && other.kind() == SpanKind.CLIENT) return other;
            }
        }
        if (s.parentSpanId() == 0) return null;
        List<Span> candidates = byId.get(s.parentSpanId());
        if (candidates == null) return null;
        Span chosen = null;
        for (Span c : candidates) {
            if (c == s) continue;
            if (chosen == null || (c.kind() == SpanKind.SERVER && chosen.kind() != SpanKind.SERVER)) chosen = c;
        }
        return chosen;
    }

    private static boolean isCallee(Span s) {
        return s.kind() == SpanKind.SERVER || s.kind() == SpanKind.CONSUMER;
    }

    private static Span first(List<Span> spans, Span except) {
        if (spans == null) return null;
        for (Span s : spans) if (s != except) return s;
        return null;
    }

    static String remoteName(Span s) {
        String peer = stringAttribute(s, "peer.service");
        if (peer != null) return peer;
        String address = stringAttribute(s, "server.address");
        if (address == null) address = stringAttribute(s, "net.peer.name");
        String db = stringAttribute(s, "db.system");
        if (db != null) return address == null ? db : db + "@" + address;
        return address;
    }

    private static String stringAttribute(Span s, String key) {
        for (Attribute a : s.attributes()) {
            if (a.key().equals(key) && a.value() instanceof AnyValue.StringValue v && !v.value().isEmpty()) {
                return v.value();
            }
        }
        return null;
    }

    static long minuteOf(Span s) {
        return Math.floorDiv(s.startEpochNanos(), 60_000_000_000L);
    }
}
