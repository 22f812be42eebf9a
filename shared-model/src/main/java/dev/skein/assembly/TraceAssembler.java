package dev.skein.assembly;

import dev.skein.codec.DecodeException;
import dev.skein.codec.GzipMemberWriter;
import dev.skein.codec.SpanRowCodec;
import dev.skein.codec.StreamRecordCodec;
import dev.skein.model.Span;
import dev.skein.search.SearchPageCodec;
import dev.skein.search.SearchRow;
import dev.skein.search.SearchRows;
import dev.skein.storage.IndexWriter;
import dev.skein.storage.SearchPageRef;
import dev.skein.storage.SpanArchive;
import dev.skein.storage.TimerQueue;
import dev.skein.storage.TraceKey;
import dev.skein.storage.TracePointer;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one batch of span-stream records into stored chunks: per tenant one archive object (a
 * gzip member of span rows per trace) and one search page (a row per trace), then the trace
 * pointers, the search page entries, new catalogue entries (see {@link CatalogueCollector}) and the
 * finalize timers.
 *
 * <p>Every write is derived from the batch alone (keys, contents and TTLs come from the
 * records and their arrival times, never from the clock), so a redelivered batch rewrites the
 * same state. Objects are written before the pointers that name them. A record that cannot be
 * decoded is reported and the rest of the batch is stored; a storage failure throws, and the
 * event source retries the batch.
 */
public final class TraceAssembler {
    private static final int TIMER_MEMORY = 200_000;

    private final SpanArchive archive;
    private final IndexWriter index;
    private final TimerQueue timers;
    private final PipelineSettings settings;
    private final Clock clock;
    private final RecentWrites<TraceKey> pendingTimers = new RecentWrites<>(TIMER_MEMORY);
    private final CatalogueCollector catalogue;

    public TraceAssembler(SpanArchive archive, IndexWriter index, TimerQueue timers,
            PipelineSettings settings, Clock clock) {
        this.archive = archive;
        this.index = index;
        this.timers = timers;
        this.settings = settings;
        this.clock = clock;
        this.catalogue = new CatalogueCollector(settings);
    }

