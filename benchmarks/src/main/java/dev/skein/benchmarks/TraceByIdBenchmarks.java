package dev.skein.benchmarks;

import dev.skein.assembly.AssemblyResult;
import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.ingest.StreamRecord;
import dev.skein.model.TraceId;
import dev.skein.query.QueryLimits;
import dev.skein.query.QueryService;
import dev.skein.query.TraceReader;
import dev.skein.query.TraceView;
import dev.skein.storage.InMemoryStorage;
import dev.skein.storage.TraceKey;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Trace by ID on the query side, for every trace of the benchmark request ({@value Fixture#SPANS}
 * spans), one thread: {@link QueryService#trace} looks up the trace's pointers, reads each chunk's
 * range of its archive object, gunzips it, decodes the span rows, combines the chunks and answers
 * the trace. Storage is {@link InMemoryStorage}, filled by the assembler from the request's
 * per-service exports, one batch each, so a trace that crosses services is stored as several
 * chunks as in the pipeline. The figure is CPU only: no DynamoDB query or S3 ranged GET round
 * trips, which dominate a real lookup's latency. One operation is one span.
 */
@OperationsPerInvocation(Fixture.SPANS)
public class TraceByIdBenchmarks extends PerCoreBenchmark {
    private static final String TENANT = StreamFixture.TENANT;

    private List<TraceId> traceIds;
    private QueryService query;

    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.fixed(Fixture.get().now(), ZoneOffset.UTC);
        InMemoryStorage storage = new InMemoryStorage(clock);
        PipelineSettings settings = PipelineSettings.DEFAULTS;
        TraceAssembler assembler = new TraceAssembler(storage, storage, storage, settings, clock);
        int recordIds = 0;
        for (List<StreamRecord> export : StreamFixture.get().exports()) {
            AssemblyResult r = assembler.assemble(StreamFixture.asBatch(export, recordIds));
            if (!r.failures().isEmpty()) {
                throw new IllegalStateException("the assembler refused fixture records: " + r.failures());
            }
            recordIds += export.size();
        }
        traceIds = List.copyOf(StreamFixture.get().chunks().keySet());
        query = new QueryService(new TraceReader(storage, storage, settings), storage, QueryLimits.DEFAULTS,
                settings.autocompleteKeys(), clock);
        checkEveryTraceIsAnsweredWhole(storage);
    }

    private void checkEveryTraceIsAnsweredWhole(InMemoryStorage storage) {
        int spans = 0;
        int chunks = 0;
        for (TraceView t : traceById()) spans += t.spans().size();
        for (TraceId id : traceIds) chunks += storage.trace(new TraceKey(TENANT, id)).pointers().size();
        if (spans != Fixture.SPANS || chunks <= traceIds.size()) {
            throw new IllegalStateException("the query answered " + spans + " of " + Fixture.SPANS
                    + " spans from " + chunks + " stored chunks of " + traceIds.size()
                    + " traces; the figures would not measure reading whole traces of several chunks");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        query.close();
    }

    @Benchmark
    public List<TraceView> traceById() {
        List<TraceView> traces = new ArrayList<>(traceIds.size());
        for (TraceId id : traceIds) {
            traces.add(query.trace(TENANT, id).orElseThrow(() -> new IllegalStateException("trace " + id + " not found")));
        }
        return traces;
    }
}
