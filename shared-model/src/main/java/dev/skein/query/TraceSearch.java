package dev.skein.query;

import dev.skein.model.Span;
import dev.skein.model.TraceId;
import dev.skein.search.ConditionsMet;
import dev.skein.search.SearchMatcher;
import dev.skein.search.SearchRow;
import dev.skein.search.TraceQuery;
import dev.skein.storage.IndexReader;
import dev.skein.storage.SearchPageRef;
import dev.skein.storage.TraceKey;
import dev.skein.trace.CombinedTrace;
import dev.skein.trace.IndexedNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** One search's walk over the index (see {@link TraceReader#search}), and what it found so far. */
final class TraceSearch {
    private static final long HOUR_NANOS = 3_600_000_000_000L;

    private final IndexReader index;
    private final TraceReader reader;
    private final TraceQuery q;
    private final SearchMatcher matcher;
    private final List<String> services;
    private final Set<String> pagesSeen = new HashSet<>();
    private final Map<TraceId, Hit> hits = new HashMap<>();
    /** Traces decided without being hits: their spans did not match, or newer hits outrank them. */
    private final Set<TraceId> done = new HashSet<>();
    /** What the rows of undecided traces met, to merge with their other chunks; the most recent few. */
    private final Map<TraceId, Partial> partial = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TraceId, Partial> eldest) {
            return size() > TraceReader.MAX_PARTIAL_TRACES;
        }
    };
    private long cutoff = Long.MIN_VALUE;
    private boolean cutoffStale;
    private int traceReads;
    private boolean complete = true;

    TraceSearch(IndexReader index, TraceReader reader, TraceQuery q) {
        this.index = index;
        this.reader = reader;
        this.q = q;
        this.matcher = SearchMatcher.of(q);
        this.services = indexedServices();
    }

    /** The spellings of the query's service that the index lists pages under. */
    private List<String> indexedServices() {
        if (q.service() == null) return List.of(SearchPageRef.ANY_SERVICE);
        String exact = IndexedNames.service(q.service());
        if (!q.ignoreNameCase()) return List.of(exact);
        TreeSet<String> spellings = new TreeSet<>();
        spellings.add(exact);
        for (String s : index.services(q.tenant())) {
            if (s.equalsIgnoreCase(exact)) spellings.add(s);
        }
        return List.copyOf(spellings);
    }

    SearchResult run() {
        long firstHour = Math.floorDiv(q.startNanos(), HOUR_NANOS) - 1;
        long lastHour = Math.floorDiv(q.endNanos(), HOUR_NANOS);
        for (long hour = lastHour; hour >= firstHour; hour--) {
            // Pages are listed by the hour of their traces' start: none here can outrank the hits.
            if ((hour + 1) * HOUR_NANOS <= cutoff()) break;
            for (SearchPageRef ref : refs(hour)) {
                if (ref.maxEndNanos() < q.startNanos() || ref.minStartNanos() > q.endNanos()) continue;
                long newest = cutoff();
                if (ref.maxEndNanos() < newest || pagesSeen.contains(ref.pageKey())) continue;
                if (pagesSeen.size() >= TraceReader.MAX_PAGES_PER_SEARCH) {
                    complete = false;
                    return result();
                }
                pagesSeen.add(ref.pageKey());
                for (SearchRow row : reader.readPage(ref.pageKey())) offer(row, newest);
            }
        }
        return result();
    }

    /** The hour's pages under every spelling of the service, newest first. */
    private List<SearchPageRef> refs(long hour) {
        if (services.size() == 1) return index.searchRefs(q.tenant(), services.get(0), hour);
        List<SearchPageRef> refs = new ArrayList<>();
        for (String service : services) refs.addAll(index.searchRefs(q.tenant(), service, hour));
        refs.sort(Comparator.comparing(SearchPageRef::sortKey).reversed());
        return refs;
    }

    private void offer(SearchRow row, long newest) {
        TraceId id = row.traceId();
        Hit hit = hits.get(id);
        if (hit != null) {
            hit.startedBy(row.startNanos());
            cutoffStale = true;
            return;
        }
        // A trace starts no later than any of its chunks: this one cannot outrank the hits.
        if (row.startNanos() < newest || done.contains(id)) return;
        ConditionsMet met = matcher.evaluate(row);
        if (met == null) return;
        long start = row.startNanos();
        Partial before = partial.remove(id);
        if (before != null) {
            met = before.met().merge(met);
            start = Math.min(start, before.startNanos());
        }
        switch (met.verdict()) {
            case MATCH -> found(id, new Hit(null, start));
            case READ_SPANS -> settle(id, met, start);
            case NO_MATCH -> partial.put(id, new Partial(met, start));
        }
    }

    /** Reads the trace's spans to decide what its rows could not. */
    private void settle(TraceId id, ConditionsMet met, long start) {
        if (traceReads >= TraceReader.MAX_TRACE_READS_PER_SEARCH) {
            complete = false;
            partial.put(id, new Partial(met, start));
            return;
        }
        traceReads++;
        Optional<CombinedTrace> trace = reader.trace(new TraceKey(q.tenant(), id));
        if (trace.isPresent() && matcher.matches(trace.get().spans())) {
            long traceStart = start;
            for (Span s : trace.get().spans()) traceStart = Math.min(traceStart, s.startEpochNanos());
            found(id, new Hit(trace.get(), traceStart));
        } else {
            done.add(id);
        }
    }

    private void found(TraceId id, Hit hit) {
        hits.put(id, hit);
        cutoffStale = true;
    }

    /**
     * The start of the {@code limit}-th most recent hit, below which nothing can enter the
     * answer. Traces ranked out on the way are dropped, so the hits stay at {@code limit}.
     */
    private long cutoff() {
        if (!cutoffStale) return cutoff;
        cutoffStale = false;
        if (hits.size() < q.limit()) return cutoff;
        List<Map.Entry<TraceId, Hit>> ranked = ranked();
        for (Map.Entry<TraceId, Hit> out : ranked.subList(q.limit(), ranked.size())) {
            hits.remove(out.getKey());
            done.add(out.getKey());
        }
        cutoff = ranked.get(q.limit() - 1).getValue().startNanos;
        return cutoff;
    }

    /** Hits by start, most recent first; equal starts by trace ID, so answers are stable. */
    private List<Map.Entry<TraceId, Hit>> ranked() {
        List<Map.Entry<TraceId, Hit>> ranked = new ArrayList<>(hits.entrySet());
        ranked.sort(Comparator.comparingLong((Map.Entry<TraceId, Hit> e) -> e.getValue().startNanos).reversed()
                .thenComparing(Map.Entry::getKey));
        return ranked;
    }

    private SearchResult result() {
        List<SearchHit> out = new ArrayList<>(Math.min(hits.size(), q.limit()));
        for (Map.Entry<TraceId, Hit> e : ranked()) {
            if (out.size() == q.limit()) break;
            out.add(new SearchHit(e.getKey(), Optional.ofNullable(e.getValue().spansRead)));
        }
        return new SearchResult(out, complete);
    }

    /** A trace found, its spans if search read them, and the earliest start seen for it. */
    private static final class Hit {
        final CombinedTrace spansRead;
        long startNanos;

        Hit(CombinedTrace spansRead, long startNanos) {
            this.spansRead = spansRead;
            this.startNanos = startNanos;
        }

        void startedBy(long chunkStartNanos) {
            startNanos = Math.min(startNanos, chunkStartNanos);
        }
    }

    private record Partial(ConditionsMet met, long startNanos) {}
}
