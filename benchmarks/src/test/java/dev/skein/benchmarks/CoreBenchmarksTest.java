package dev.skein.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.assembly.AssemblyResult;
import dev.skein.query.TraceView;
import dev.skein.trace.EdgeStats;
import dev.skein.trace.ServiceEdge;
import dev.skein.trace.TraceSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark body past the stream once on the fixture and checks what it produced: a
 * correctness smoke test, no timing. Each setUp also refuses a fixture its path would not fully
 * take, so these fail when the figures would stop measuring what they claim.
 */
class CoreBenchmarksTest {
    private static final int TRACES = StreamFixture.get().chunks().size();

    @Test
    void streamFixture_splitsTheRequestPerServiceIntoABatchOf100Records() {
        StreamFixture f = StreamFixture.get();

        assertThat(f.batch()).hasSize(StreamFixture.BATCH_RECORDS);
        assertThat(f.exports()).hasSize(Fixture.get().request().getResourceSpansCount());
        assertThat(f.chunks().values()).as("some traces cross services, so arrive as several records")
                .anySatisfy(chunks -> assertThat(chunks).hasSizeGreaterThan(1));
        assertThat(f.describe()).contains("a batch of 100 records holds " + StreamFixture.BATCH_SPANS + " spans");
    }

    @Test
    void assembleBatch_onTheFixture_storesEverySpanOfTheBatch() {
        AssemblyBenchmarks benchmarks = new AssemblyBenchmarks();
        benchmarks.setUp();
        benchmarks.startFunction();

        AssemblyResult result = benchmarks.assembleBatch();

        assertThat(result.failures()).isEmpty();
        assertThat(result.spans()).isEqualTo(StreamFixture.BATCH_SPANS);
        assertThat(result.traces()).isPositive();
    }

    @Test
    void combineAndSummarize_onTheFixture_summarizesEveryTraceWithAllItsSpans() {
        FinalizeBenchmarks benchmarks = new FinalizeBenchmarks();
        benchmarks.setUp();

        List<TraceSummary> summaries = benchmarks.combineAndSummarize();

        assertThat(summaries).hasSize(TRACES);
        assertThat(summaries.stream().mapToInt(TraceSummary::spanCount).sum()).isEqualTo(Fixture.SPANS);
        assertThat(summaries).allSatisfy(s -> assertThat(s.droppedSpans()).isZero());
    }

    @Test
    void extractServiceGraph_onTheFixture_findsCallsBetweenServices() {
        FinalizeBenchmarks benchmarks = new FinalizeBenchmarks();
        benchmarks.setUp();

        List<Map<ServiceEdge, EdgeStats>> graphs = benchmarks.extractServiceGraph();

        assertThat(graphs).hasSize(TRACES);
        assertThat(graphs.stream().flatMap(g -> g.entrySet().stream())).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getKey().parent()).isNotEqualTo(e.getKey().child());
            assertThat(e.getValue().calls()).isPositive();
        });
    }

    @Test
    void traceById_onTheFixture_answersEveryTraceWhole() {
        TraceByIdBenchmarks benchmarks = new TraceByIdBenchmarks();
        benchmarks.setUp();
        try {
            List<TraceView> traces = benchmarks.traceById();

            assertThat(traces).hasSize(TRACES);
            assertThat(traces.stream().mapToInt(t -> t.spans().size()).sum()).isEqualTo(Fixture.SPANS);
            assertThat(traces).allSatisfy(t -> assertThat(t.spans()).allSatisfy(s ->
                    assertThat(s.traceId()).isEqualTo(t.traceId())));
        } finally {
            benchmarks.tearDown();
        }
    }
}
