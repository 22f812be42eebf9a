package dev.skein.storage;

import java.util.List;

/**
 * One atomic unit: the summaries of some traces and the net change of the service-graph edges
 * they touch. Either every condition holds and everything applies, or nothing does. At most
 * {@link #MAX_ITEMS} summaries plus edges, DynamoDB's transaction limit.
 */
public record FinalizeCommit(List<Finalization> finalizations, List<EdgeCount> edgeDeltas) {
    public static final int MAX_ITEMS = 100;

    public FinalizeCommit {
        finalizations = List.copyOf(finalizations);
        edgeDeltas = List.copyOf(edgeDeltas);
        if (finalizations.size() + edgeDeltas.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a commit holds at most " + MAX_ITEMS + " items, not "
                    + (finalizations.size() + edgeDeltas.size()));
        }
    }

    public int size() {
        return finalizations.size() + edgeDeltas.size();
    }
}
