package dev.skein.query;

import java.util.List;

/**
 * What a search found, most recent first (by trace start). {@code complete} is false when the
 * answer may lack matching traces: the search stopped at its read budget before covering the
 * whole window, the answer reached its span budget, or a trace was too large to answer. A
 * console should say so rather than present it as all there is.
 */
public record FoundTraces(List<TraceView> traces, boolean complete) {
    public FoundTraces {
        traces = List.copyOf(traces);
    }
}
