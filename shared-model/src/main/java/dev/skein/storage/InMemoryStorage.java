package dev.skein.storage;

import dev.skein.trace.EdgeStats;
import dev.skein.trace.ServiceEdge;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every storage port in memory: the archive, the index and the timer queue. Complete (the
 * contract suite runs against it as against the AWS adapters) and thread-safe by one lock;
 * for unit tests and for reasoning, not for load. TTLs are kept but never enforced, as with
 * DynamoDB before its sweeper runs.
 */
public final class InMemoryStorage implements SpanArchive, TraceIndex, TimerQueue {
    private final Clock clock;
    private final Map<String, byte[]> objects = new TreeMap<>();
    private final Map<TraceKey, Map<String, TracePointer>> pointers = new LinkedHashMap<>();
    private final Map<TraceKey, StoredSummary> summaries = new LinkedHashMap<>();
    private final Map<List<Object>, SearchPageRef> searchRefs = new LinkedHashMap<>();
    // Keyed by the parts that make an entry unique, in the order reads want them sorted.
    private final Map<List<String>, CatalogueEntry> catalogue = new TreeMap<>(InMemoryStorage::compareParts);
    private final Map<List<String>, RemoteServiceEntry> remoteServices = new TreeMap<>(InMemoryStorage::compareParts);
    private final Map<List<String>, AttributeValueEntry> attributeValues = new TreeMap<>(InMemoryStorage::compareParts);
    private final Map<List<Object>, EdgeStats> edges = new LinkedHashMap<>();
    private final List<Timer> timers = new ArrayList<>();
    private final AtomicLong timerIds = new AtomicLong();

    public InMemoryStorage(Clock clock) {
        this.clock = clock;
    }

    // ---- archive

    @Override
    public synchronized void put(String key, byte[] object) {
        objects.put(key, object.clone());
    }

    @Override
    public synchronized byte[] read(String key, long offset, int length) {
        byte[] o = object(key);
        if (offset < 0 || offset + length > o.length) {
            throw new StorageException("range " + offset + "+" + length + " is outside " + key);
        }
        return Arrays.copyOfRange(o, (int) offset, (int) offset + length);
    }

    @Override
    public synchronized byte[] read(String key) {
        return object(key).clone();
    }

    private byte[] object(String key) {
        byte[] o = objects.get(key);
        if (o == null) throw new ArchiveObjectMissingException(key);
        return o;
    }

    // ---- index, writer side

    @Override
    public synchronized void putPointers(List<TracePointer> list) {
        for (TracePointer p : list) pointers.computeIfAbsent(p.trace(), k -> new TreeMap<>()).put(p.chunkId(), p);
    }

    @Override
    public synchronized void putSearchRefs(List<SearchPageRef> refs) {
        for (SearchPageRef r : refs) {
            searchRefs.put(List.of(r.tenant(), r.service(), r.hourEpoch(), r.shard(), r.sortKey()), r);
        }
    }

    @Override
    public synchronized void putCatalogue(List<? extends CatalogueRecord> entries) {
        for (CatalogueRecord r : entries) {
            if (r instanceof CatalogueEntry e) {
                catalogue.put(List.of(e.tenant(), e.service(), nullToEmpty(e.operation()), nullToEmpty(e.spanKind())), e);
            } else if (r instanceof RemoteServiceEntry e) {
                remoteServices.put(List.of(e.tenant(), e.service(), e.remoteService()), e);
            } else if (r instanceof AttributeValueEntry e) {
                attributeValues.put(List.of(e.tenant(), e.key(), e.value()), e);
            }
        }
    }

    @Override
    public synchronized Set<TraceKey> commit(FinalizeCommit commit) {
        Set<TraceKey> conflicts = new HashSet<>();
        for (Finalization f : commit.finalizations()) {
            StoredSummary current = summaries.get(f.summary().key());
            String currentVersion = current == null ? null : current.version();
            if (!java.util.Objects.equals(currentVersion, f.expectedVersion())) conflicts.add(f.summary().key());
        }
        if (!conflicts.isEmpty()) return conflicts;
        for (Finalization f : commit.finalizations()) summaries.put(f.summary().key(), f.summary());
        for (EdgeCount d : commit.edgeDeltas()) {
            edges.merge(List.of(d.tenant(), d.edge()), d.stats(), EdgeStats::plus);
        }
        return conflicts;
    }

    // ---- index, reader side

    @Override
    public synchronized TraceEntries trace(TraceKey trace) {
        Map<String, TracePointer> p = pointers.getOrDefault(trace, Map.of());
        return new TraceEntries(trace, List.copyOf(p.values()), summaries.get(trace));
    }

