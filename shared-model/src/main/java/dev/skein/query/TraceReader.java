package dev.skein.query;

import dev.skein.assembly.PipelineSettings;
import dev.skein.codec.DecodeException;
import dev.skein.codec.SpanRowCodec;
import dev.skein.ingest.BoundedGzip;
import dev.skein.ingest.PayloadTooLargeException;
import dev.skein.search.SearchPageCodec;
import dev.skein.search.SearchRow;
import dev.skein.search.TraceQuery;
import dev.skein.storage.ArchiveObjectMissingException;
import dev.skein.storage.CatalogueEntry;
import dev.skein.storage.EdgeCount;
import dev.skein.storage.IndexReader;
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
    /**
     * Search remembers what the rows of this many undecided traces met, to merge them with the
     * same traces' other chunks; beyond it, the least recently seen are forgotten.
     */
    public static final int MAX_PARTIAL_TRACES = 10_000;
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final SpanArchive archive;
    private final IndexReader index;
    private final PipelineSettings settings;

    public PipelineSettings settings() {
        return settings;
    }

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

    /**
     * The traces that answer the query, most recent first by start, at most {@code limit}.
     *
     * <p>Walks the hours of the window from the newest (and the hour before it, for traces that
     * started earlier and still overlap the window), reads each listed page once, and merges the
     * rows of one trace: a trace stored in several chunks answers when its chunks together meet
     * the conditions. Once {@code limit} traces are found it reads only pages that may still hold
     * a more recent one. Rows that cannot decide (truncated, or version 1) are settled by reading
     * the trace's spans, at most {@link #MAX_TRACE_READS_PER_SEARCH} per search. The result is
     * incomplete when the page budget or the trace-read budget ran out.
     */
    public SearchResult search(TraceQuery q) {
        return new TraceSearch(index, this, q).run();
    }

    /** The rows of one search page; none when the page is gone (its lifecycle expired it). */
    List<SearchRow> readPage(String key) {
        try {
            byte[] page = archive.read(key);
            return SearchPageCodec.read(inflate(page, Integer.MAX_VALUE - 8, key));
        } catch (ArchiveObjectMissingException e) {
            return List.of();
        } catch (DecodeException | IllegalArgumentException e) {
            // Stored data that does not decode is the store's fault, not the caller's.
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
