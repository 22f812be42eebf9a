package dev.skein.query;

import dev.skein.assembly.PipelineSettings;
import dev.skein.codec.DecodeException;
import dev.skein.codec.SpanRowCodec;
import dev.skein.ingest.BoundedGzip;
import dev.skein.ingest.PayloadTooLargeException;
import dev.skein.search.SearchMatcher;
import dev.skein.search.SearchPageCodec;
import dev.skein.search.SearchRow;
import dev.skein.search.TraceQuery;
import dev.skein.storage.ArchiveObjectMissingException;
import dev.skein.storage.CatalogueEntry;
import dev.skein.storage.EdgeCount;
import dev.skein.storage.IndexReader;
import dev.skein.storage.SearchPageRef;
import dev.skein.storage.SpanArchive;
import dev.skein.storage.StorageException;
import dev.skein.storage.StoredSummary;
import dev.skein.storage.TraceEntries;
import dev.skein.storage.TraceKey;
import dev.skein.storage.TracePointer;
import dev.skein.trace.CombinedTrace;
import dev.skein.trace.EdgeStats;
import dev.skein.trace.TraceCombiner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reader side of storage: a trace by ID (pointers → ranged reads → combine), trace search
 * over the search pages, the service graph and the catalogue. Used by the finalizer and by the
 * query function.
 */
public final class TraceReader {
    /** Search stops after this many pages and says the result may be incomplete. */
    public static final int MAX_PAGES_PER_SEARCH = 2_000;
    /** Search reads at most this many traces' spans to settle rows whose index was truncated. */
    public static final int MAX_TRACE_READS_PER_SEARCH = 50;
    private static final long HOUR_NANOS = 3_600_000_000_000L;
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final SpanArchive archive;
    private final IndexReader index;
    private final PipelineSettings settings;

    public TraceReader(SpanArchive archive, IndexReader index, PipelineSettings settings) {
        this.archive = archive;
        this.index = index;
        this.settings = settings;
    }

    public TraceEntries entries(TraceKey key) {
        return index.trace(key);
    }

    /** The trace's spans, or empty when no chunk of it is stored. */
    public Optional<CombinedTrace> trace(TraceKey key) {
        TraceEntries entries = index.trace(key);
        if (entries.pointers().isEmpty()) return Optional.empty();
        return Optional.of(read(entries.pointers()));
    }

    public Optional<StoredSummary> summary(TraceKey key) {
        return Optional.ofNullable(index.trace(key).summary());
    }

    /**
     * Reads and combines the chunks. A chunk whose object is gone (lifecycle deleted it before
     * the pointer's TTL fired) is skipped; any other failure throws.
     */
    public CombinedTrace read(List<TracePointer> pointers) {
        TraceCombiner combiner = new TraceCombiner(settings.traceLimits());
        long budget = settings.traceLimits().maxBytes();
        for (TracePointer p : pointers) {
            byte[] member;
            try {
                member = archive.read(p.objectKey(), p.offset(), p.length());
            } catch (ArchiveObjectMissingException e) {
                continue;
            }
            byte[] rows = inflate(member, (int) Math.min(Integer.MAX_VALUE - 8, budget), p.chunkId());
            try {
                combiner.add(SpanRowCodec.readAll(rows), rows.length);
            } catch (DecodeException e) {
                throw new StorageException("archive chunk " + p.chunkId() + " is not readable: " + e.getMessage(), e);
            }
        }
        return combiner.combine();
    }

