package dev.skein.local.demo;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** What the demo traffic has done since it started, for its periodic line and for tests. */
final class SendCounters {
    private final AtomicLong traces = new AtomicLong();
    private final AtomicLong spans = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicBoolean refusalShown = new AtomicBoolean();

    void simulated(long traceCount) {
        traces.addAndGet(traceCount);
    }

    /** A request the front door took; {@code spanCount} spans went with it. */
    void accepted(int spanCount) {
        requests.incrementAndGet();
        spans.addAndGet(spanCount);
    }

    /**
     * A request the front door refused (wholly or in part), or could not be reached for. Returns
     * whether to say so: only for the first since the last {@link #summary}, so a front door that
     * refuses everything costs one line per summary, not one per request.
     */
    boolean refused() {
        requests.incrementAndGet();
        refused.incrementAndGet();
        return refusalShown.compareAndSet(false, true);
    }

    long traces() {
        return traces.get();
    }

    long spans() {
        return spans.get();
    }

    long requests() {
        return requests.get();
    }

    long refusedRequests() {
        return refused.get();
    }

    /** One line with every count; the next refusal is shown again. */
    String summary() {
        refusalShown.set(false);
        return String.format(Locale.ROOT, "demo traffic: %,d traces, %,d spans sent in %,d requests, %,d refused",
                traces(), spans(), requests(), refusedRequests());
    }
}
