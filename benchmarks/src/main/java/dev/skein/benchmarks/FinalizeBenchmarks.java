package dev.skein.benchmarks;

import dev.skein.model.TraceId;
import dev.skein.trace.CombinedTrace;
import dev.skein.trace.EdgeStats;
import dev.skein.trace.ServiceEdge;
import dev.skein.trace.ServiceGraphExtractor;
import dev.skein.trace.TraceCombiner;
import dev.skein.trace.TraceLimits;
import dev.skein.trace.TraceSummarizer;
import dev.skein.trace.TraceSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * The finalizer's work on a trace once its chunks are decoded, over every trace of the benchmark
 * request ({@value Fixture#SPANS} spans, chunked per service as {@link StreamFixture} describes),
 * one thread. One operation is one span.
 *
 * <ul>
 *   <li>{@code combineAndSummarize}: {@link TraceCombiner} folds the chunks of each trace into a
 *       {@link CombinedTrace} (duplicates out, sorted by start, limits applied), then {@link
 *       TraceSummarizer} computes its summary.
 *   <li>{@code extractServiceGraph}: {@link ServiceGraphExtractor} on each combined trace, links
 *       into other traces resolved from the request's traces in memory (the finalizer reads those
 *       traces from storage, which is not counted here).
 * </ul>
 */
@OperationsPerInvocation(Fixture.SPANS)
public class FinalizeBenchmarks extends PerCoreBenchmark {
    private static final TraceLimits LIMITS = TraceLimits.DEFAULTS;

    private List<List<StreamFixture.Chunk>> chunks;
    private List<CombinedTrace> combined;
    private ServiceGraphExtractor.LinkedSpans linked;

    @Setup(Level.Trial)
    public void setUp() {
        chunks = List.copyOf(StreamFixture.get().chunks().values());
        Map<TraceId, CombinedTrace> byId = new LinkedHashMap<>();
        for (List<StreamFixture.Chunk> trace : chunks) {
            CombinedTrace t = combine(trace);
            byId.put(t.spans().get(0).traceId(), t);
        }
        combined = List.copyOf(byId.values());
        linked = (trace, spanId) -> Optional.ofNullable(byId.get(trace))
                .flatMap(t -> t.spans().stream().filter(s -> s.spanId() == spanId).findFirst())
                .map(TraceSummarizer::serviceOf);
        checkEverySpanIsCombined();
        checkEdgesAreFound();
    }

    private void checkEverySpanIsCombined() {
        int spans = 0;
        for (CombinedTrace t : combined) {
            if (t.droppedSpans() != 0 || t.foldedDuplicates() != 0) {
                throw new IllegalStateException("combining the fixture dropped " + t.droppedSpans()
                        + " and folded " + t.foldedDuplicates() + " spans of a trace; the figures would not"
                        + " measure the normal path");
            }
            spans += t.spans().size();
        }
        int summarized = 0;
        for (TraceSummary s : combineAndSummarize()) summarized += s.spanCount();
        if (spans != Fixture.SPANS || summarized != Fixture.SPANS) {
            throw new IllegalStateException("the fixture's traces combine to " + spans + " and summarize to "
                    + summarized + " spans, not " + Fixture.SPANS);
        }
    }

    private void checkEdgesAreFound() {
        long calls = 0;
        for (Map<ServiceEdge, EdgeStats> edges : extractServiceGraph()) {
            for (EdgeStats s : edges.values()) calls += s.calls();
        }
        if (calls == 0) {
            throw new IllegalStateException("no service-graph edge in a fixture of " + combined.size()
                    + " traces across services: the extractor would be measured on nothing");
        }
    }

    private static CombinedTrace combine(List<StreamFixture.Chunk> trace) {
        TraceCombiner combiner = new TraceCombiner(LIMITS);
        for (StreamFixture.Chunk c : trace) combiner.add(c.spans(), c.rowBytes());
        return combiner.combine();
    }

    @Benchmark
    public List<TraceSummary> combineAndSummarize() {
        List<TraceSummary> summaries = new ArrayList<>(chunks.size());
        for (List<StreamFixture.Chunk> trace : chunks) summaries.add(TraceSummarizer.summarize(combine(trace)));
        return summaries;
    }

    @Benchmark
    public List<Map<ServiceEdge, EdgeStats>> extractServiceGraph() {
        List<Map<ServiceEdge, EdgeStats>> graphs = new ArrayList<>(combined.size());
        for (CombinedTrace t : combined) graphs.add(ServiceGraphExtractor.extract(t.spans(), linked));
        return graphs;
    }
}