    @Override
    public synchronized List<TraceEntries> tracesWithLowHalf(String tenant, long lowHalf) {
        Set<TraceKey> keys = new java.util.TreeSet<>(Comparator.comparing(TraceKey::traceId));
        for (TraceKey k : pointers.keySet()) {
            if (k.tenant().equals(tenant) && k.traceId().low() == lowHalf) keys.add(k);
        }
        for (TraceKey k : summaries.keySet()) {
            if (k.tenant().equals(tenant) && k.traceId().low() == lowHalf) keys.add(k);
        }
        List<TraceEntries> out = new ArrayList<>(keys.size());
        for (TraceKey k : keys) out.add(trace(k));
        return out;
    }

    @Override
    public synchronized List<String> remoteServices(String tenant, String service) {
        return lastParts(remoteServices, tenant, service);
    }

    @Override
    public synchronized List<String> attributeValues(String tenant, String key) {
        return lastParts(attributeValues, tenant, key);
    }

    /** The third key part of the entries under (tenant, name), in order, at most MAX_CATALOGUE_VALUES. */
    private static List<String> lastParts(Map<List<String>, ?> entries, String tenant, String name) {
        List<String> out = new ArrayList<>();
        for (List<String> k : entries.keySet()) {
            if (out.size() == MAX_CATALOGUE_VALUES) break;
            if (k.get(0).equals(tenant) && k.get(1).equals(name)) out.add(k.get(2));
        }
        return out;
    }

    @Override
    public synchronized List<SearchPageRef> searchRefs(String tenant, String service, long hourEpoch) {
        List<SearchPageRef> out = new ArrayList<>();
        for (SearchPageRef r : searchRefs.values()) {
            if (r.tenant().equals(tenant) && r.service().equals(service) && r.hourEpoch() == hourEpoch) out.add(r);
        }
        out.sort(Comparator.comparing(SearchPageRef::sortKey).reversed());
        return out;
    }

    @Override
    public synchronized List<String> services(String tenant) {
        List<String> out = new ArrayList<>();
        for (CatalogueEntry e : catalogue.values()) {
            if (e.tenant().equals(tenant) && e.isService()) out.add(e.service());
        }
        return out;
    }

    @Override
    public synchronized List<CatalogueEntry> operations(String tenant, String service) {
        List<CatalogueEntry> out = new ArrayList<>();
        for (CatalogueEntry e : catalogue.values()) {
            if (e.tenant().equals(tenant) && e.service().equals(service) && !e.isService()) out.add(e);
        }
        return out;
    }

    @Override
    public synchronized List<EdgeCount> edges(String tenant, long fromMinute, long toMinute) {
        List<EdgeCount> out = new ArrayList<>();
        edges.forEach((k, stats) -> {
            ServiceEdge edge = (ServiceEdge) k.get(1);
            if (k.get(0).equals(tenant) && edge.minuteEpoch() >= fromMinute && edge.minuteEpoch() <= toMinute
                    && !stats.isZero()) {
                out.add(new EdgeCount(tenant, edge, stats));
            }
        });
        out.sort(Comparator.comparing(EdgeCount::edge));
        return out;
    }

    // ---- timer queue

    @Override
    public synchronized void schedule(List<TraceKey> traces, Duration delay) {
        long due = clock.millis() + Math.min(delay.toMillis(), MAX_DELAY.toMillis());
        for (TraceKey t : traces) timers.add(new Timer("timer-" + timerIds.incrementAndGet(), t, due));
    }

    /** Takes the timers that are due now, as a queue consumer receives them. */
    public synchronized List<TimerMessage> receiveDue() {
        long now = clock.millis();
        List<TimerMessage> due = new ArrayList<>();
        timers.removeIf(t -> {
            if (t.dueMillis > now) return false;
            due.add(new TimerMessage(t.id, t.trace));
            return true;
        });
        return due;
    }

    /** Puts messages back, as a queue does with those a consumer reported as failed. */
    public synchronized void redeliver(List<TimerMessage> messages) {
        for (TimerMessage m : messages) timers.add(new Timer(m.messageId(), m.trace(), clock.millis()));
    }

    public synchronized int pendingTimers() {
        return timers.size();
    }

    /** Everything stored, for tests that compare whole states. */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> s = new TreeMap<>();
        objects.forEach((k, v) -> s.put("object " + k, Arrays.hashCode(v) + "/" + v.length));
        pointers.forEach((k, v) -> v.forEach((c, p) -> s.put("pointer " + k + " " + c, p)));
        summaries.forEach((k, v) -> s.put("summary " + k, v));
        searchRefs.forEach((k, v) -> s.put("search " + k, v));
        catalogue.forEach((k, v) -> s.put("catalogue " + k, v));
        remoteServices.forEach((k, v) -> s.put("remote " + k, v));
        attributeValues.forEach((k, v) -> s.put("value " + k, v));
        edges.forEach((k, v) -> s.put("edge " + k, v));
        return s;
    }

    /** Lists of equal length, part by part. */
    private static int compareParts(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return 0;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private record Timer(String id, TraceKey trace, long dueMillis) {}
}
