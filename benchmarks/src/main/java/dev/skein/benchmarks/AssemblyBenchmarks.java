package dev.skein.benchmarks;

import dev.skein.assembly.AssemblyResult;
import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.query.TraceReader;
import dev.skein.storage.InMemoryStorage;
import dev.skein.storage.MovableClock;
import dev.skein.storage.TraceEntries;
import dev.skein.storage.TraceKey;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * The assembler on one stream batch of {@value StreamFixture#BATCH_RECORDS} records
 * ({@value StreamFixture#BATCH_SPANS} spans), one thread: {@link TraceAssembler#assemble} decodes
 * the records (gunzip, OTLP protobuf), groups them per trace, writes the archive object (gzip
 * level 6 span rows) and the search page, then the pointers, search entries, catalogue entries
 * and finalize timers, into {@link InMemoryStorage}. The figure is CPU only: no S3 or DynamoDB
 * round trips, which dominate a real batch's latency. One operation is one span.
 *
 * <p>The assembler is warm, as in a function that has run for a while: the catalogue entries of
 * the batch were written by an earlier batch and are skipped, and the clock moves past the idle
 * period between batches so every trace gets its finalize timer, as new traces would.
 */
@OperationsPerInvocation(StreamFixture.BATCH_SPANS)
public class AssemblyBenchmarks extends PerCoreBenchmark {
    private static final PipelineSettings SETTINGS = PipelineSettings.DEFAULTS;
    /** Between batches: past the idle period, so no finalize timer of the last batch is pending. */
    private static final Duration BETWEEN_BATCHES = SETTINGS.idlePeriod().plusSeconds(1);

    private List<BatchRecord> batch;
    private MovableClock clock;
    private TraceAssembler assembler;

    @Setup(Level.Trial)
    public void setUp() {
        batch = StreamFixture.get().batch();
        checkEverySpanIsStored();
    }

    /**
     * A fresh store per iteration (timers pile up in memory otherwise), and an assembler that has
     * already seen the batch once.
     */
    @Setup(Level.Iteration)
    public void startFunction() {
        clock = new MovableClock(Fixture.get().now());
        InMemoryStorage storage = new InMemoryStorage(clock);
        assembler = new TraceAssembler(storage, storage, storage, SETTINGS, clock);
        assembleBatch();
    }

    /** Stores the batch once and reads every trace back: all its spans, all its traces. */
    private void checkEverySpanIsStored() {
        MovableClock c = new MovableClock(Fixture.get().now());
        InMemoryStorage storage = new InMemoryStorage(c);
        AssemblyResult result = new TraceAssembler(storage, storage, storage, SETTINGS, c).assemble(batch);
        if (!result.failures().isEmpty() || result.spans() != StreamFixture.BATCH_SPANS) {
            throw new IllegalStateException("the assembler stored " + result.spans() + " of "
                    + StreamFixture.BATCH_SPANS + " spans of the batch; failures: " + result.failures());
        }
        Set<TraceKey> traces = new LinkedHashSet<>();
        for (BatchRecord r : batch) traces.add(StreamFixture.traceKey(r.data()));
        TraceReader reader = new TraceReader(storage, storage, SETTINGS);
        int read = 0;
        for (TraceKey key : traces) {
            TraceEntries entries = reader.entries(key);
            read += reader.read(entries.pointers()).spans().size();
        }
        if (result.traces() != traces.size() || read != StreamFixture.BATCH_SPANS) {
            throw new IllegalStateException("the batch's " + traces.size() + " traces read back as "
                    + result.traces() + " traces of " + read + " spans, not " + StreamFixture.BATCH_SPANS);
        }
        if (storage.pendingTimers() != traces.size()) {
            throw new IllegalStateException("the assembler scheduled " + storage.pendingTimers()
                    + " finalize timers for " + traces.size() + " traces");
        }
    }

    @Benchmark
    public AssemblyResult assembleBatch() {
        clock.advance(BETWEEN_BATCHES);
        return assembler.assemble(batch);
    }
}
