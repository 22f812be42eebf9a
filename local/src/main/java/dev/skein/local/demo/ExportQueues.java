package dev.skein.local.demo;

import dev.skein.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans each simulated service has made but not yet exported, held as a batch span processor
 * holds them: a span leaves once it has ended, in batches of at most {@value #MAX_BATCH_SPANS}
 * (the processor's default), each batch one export request. So the spans of one trace reach the
 * front door in several requests, one per service, and a long trace's in several rounds.
 */
final class ExportQueues {
    static final int MAX_BATCH_SPANS = 512;

    /** One export request's worth of one service's spans. */
    record Batch(SimulatedService service, List<Span> spans) {}

    private final Map<String, SimulatedService> services = new LinkedHashMap<>();
    private final Map<SimulatedService, List<Span>> waiting = new LinkedHashMap<>();

    ExportQueues(List<SimulatedService> services) {
        for (SimulatedService s : services) {
            this.services.put(s.name(), s);
            waiting.put(s, new ArrayList<>());
        }
    }

    void add(List<Span> spans) {
        for (Span s : spans) {
            SimulatedService service = services.get(s.serviceName());
            if (service == null) {
                throw new IllegalArgumentException("no simulated service " + s.serviceName());
            }
            waiting.get(service).add(s);
        }
    }

    /** Takes every span that has ended by {@code nowNanos}: each service's in the order they ended. */
    List<Batch> takeEnded(long nowNanos) {
        List<Batch> batches = new ArrayList<>();
        for (Map.Entry<SimulatedService, List<Span>> e : waiting.entrySet()) {
            List<Span> ended = new ArrayList<>();
            e.getValue().removeIf(s -> {
                if (s.endEpochNanos() > nowNanos) return false;
                ended.add(s);
                return true;
            });
            ended.sort(Comparator.comparingLong(Span::endEpochNanos));
            for (int i = 0; i < ended.size(); i += MAX_BATCH_SPANS) {
                batches.add(new Batch(e.getKey(), List.copyOf(ended.subList(i, Math.min(ended.size(), i + MAX_BATCH_SPANS)))));
            }
        }
        return batches;
    }

    /** Spans still running (in simulated time). */
    int waiting() {
        int n = 0;
        for (List<Span> spans : waiting.values()) n += spans.size();
        return n;
    }
}
