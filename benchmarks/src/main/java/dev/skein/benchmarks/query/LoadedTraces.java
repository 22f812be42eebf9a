package dev.skein.benchmarks.query;

import dev.skein.model.TraceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

/** Every trace the load stored, with its span count: what each lookup must answer. */
final class LoadedTraces {
    private final List<SyntheticTraffic.Stored> normal = new ArrayList<>();
    private final List<SyntheticTraffic.Stored> large = new ArrayList<>();
    private final Map<TraceId, Integer> spans = new HashMap<>();
    private long firstStartNanos = Long.MAX_VALUE;
    private long lastStartNanos = Long.MIN_VALUE;
    private long totalSpans;

    LoadedTraces(List<SyntheticTraffic.Stored> traces, SyntheticTraffic traffic) {
        for (SyntheticTraffic.Stored t : traces) {
            (traffic.isLarge(t.index()) ? large : normal).add(t);
            if (spans.put(t.id(), t.spans()) != null) {
                throw new IllegalStateException("trace ID drawn twice: " + t.id());
            }
            firstStartNanos = Math.min(firstStartNanos, t.startNanos());
            lastStartNanos = Math.max(lastStartNanos, t.startNanos());
            totalSpans += t.spans();
        }
    }

    int count() {
        return spans.size();
    }

    long totalSpans() {
        return totalSpans;
    }

    List<SyntheticTraffic.Stored> normal() {
        return normal;
    }

    List<SyntheticTraffic.Stored> large() {
        return large;
    }

    /** The span count the trace was stored with, or empty for a trace the load never stored. */
    OptionalInt spansOf(TraceId id) {
        Integer n = spans.get(id);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    long firstStartNanos() {
        return firstStartNanos;
    }

    long lastStartNanos() {
        return lastStartNanos;
    }

    static SyntheticTraffic.Stored pick(List<SyntheticTraffic.Stored> from, Random random) {
        return from.get(random.nextInt(from.size()));
    }
}
