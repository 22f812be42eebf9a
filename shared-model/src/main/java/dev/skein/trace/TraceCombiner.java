package dev.skein.trace;

import dev.skein.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges the chunks of one trace. Kinesis and SQS redeliver and clients retry, so the same span
 * may arrive several times: copies with equal content fold into one. Spans that share an ID but
 * differ (Zipkin's shared client and server span) are distinct and both kept. Limits are applied
 * after folding, to the earliest-starting spans, so what is kept does not depend on the order
 * in which chunks were read.
 */
public final class TraceCombiner {
    private static final Comparator<Span> BY_START = Comparator.comparingLong(Span::startEpochNanos)
            .thenComparingLong(Span::spanId)
            .thenComparing(Span::name)
            .thenComparingLong(Span::endEpochNanos)
            .thenComparing(s -> s.kind().ordinal())
            .thenComparing(Span::serviceName);

    private final TraceLimits limits;
    private final Set<Span> distinct = new LinkedHashSet<>();
    private long bytes;
    private int seen;

    public TraceCombiner(TraceLimits limits) {
        this.limits = limits;
    }

    /**
     * Adds one chunk. {@code chunkBytes} is its size as stored (row bytes, uncompressed), which
     * the byte limit is measured in.
     */
    public TraceCombiner add(List<Span> chunk, long chunkBytes) {
        if (chunk.isEmpty()) return this;
        long perSpan = Math.max(1, chunkBytes / chunk.size());
        for (Span s : chunk) {
            seen++;
            if (distinct.add(s)) bytes += perSpan;
        }
        return this;
    }

    public CombinedTrace combine() {
        List<Span> sorted = new ArrayList<>(distinct);
        sorted.sort(BY_START);
        int keep = sorted.size();
        if (keep > limits.maxSpans()) keep = limits.maxSpans();
        if (bytes > limits.maxBytes()) {
            long perSpan = Math.max(1, bytes / sorted.size());
            keep = (int) Math.min(keep, limits.maxBytes() / perSpan);
        }
        int dropped = sorted.size() - keep;
        List<Span> kept = dropped == 0 ? sorted : sorted.subList(0, keep);
        return new CombinedTrace(kept, dropped, seen - distinct.size());
    }
}
