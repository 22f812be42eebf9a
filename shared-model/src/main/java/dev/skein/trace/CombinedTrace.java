package dev.skein.trace;

import dev.skein.model.Span;
import java.util.List;

/**
 * The spans of one trace merged from all its chunks, duplicates folded, sorted by start time.
 * {@code droppedSpans} counts distinct spans cut by the {@link TraceLimits}; {@code
 * foldedDuplicates} counts copies that were identical to a span already kept.
 */
public record CombinedTrace(List<Span> spans, int droppedSpans, int foldedDuplicates) {
    public CombinedTrace {
        spans = List.copyOf(spans);
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }
}