    public AssemblyResult assemble(List<BatchRecord> batch) {
        if (batch.isEmpty()) return new AssemblyResult(List.of(), 0, 0);
        List<AssemblyResult.RecordFailure> failures = new ArrayList<>();
        // tenant → trace → its chunk in this batch, in arrival order
        Map<String, Map<TraceKey, Chunk>> byTenant = new TreeMap<>();
        List<String> ids = new ArrayList<>(batch.size());
        for (BatchRecord r : batch) {
            ids.add(r.id());
            StreamRecordCodec.Decoded decoded;
            try {
                decoded = StreamRecordCodec.decode(r.data());
            } catch (DecodeException | RuntimeException e) {
                failures.add(new AssemblyResult.RecordFailure(r.id(), e.getMessage()));
                continue;
            }
            if (decoded.spans().isEmpty()) continue;
            TraceKey key = new TraceKey(decoded.header().tenant(), decoded.header().traceId());
            byTenant.computeIfAbsent(key.tenant(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(key, k -> new Chunk()).add(decoded.spans(), r.arrivalEpochMillis());
        }
        long firstArrival = batch.get(0).arrivalEpochMillis();
        String batchId = ArchiveKeys.batchId(firstArrival, ids);

        List<TracePointer> pointers = new ArrayList<>();
        List<SearchPageRef> refs = new ArrayList<>();
        CatalogueCollector.Batch newCatalogue = catalogue.batch(clock.millis());
        int spans = 0;
        try (GzipMemberWriter gzip = new GzipMemberWriter(settings.archiveCompression())) {
            for (Map.Entry<String, Map<TraceKey, Chunk>> tenant : byTenant.entrySet()) {
                spans += writeTenant(tenant.getKey(), tenant.getValue(), firstArrival, batchId, gzip,
                        pointers, refs, newCatalogue);
            }
        }
        index.putPointers(pointers);
        index.putSearchRefs(refs);
        index.putCatalogue(newCatalogue.records());
        newCatalogue.stored();
        scheduleTimers(pointers, clock.millis());
        return new AssemblyResult(failures, pointers.size(), spans);
    }

    private int writeTenant(String tenant, Map<TraceKey, Chunk> traces, long firstArrival, String batchId,
            GzipMemberWriter gzip, List<TracePointer> pointers, List<SearchPageRef> refs,
            CatalogueCollector.Batch newCatalogue) {
        String objectKey = ArchiveKeys.spans(tenant, firstArrival, batchId);
        String pageKey = ArchiveKeys.searchPage(tenant, firstArrival, batchId);
        ByteArrayOutputStream object = new ByteArrayOutputStream(64 * 1024);
        List<SearchRow> rows = new ArrayList<>(traces.size());
        // (service, hour) → [traces, min start, max end]; "" lists the page for any service
        Map<String, Map<Long, long[]>> listings = new TreeMap<>();
        int spans = 0;
        for (Map.Entry<TraceKey, Chunk> e : traces.entrySet()) {
            Chunk chunk = e.getValue();
            spans += chunk.spans.size();
            int offset = object.size();
            gzip.write(SpanRowCodec.rows(chunk.spans), object);
            SearchRow row = SearchRows.of(chunk.spans);
            rows.add(row);
            List<String> services = new ArrayList<>();
            for (SearchRow.ServiceEntry s : row.services()) services.add(s.name());
            pointers.add(new TracePointer(e.getKey(), objectKey, offset, object.size() - offset,
                    chunk.spans.size(), row.startNanos(), row.endNanos(), row.errorCount(), services,
                    chunk.lastArrival, settings.expiresAt(chunk.lastArrival)));
            long hour = Math.floorDiv(row.startNanos(), 3_600_000_000_000L);
            list(listings, SearchPageRef.ANY_SERVICE, hour, row);
            for (String service : services) list(listings, service, hour, row);
            newCatalogue.add(tenant, chunk.spans, chunk.lastArrival);
        }
        archive.put(objectKey, object.toByteArray());
        archive.put(pageKey, gzip.member(SearchPageCodec.write(rows)));
        int shard = Math.floorMod(batchId.hashCode(), settings.searchShards());
        long expiresAt = settings.expiresAt(firstArrival);
        listings.forEach((service, hours) -> hours.forEach((hour, stats) -> refs.add(new SearchPageRef(
                tenant, service, hour, shard, batchId, pageKey, (int) stats[0], stats[1], stats[2], expiresAt))));
        return spans;
    }

    private static void list(Map<String, Map<Long, long[]>> listings, String service, long hour, SearchRow row) {
        long[] stats = listings.computeIfAbsent(service, s -> new TreeMap<>())
                .computeIfAbsent(hour, h -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
        stats[0]++;
        stats[1] = Math.min(stats[1], row.startNanos());
        stats[2] = Math.max(stats[2], row.endNanos());
    }

    /**
     * One timer per trace per idle period: while a timer is pending this function does not send
     * another; when it fires, the finalizer sees the newer chunk and reschedules itself.
     */
    private void scheduleTimers(List<TracePointer> pointers, long now) {
        List<TraceKey> due = new ArrayList<>();
        for (TracePointer p : pointers) {
            if (!pendingTimers.isFresh(p.trace(), now)) due.add(p.trace());
        }
        if (due.isEmpty()) return;
        timers.schedule(due, settings.idlePeriod());
        long firesAt = now + settings.idlePeriod().toMillis();
        for (TraceKey k : due) pendingTimers.wrote(k, firesAt);
    }

    private static final class Chunk {
        final List<Span> spans = new ArrayList<>();
        long lastArrival;

        void add(List<Span> more, long arrival) {
            spans.addAll(more);
            lastArrival = Math.max(lastArrival, arrival);
        }
    }
}
