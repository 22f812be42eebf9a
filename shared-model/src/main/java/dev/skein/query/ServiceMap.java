package dev.skein.query;

import java.util.List;

/**
 * The service graph of a time window, from the finalizer's per-minute aggregates. A node is a
 * service that reports spans, or a remote node (a database, a queue, an uninstrumented peer)
 * that only appears as the callee of client or producer spans.
 */
public record ServiceMap(List<Node> nodes, List<DependencyLink> edges) {
    public ServiceMap {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** @param remote true when no span names this node as its own service */
    public record Node(String name, boolean remote) {}
}
