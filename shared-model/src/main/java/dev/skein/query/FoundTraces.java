package dev.skein.query;

import java.util.List;

/**
 * What a search found, most recent first (by trace start). {@code complete} is false when the
 * search stopped at its read budget before covering the whole window: the answer may lack older
 * matching traces, and a console should say so rather than present it as all there is.
 */
public record FoundTraces(List<TraceView> traces, boolean complete) {
    public FoundTraces {
        traces = List.copyOf(traces);
    }
}