    public SearchResult search(TraceQuery q) {
        String service = q.service() == null ? SearchPageRef.ANY_SERVICE : q.service();
        Map<String, List<SearchRow>> pages = new HashMap<>();
        LinkedHashMap<dev.skein.model.TraceId, SearchHit> hits = new LinkedHashMap<>();
        Map<dev.skein.model.TraceId, Boolean> settled = new HashMap<>();
        int pagesRead = 0;
        int traceReads = 0;
        boolean complete = true;
        long firstHour = Math.floorDiv(q.startNanos(), HOUR_NANOS);
        long lastHour = Math.floorDiv(q.endNanos(), HOUR_NANOS);
        search:
        for (long hour = lastHour; hour >= firstHour; hour--) {
            for (SearchPageRef ref : index.searchRefs(q.tenant(), service, hour)) {
                if (ref.maxEndNanos() < q.startNanos() || ref.minStartNanos() > q.endNanos()) continue;
                List<SearchRow> rows = pages.get(ref.pageKey());
                if (rows == null) {
                    if (pagesRead >= MAX_PAGES_PER_SEARCH) {
                        complete = false;
                        break search;
                    }
                    rows = readPage(ref.pageKey());
                    pages.put(ref.pageKey(), rows);
                    pagesRead++;
                }
                for (SearchRow row : rows) {
                    if (hits.containsKey(row.traceId())) continue;
                    SearchMatcher.Verdict v = SearchMatcher.match(q, row);
                    boolean match = v == SearchMatcher.Verdict.MATCH;
                    if (v == SearchMatcher.Verdict.READ_SPANS && traceReads < MAX_TRACE_READS_PER_SEARCH) {
                        Boolean known = settled.get(row.traceId());
                        if (known == null) {
                            traceReads++;
                            known = trace(new TraceKey(q.tenant(), row.traceId()))
                                    .map(t -> SearchMatcher.matches(q, t.spans())).orElse(false);
                            settled.put(row.traceId(), known);
                        }
                        match = known;
                    }
                    if (match) {
                        hits.put(row.traceId(), new SearchHit(row.traceId(), row));
                        if (hits.size() >= q.limit()) break search;
                    }
                }
            }
        }
        List<SearchHit> sorted = new ArrayList<>(hits.values());
        sorted.sort(Comparator.comparingLong((SearchHit h) -> h.row().startNanos()).reversed());
        return new SearchResult(sorted, pagesRead, complete);
    }

    private List<SearchRow> readPage(String key) {
        try {
            byte[] page = archive.read(key);
            return SearchPageCodec.read(inflate(page, Integer.MAX_VALUE - 8, key));
        } catch (ArchiveObjectMissingException e) {
            return List.of();
        } catch (DecodeException e) {
            throw new StorageException("search page " + key + " is not readable: " + e.getMessage(), e);
        }
    }

    private static byte[] inflate(byte[] gzip, int limit, String what) {
        try {
            return BoundedGzip.inflate(gzip, limit);
        } catch (DecodeException e) {
            throw new StorageException("archive data " + what + " is not valid gzip: " + e.getMessage(), e);
        } catch (PayloadTooLargeException e) {
            throw new StorageException("archive data " + what + " exceeds the trace byte limit", e);
        }
    }

    /** The service graph between two instants (epoch nanoseconds), summed per edge. */
    public List<DependencyLink> dependencies(String tenant, long startNanos, long endNanos) {
        Map<List<String>, EdgeStats> sums = new LinkedHashMap<>();
        for (EdgeCount e : index.edges(tenant, Math.floorDiv(startNanos, MINUTE_NANOS),
                Math.floorDiv(endNanos, MINUTE_NANOS))) {
            sums.merge(List.of(e.edge().parent(), e.edge().child()), e.stats(), EdgeStats::plus);
        }
        List<DependencyLink> links = new ArrayList<>();
        sums.forEach((k, s) -> {
            if (s.calls() > 0) links.add(new DependencyLink(k.get(0), k.get(1), s.calls(), s.errors(), s.latency()));
        });
        links.sort(Comparator.comparing(DependencyLink::parent).thenComparing(DependencyLink::child));
        return links;
    }

    public List<String> services(String tenant) {
        return index.services(tenant);
    }

    public List<CatalogueEntry> operations(String tenant, String service) {
        return index.operations(tenant, service);
    }
}
