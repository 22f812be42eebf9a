package dev.skein.trace;

import dev.skein.model.TraceId;
import java.util.List;
import java.util.Objects;

/**
 * What a trace list shows without reading spans. The root is the span without a parent; when
 * it has not arrived the earliest span stands in and {@code partial} is true. {@code
 * droppedSpans} counts spans beyond the per-trace limits.
 */
public record TraceSummary(
        TraceId traceId,
        String rootService,
        String rootOperation,
        long rootSpanId,
        boolean partial,
        long startNanos,
        long endNanos,
        int spanCount,
        int errorCount,
        List<String> services,
        int droppedSpans) {

    public TraceSummary {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(rootService, "rootService");
        Objects.requireNonNull(rootOperation, "rootOperation");
        services = List.copyOf(services);
    }

    public long durationNanos() {
        return endNanos - startNanos;
    }
}
