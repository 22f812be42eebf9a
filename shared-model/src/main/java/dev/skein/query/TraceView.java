package dev.skein.query;

import dev.skein.model.Span;
import dev.skein.model.TraceId;
import java.util.List;

/**
 * A trace as a query answers it: every stored span, identical copies folded, sorted by start
 * time. {@code partial} is true while no root span (one without a parent) has arrived. A lookup
 * by a 64-bit ID may merge several 128-bit traces that share that low half, as Zipkin does; then
 * {@code traceId} is the ID that was asked for and the spans keep their own IDs.
 */
public record TraceView(TraceId traceId, List<Span> spans, boolean partial) {
    public TraceView {
        spans = List.copyOf(spans);
    }

    public static boolean hasRoot(List<Span> spans) {
        for (Span s : spans) {
            if (s.isRoot()) return true;
        }
        return false;
    }
}
