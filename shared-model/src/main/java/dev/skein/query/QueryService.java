package dev.skein.query;

import dev.skein.model.Span;
import dev.skein.model.TraceId;
import dev.skein.search.TraceQuery;
import dev.skein.storage.CatalogueEntry;
import dev.skein.storage.IndexReader;
import dev.skein.storage.TraceEntries;
import dev.skein.storage.TraceKey;
import dev.skein.storage.TracePointer;
import dev.skein.trace.CombinedTrace;
import dev.skein.trace.IndexedNames;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one query core every dialect (Zipkin, Jaeger, Skein's own API) translates to: trace by
 * ID, search, catalogue and service map, each bounded by {@link QueryLimits}. Free of any
 * transport; a tenant has been established before a call reaches it.
 */
public final class QueryService implements AutoCloseable {
    private final TraceReader reader;
    private final IndexReader index;
    private final QueryLimits limits;
    private final List<String> autocompleteKeys;
    private final ExecutorService readers;
    private final Clock clock;

    /**
     * @param autocompleteKeys the attribute keys whose values the catalogue keeps for
     *     autocompletion, as the assembler was configured
     */
    public QueryService(TraceReader reader, IndexReader index, QueryLimits limits, List<String> autocompleteKeys) {
        this(reader, index, limits, autocompleteKeys, Clock.systemUTC());
    }

    /** @param clock what "now" is when a window is bounded by the retention */
    public QueryService(TraceReader reader, IndexReader index, QueryLimits limits, List<String> autocompleteKeys,
            Clock clock) {
        this.clock = clock;
        this.reader = reader;
        this.index = index;
        this.limits = limits;
        this.autocompleteKeys = List.copyOf(new TreeSet<>(autocompleteKeys));
        this.readers = Executors.newFixedThreadPool(limits.readThreads(), r -> {
            Thread t = new Thread(r, "trace-reader");
            t.setDaemon(true);
            return t;
        });
    }

    public QueryLimits limits() {
        return limits;
    }

    /**
     * The trace with this ID. A 64-bit ID (high half zero) also finds every 128-bit trace whose
     * low half it is, and answers their spans together.
     *
     * @throws TraceTooLargeException when the trace holds more than {@link QueryLimits#maxTraceSpans}
     */
    public Optional<TraceView> trace(String tenant, TraceId id) {
        if (id.high() != 0) return readWhole(tenant, id);
        List<TracePointer> pointers = new ArrayList<>();
        for (TraceEntries e : index.tracesWithLowHalf(tenant, id.low())) pointers.addAll(e.pointers());
        return combine(id, pointers);
    }

    /** Several traces by ID, each as {@link #trace}; IDs not found are left out. */
    public List<TraceView> traces(String tenant, List<TraceId> ids) {
        if (ids.size() > limits.maxTraceIds()) {
            throw new IllegalArgumentException("at most " + limits.maxTraceIds() + " trace IDs per request, got " + ids.size());
        }
        List<TraceId> distinct = List.copyOf(new LinkedHashSet<>(ids));
        List<Optional<TraceView>> found = readAll(distinct, id -> trace(tenant, id));
        List<TraceView> out = new ArrayList<>();
        for (Optional<TraceView> t : found) t.ifPresent(out::add);
        return out;
    }

    /**
     * The traces that answer the query, most recent first, each read whole (a trace that ends
     * after the window is still answered complete). Stops, incomplete, when the search reached
     * its page budget or the answer would exceed {@link QueryLimits#maxSearchSpans}.
     */
    public FoundTraces search(TraceQuery query) {
        SearchResult result = searchSummaries(query);
        List<SearchHit> hits = result.hits();
        List<TraceView> traces = new ArrayList<>();
        boolean complete = result.complete();
        long spans = 0;
        // Read in rank order, one round of parallel reads at a time, so a search whose first
        // traces already fill the span budget reads no more than it answers with.
        for (int from = 0; from < hits.size(); from += limits.readThreads()) {
            List<SearchHit> round = hits.subList(from, Math.min(hits.size(), from + limits.readThreads()));
            // A trace too large to answer is left out, and the answer marked incomplete for it.
            List<Optional<TraceView>> read = readAll(round, hit -> {
                try {
                    // The search may have read the trace already, to settle a truncated row.
                    return hit.spansRead().isPresent() ? answer(hit.traceId(), hit.spansRead().get())
                            : readWhole(query.tenant(), hit.traceId());
                } catch (TraceTooLargeException e) {
                    return null;
                }
            });
            for (Optional<TraceView> t : read) {
                if (t == null) {
                    complete = false;
                    continue;
                }
                if (t.isEmpty()) continue;
                spans += t.get().spans().size();
                if (spans > limits.maxSearchSpans()) return new FoundTraces(traces, false);
                traces.add(t.get());
            }
        }
        return new FoundTraces(traces, complete);
    }

    /** Search hits as their index rows describe them, without reading any spans. */
    public SearchResult searchSummaries(TraceQuery query) {
        long[] window = retained(query.startNanos(), query.endNanos());
        if (window == null) return new SearchResult(List.of(), true);
        return reader.search(query.withWindow(window[0], window[1]));
    }

    /**
     * The part of a window where stored data can lie: from the retention period (plus a day for
     * the TTL sweeper's lag) before now to a day after now (clock skew). Every hour of a window
     * costs index reads even when empty, so a window of years must not be walked. Null when
     * nothing of the window is left.
     */
    private long[] retained(long startNanos, long endNanos) {
        long now = clock.millis() * 1_000_000L;
        long oldest = now - reader.settings().retention().plusDays(1).toNanos();
        long newest = now + Duration.ofDays(1).toNanos();
        long start = Math.max(startNanos, oldest);
        long end = Math.min(endNanos, newest);
        return end < start ? null : new long[] {start, end};
    }

    public List<String> services(String tenant) {
        return index.services(tenant);
    }

    /** The operations of a service: span name and kind, sorted by name then kind. */
    public List<Operation> operations(String tenant, String service) {
        List<Operation> out = new ArrayList<>();
        for (CatalogueEntry e : index.operations(tenant, IndexedNames.service(service))) {
            out.add(new Operation(e.operation(), e.spanKind()));
        }
        return out;
    }

    /** The names a service's client and producer spans gave their peers ({@code peer.service}). */
    public List<String> remoteServices(String tenant, String service) {
        return index.remoteServices(tenant, IndexedNames.service(service));
    }

    /** The attribute keys whose values the catalogue keeps for autocompletion. */
    public List<String> attributeKeys() {
        return autocompleteKeys;
    }

    /** Values seen for an autocomplete key, sorted; empty for any other key. */
    public List<String> attributeValues(String tenant, String key) {
        if (!autocompleteKeys.contains(key)) return List.of();
        return index.attributeValues(tenant, key);
    }

    /** The service graph's edges for a window (epoch nanoseconds), from the per-minute aggregates. */
    public List<DependencyLink> dependencies(String tenant, long startNanos, long endNanos) {
        if (endNanos < startNanos) throw new IllegalArgumentException("the window ends before it starts");
        long[] window = retained(startNanos, endNanos);
        return window == null ? List.of() : reader.dependencies(tenant, window[0], window[1]);
    }

    /** Services, remote nodes and the edges between them for a window (epoch nanoseconds). */
    public ServiceMap serviceMap(String tenant, long startNanos, long endNanos) {
        List<DependencyLink> links = dependencies(tenant, startNanos, endNanos);
        TreeSet<String> names = new TreeSet<>();
        for (DependencyLink l : links) {
            names.add(l.parent());
            names.add(l.child());
        }
        TreeSet<String> known = new TreeSet<>(index.services(tenant));
        List<ServiceMap.Node> nodes = new ArrayList<>(names.size());
        for (String n : names) nodes.add(new ServiceMap.Node(n, !known.contains(n)));
        return new ServiceMap(nodes, links);
    }

    private Optional<TraceView> readWhole(String tenant, TraceId id) {
        return combine(id, index.trace(new TraceKey(tenant, id)).pointers());
    }

    private Optional<TraceView> combine(TraceId id, List<TracePointer> pointers) {
        if (pointers.isEmpty()) return Optional.empty();
        requireWithinLimit(id, pointers);
        return answer(id, reader.read(pointers));
    }

    /** The trace as an answer, refused when it is over the answer limit. */
    private Optional<TraceView> answer(TraceId id, CombinedTrace combined) {
        if (combined.isEmpty()) return Optional.empty(); // every chunk expired from the archive
        if (combined.droppedSpans() > 0 || combined.spans().size() > limits.maxTraceSpans()) {
            throw tooLarge(id, combined.spans().size() + combined.droppedSpans());
        }
        return Optional.of(view(id, combined.spans()));
    }

    /** Refuses before reading when the pointers alone show the trace is over the limit. */
    private void requireWithinLimit(TraceId id, List<TracePointer> pointers) {
        long stored = 0;
        for (TracePointer p : pointers) stored += p.spanCount();
        // Pointers count copies too (a retried export stores a span twice), so only a count
        // far over the limit proves the trace is; the combined count decides the rest.
        if (stored > 2L * limits.maxTraceSpans()) throw tooLarge(id, stored);
    }

    private TraceTooLargeException tooLarge(TraceId id, long spans) {
        return new TraceTooLargeException(id, "trace " + id.toHex() + " holds about " + spans
                + " spans, more than the " + limits.maxTraceSpans() + " a query answers with"
                + " (SKEIN_QUERY_MAX_TRACE_SPANS); read it from the span archive, for example with Athena");
    }

    private static TraceView view(TraceId asked, List<Span> spans) {
        return new TraceView(asked, spans, !TraceView.hasRoot(spans));
    }

    private <K, T> List<T> readAll(List<K> keys, java.util.function.Function<K, T> read) {
        List<CompletableFuture<T>> futures = new ArrayList<>(keys.size());
        for (K key : keys) futures.add(CompletableFuture.supplyAsync(() -> read.apply(key), readers));
        List<T> out = new ArrayList<>(keys.size());
        try {
            for (CompletableFuture<T> f : futures) out.add(f.join());
        } catch (CompletionException e) {
            for (CompletableFuture<T> f : futures) f.cancel(true);
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
        return out;
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
