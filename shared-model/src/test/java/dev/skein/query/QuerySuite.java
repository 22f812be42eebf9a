package dev.skein.query;

import dev.skein.assembly.AssemblyResult;
import dev.skein.assembly.TraceAssembler;
import dev.skein.finalize.TraceFinalizer;
import dev.skein.storage.StorageFixture;
import dev.skein.storage.TraceBuilder;
import java.util.ArrayList;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The semantics of {@link QueryService} as data, the same on every store (the pattern of
 * Jaeger's storage integration fixtures): the traces of {@code query-suite/traces.json} are
 * stored once through the real pipeline (span-stream records → assembler → finalize timers →
 * finalizer, batch by batch as the file numbers them), then every query of {@code
 * query-suite/queries.json} runs as a test of its own. The folder's README describes both files.
 */
public abstract class QuerySuite {
    private QueryService service;

    /** The store under test, fresh: the suite stores its traces into it once. */
    protected abstract StorageFixture fixture();

    @TestFactory
    Stream<DynamicTest> queries() {
        StorageFixture storage = fixture();
        QuerySuiteTraces traces = QuerySuiteTraces.load(
                LocalDate.ofInstant(storage.clock().instant(), ZoneOffset.UTC).minusDays(1));
        List<QuerySuiteCase> cases = QuerySuiteCase.load();
        // Tenants of this run only: a store shared with other runs never mixes them in.
        String run = "qs" + UUID.randomUUID().toString().substring(0, 8) + "-";
        UnaryOperator<String> tenant = name -> run + name;
        TraceReader reader = new TraceReader(storage.archive(), storage.index(), storage.settings());
        store(storage, reader, traces, tenant);
        service = new QueryService(reader, storage.index(), QueryLimits.DEFAULTS, traces.autocompleteKeys(),
                storage.clock());
        QuerySuiteCheck check = new QuerySuiteCheck(service, traces, tenant);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(check, c)));
    }

    private static void run(QuerySuiteCheck check, QuerySuiteCase c) {
        try {
            check.check(c);
        } catch (AssertionError | RuntimeException e) {
            // Build tools list dynamic tests by number: the message names the query.
            throw new AssertionError(c.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores every chunk of the fixture, batch by batch: one span-stream batch per batch number
     * (chunks in file order), each assembled and then settled, so a later batch holds late spans
     * of traces already finalized.
     */
    private static void store(StorageFixture storage, TraceReader reader, QuerySuiteTraces traces,
            UnaryOperator<String> tenant) {
        TraceAssembler assembler = new TraceAssembler(storage.archive(), storage.index(), storage.timers(),
                storage.settings(), storage.clock());
        TraceFinalizer finalizer = new TraceFinalizer(reader, storage.index(), storage.timers(), storage.settings(),
                storage.clock());
        Map<Integer, List<byte[]>> batches = new TreeMap<>();
        for (QuerySuiteTraces.Trace t : traces.all()) {
            for (QuerySuiteTraces.Chunk c : t.chunks()) {
                batches.computeIfAbsent(c.batch(), b -> new ArrayList<>())
                        .addAll(TraceBuilder.records(tenant.apply(t.tenant()), c.spans()));
            }
        }
        batches.forEach((number, records) -> {
            AssemblyResult result = assembler.assemble(storage.publish(records));
            if (!result.failures().isEmpty()) {
                throw new AssertionError("batch " + number + " of the fixture failed: " + result.failures());
            }
            storage.settle(finalizer);
        });
    }

    @AfterEach
    void closeService() {
        if (service != null) service.close();
    }
}
