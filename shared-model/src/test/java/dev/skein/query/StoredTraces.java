package dev.skein.query;

import dev.skein.assembly.AssemblyResult;
import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.finalize.TraceFinalizer;
import dev.skein.model.Span;
import dev.skein.model.TraceId;
import dev.skein.storage.InMemoryFixture;
import dev.skein.storage.InMemoryStorage;
import dev.skein.storage.MovableClock;
import dev.skein.storage.TraceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Traces stored the way the pipeline stores them (span-stream records → assembler → finalizer)
 * in memory, with a clock the test moves, and the query service that reads them. For tests of
 * query semantics and of the dialects built on it.
 */
public final class StoredTraces implements AutoCloseable {
    private final MovableClock clock;
    private final InMemoryStorage storage;
    private final TraceAssembler assembler;
    private final TraceFinalizer finalizer;
    private final QueryService service;
    private long sequence;

    public StoredTraces(Instant now) {
        this(now, PipelineSettings.DEFAULTS, QueryLimits.DEFAULTS);
    }

    public StoredTraces(Instant now, PipelineSettings settings, QueryLimits limits) {
        this.clock = new MovableClock(now);
        this.storage = new InMemoryStorage(clock);
        this.assembler = new TraceAssembler(storage, storage, storage, settings, clock);
        TraceReader reader = new TraceReader(storage, storage, settings);
        this.finalizer = new TraceFinalizer(reader, storage, storage, settings, clock);
        this.service = new QueryService(reader, storage, limits, settings.autocompleteKeys(), clock);
    }

    public QueryService service() {
        return service;
    }

    public MovableClock clock() {
        return clock;
    }

    public InMemoryStorage storage() {
        return storage;
    }

    /** Stores spans of one or more traces as one assembler batch, as ingest would have sent them. */
    public StoredTraces store(String tenant, List<Span> spans) {
        clock.advance(Duration.ofMillis(100));
        Map<TraceId, List<Span>> byTrace = new LinkedHashMap<>();
        for (Span s : spans) byTrace.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s);
        List<BatchRecord> batch = new ArrayList<>();
        for (List<Span> trace : byTrace.values()) {
            for (byte[] r : TraceBuilder.records(tenant, trace)) {
                batch.add(new BatchRecord(String.format("%056d", ++sequence), clock.millis(), r));
            }
        }
        AssemblyResult result = assembler.assemble(batch);
        if (!result.failures().isEmpty()) throw new AssertionError("assembly failed: " + result.failures());
        return this;
    }

    /** Lets the idle period pass and finalizes every pending trace (summaries, service graph). */
    public StoredTraces settle() {
        InMemoryFixture.settle(storage, clock, finalizer);
        return this;
    }

    @Override
    public void close() {
        service.close();
    }
}
