package dev.skein.benchmarks.query;

import dev.skein.aws.UsageMeter;
import dev.skein.aws.UsageSnapshot;
import dev.skein.model.TraceId;
import dev.skein.query.QueryService;
import dev.skein.query.SearchHit;
import dev.skein.query.TraceView;
import dev.skein.search.TraceQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Times lookups through {@link QueryService}, one at a time on the calling thread, and checks
 * every answer against what the load stored: a trace by ID must come back with exactly the spans
 * it was stored with, and so must every trace a search answers with. Warm-up lookups are
 * checked too, but neither timed nor counted in the storage requests.
 */
final class QueryScenarios {
    static final int SEARCH_LIMIT = 20;
    static final long WINDOW_NANOS = 3_600_000_000_000L;
    /** Problems listed in the output; the rest are only counted. */
    private static final int PROBLEMS_SHOWN = 5;

    /** The searches measured; each over a one-hour window, most recent {@value #SEARCH_LIMIT}. */
    enum Search {
        SERVICE("service"),
        SERVICE_OPERATION("service + operation"),
        SERVICE_TAG("service + tag " + SyntheticTraffic.ERROR_TAG + "=" + SyntheticTraffic.ERROR_TAG_VALUE);

        final String label;

        Search(String label) {
            this.label = label;
        }
    }

    /**
     * What one scenario measured.
     *
     * @param usage the storage requests of the measured lookups together
     * @param hits traces (or, for summaries, hits) the measured searches answered with
     * @param incomplete measured searches that said their answer may lack traces
     * @param checked traces answered, warm-up included, whose spans were counted
     */
    record Outcome(String label, LatencySamples latency, UsageSnapshot usage, long hits, long incomplete,
            long checked, List<String> problems, long problemCount) {
        int count() {
            return latency.count();
        }
    }

    private final QueryService service;
    private final UsageMeter meter;
    private final LoadedTraces traces;
    private final Random random;

    QueryScenarios(QueryService service, UsageMeter meter, LoadedTraces traces, long seed) {
        this.service = service;
        this.meter = meter;
        this.traces = traces;
        this.random = new Random(seed);
    }

    /** Looks up traces drawn at random from {@code pool} by their 128-bit IDs. */
    Outcome traceById(String label, List<SyntheticTraffic.Stored> pool, int warmup, int count) {
        Run run = new Run(label);
        for (int i = 0; i < warmup + count; i++) {
            if (i == warmup) run.startMeasuring();
            SyntheticTraffic.Stored wanted = LoadedTraces.pick(pool, random);
            long start = System.nanoTime();
            Optional<TraceView> found = service.trace(SyntheticTraffic.TENANT, wanted.id());
            run.timed(System.nanoTime() - start);
            if (found.isEmpty()) {
                run.problem("trace " + wanted.id().toHex() + " (" + wanted.spans() + " spans) not found");
            } else {
                run.check(found.get());
            }
        }
        return run.outcome();
    }

    /** Searches that read every trace they answer with ({@link QueryService#search}). */
    Outcome search(Search kind, int warmup, int count) {
        return searches("search: " + kind.label, kind, warmup, count, service::search, (run, found) -> {
            run.answered(found.traces().size(), found.complete());
            for (TraceView t : found.traces()) run.check(t);
        });
    }

    /** The same searches answered from the index alone ({@link QueryService#searchSummaries}). */
    Outcome searchSummaries(Search kind, int warmup, int count) {
        return searches("searchSummaries: " + kind.label, kind, warmup, count, service::searchSummaries,
                (run, found) -> {
                    run.answered(found.hits().size(), found.complete());
                    for (SearchHit hit : found.hits()) {
                        if (traces.spansOf(hit.traceId()).isEmpty()) {
                            run.problem("search answered trace " + hit.traceId().toHex()
                                    + ", which the load never stored");
                        }
                    }
                });
    }

    private <R> Outcome searches(String label, Search kind, int warmup, int count, Function<TraceQuery, R> call,
            BiConsumer<Run, R> check) {
        Run run = new Run(label);
        for (int i = 0; i < warmup + count; i++) {
            if (i == warmup) run.startMeasuring();
            TraceQuery query = query(kind);
            long start = System.nanoTime();
            R found = call.apply(query);
            run.timed(System.nanoTime() - start);
            check.accept(run, found);
        }
        return run.outcome();
    }

    /** A query of the kind over a random one-hour window within the stored traces' start times. */
    TraceQuery query(Search kind) {
        long earliestEnd = Math.min(traces.firstStartNanos() + WINDOW_NANOS, traces.lastStartNanos());
        long end = earliestEnd + (long) (random.nextDouble() * (traces.lastStartNanos() - earliestEnd));
        String name = SyntheticTraffic.SERVICES.get(random.nextInt(SyntheticTraffic.SERVICES.size()));
        TraceQuery q = TraceQuery.recent(SyntheticTraffic.TENANT, end - WINDOW_NANOS, end, SEARCH_LIMIT)
                .withService(name);
        return switch (kind) {
            case SERVICE -> q;
            case SERVICE_OPERATION -> {
                List<String> routes = SyntheticTraffic.routes(name);
                yield q.withOperation(routes.get(random.nextInt(routes.size())));
            }
            case SERVICE_TAG -> q.withTags(Map.of(SyntheticTraffic.ERROR_TAG, SyntheticTraffic.ERROR_TAG_VALUE));
        };
    }

    /** One scenario's samples, counts and problems. */
    private final class Run {
        private final String label;
        private final LatencySamples latency = new LatencySamples();
        private final List<String> problems = new ArrayList<>();
        private boolean measuring;
        private UsageSnapshot before;
        private long hits;
        private long incomplete;
        private long checked;
        private long problemCount;

        Run(String label) {
            this.label = label;
        }

        void startMeasuring() {
            measuring = true;
            before = meter.snapshot();
        }

        void timed(long nanos) {
            if (measuring) latency.add(nanos);
        }

        void answered(int found, boolean complete) {
            if (found > SEARCH_LIMIT) problem("a search with limit " + SEARCH_LIMIT + " answered " + found + " traces");
            if (!measuring) return;
            hits += found;
            if (!complete) incomplete++;
        }

        void check(TraceView t) {
            checked++;
            TraceId id = t.traceId();
            OptionalInt stored = traces.spansOf(id);
            if (stored.isEmpty()) {
                problem("answered trace " + id.toHex() + ", which the load never stored");
            } else if (stored.getAsInt() != t.spans().size()) {
                problem("trace " + id.toHex() + " came back with " + t.spans().size() + " spans, stored with "
                        + stored.getAsInt());
            }
        }

        void problem(String what) {
            problemCount++;
            if (problems.size() < PROBLEMS_SHOWN) problems.add(what);
        }

        Outcome outcome() {
            if (!measuring) startMeasuring(); // no measured lookups: nothing to count
            return new Outcome(label, latency, meter.snapshot().minus(before), hits, incomplete, checked,
                    List.copyOf(problems), problemCount);
        }
    }
}
