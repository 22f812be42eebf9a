package dev.skein.trace;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.model.StatusCode;
import java.util.List;
import java.util.TreeSet;

/** Computes a {@link TraceSummary} from a combined trace. */
public final class TraceSummarizer {
    /** Shown for spans whose resource has no {@code service.name}, as OpenTelemetry SDKs do. */
    public static final String UNKNOWN_SERVICE = "unknown_service";

    private TraceSummarizer() {}

    public static TraceSummary summarize(CombinedTrace trace) {
        List<Span> spans = trace.spans();
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("cannot summarize a trace without spans");
        }
        Span root = null;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int errors = 0;
        TreeSet<String> services = new TreeSet<>();
        for (Span s : spans) {
            start = Math.min(start, s.startEpochNanos());
            end = Math.max(end, s.endEpochNanos());
            if (s.status().code() == StatusCode.ERROR) errors++;
            services.add(serviceOf(s));
            if (s.isRoot() && (root == null || betterRoot(s, root))) root = s;
        }
        boolean partial = root == null;
        if (partial) root = spans.get(0); // combined traces are sorted by start
        return new TraceSummary(root.traceId(), serviceOf(root), root.name(), root.spanId(), partial,
                start, end, spans.size(), errors, List.copyOf(services), trace.droppedSpans());
    }

    /**
     * Among parentless spans the earliest wins; at equal start, the side that is not a Zipkin
     * shared server half (which carries the client's ID and no parent of its own).
     */
    private static boolean betterRoot(Span candidate, Span current) {
        if (candidate.startEpochNanos() != current.startEpochNanos()) {
            return candidate.startEpochNanos() < current.startEpochNanos();
        }
        return isSharedServerHalf(current) && !isSharedServerHalf(candidate);
    }

    static boolean isSharedServerHalf(Span s) {
        if (s.kind() != SpanKind.SERVER) return false;
        for (Attribute a : s.attributes()) {
            if (a.key().equals("zipkin.shared") && a.value() instanceof AnyValue.BoolValue b && b.value()) {
                return true;
            }
        }
        return false;
    }

    /** The span's service as summaries, search and the index name it (see {@link IndexedNames}). */
    public static String serviceOf(Span s) {
        String name = s.serviceName();
        return name.isEmpty() ? UNKNOWN_SERVICE : IndexedNames.service(name);
    }
}
