package dev.skein.it;

import dev.skein.model.AnyValue;
import dev.skein.model.SpanKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The service graph a set of sent spans should produce, by the rules of Skein's service graph
 * (docs/api.md; {@code ServiceGraphExtractor}): a call is a span whose parent, or a span it is linked to (the
 * producer of the message it consumes), belongs to another service; a client or producer span
 * whose callee reported nothing is a call to a remote node named by {@code peer.service}, else
 * {@code db.system@server.address}, else {@code server.address}. A call failed when the callee's
 * span failed (for a remote node: the caller's span).
 */
final class ExpectedServiceGraph {
    private final Map<List<String>, long[]> counts = new HashMap<>();
    private final Set<String> remoteNodes = new TreeSet<>();

    private ExpectedServiceGraph(List<SentSpan> sent) {
        Map<String, SentSpan> byId = new HashMap<>();
        sent.forEach(s -> byId.put(s.spanId(), s));
        Set<SentSpan> answered = new HashSet<>();
        for (SentSpan callee : sent) {
            SentSpan parent = callee.isRoot() ? null : byId.get(callee.parentSpanId());
            if (parent != null) {
                if (isCallee(callee) || !parent.service().equals(callee.service())) {
                    answered.add(parent);
                }
                call(parent.service(), callee);
            }
            for (SentSpan.Link link : callee.links()) {
                SentSpan linked = byId.get(link.spanId());
                if (linked == null || linked == parent) {
                    continue;
                }
                if (linked.traceId().equals(callee.traceId())) {
                    answered.add(linked);
                }
                call(linked.service(), callee);
            }
        }
        for (SentSpan caller : sent) {
            String remote = remoteName(caller);
            if ((caller.kind() == SpanKind.CLIENT || caller.kind() == SpanKind.PRODUCER) && !answered.contains(caller)
                    && remote != null && !remote.equals(caller.service())) {
                remoteNodes.add(remote);
                count(caller.service(), remote, caller.failed());
            }
        }
    }

    static ExpectedServiceGraph of(List<SentSpan> sent) {
        return new ExpectedServiceGraph(sent);
    }

    Set<Dialect.Edge> edges() {
        Set<Dialect.Edge> edges = new HashSet<>();
        counts.forEach((pair, c) -> edges.add(new Dialect.Edge(pair.get(0), pair.get(1), c[0], c[1])));
        return edges;
    }

    Set<String> remoteNodes() {
        return remoteNodes;
    }

    private void call(String callerService, SentSpan callee) {
        if (!callerService.equals(callee.service())) {
            count(callerService, callee.service(), callee.failed());
        }
    }

    private void count(String parent, String child, boolean failed) {
        long[] c = counts.computeIfAbsent(List.of(parent, child), k -> new long[2]);
        c[0]++;
        if (failed) {
            c[1]++;
        }
    }

    private static boolean isCallee(SentSpan s) {
        return s.kind() == SpanKind.SERVER || s.kind() == SpanKind.CONSUMER;
    }

    private static String remoteName(SentSpan s) {
        String peer = string(s, "peer.service");
        if (peer != null) {
            return peer;
        }
        String address = string(s, "server.address");
        String db = string(s, "db.system");
        if (db != null) {
            return address == null ? db : db + "@" + address;
        }
        return address;
    }

    private static String string(SentSpan s, String key) {
        return s.attributes().get(key) instanceof AnyValue.StringValue v && !v.value().isEmpty() ? v.value() : null;
    }
}
