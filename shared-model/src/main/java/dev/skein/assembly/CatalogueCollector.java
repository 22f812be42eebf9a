package dev.skein.assembly;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.search.SearchRows;
import dev.skein.storage.AttributeValueEntry;
import dev.skein.storage.CatalogueEntry;
import dev.skein.storage.CatalogueRecord;
import dev.skein.storage.RemoteServiceEntry;
import dev.skein.trace.IndexedNames;
import dev.skein.trace.TraceSummarizer;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a batch adds to the catalogue: each service, its operations, the remote services
 * its spans name ({@code peer.service}) and the values of the configured autocomplete keys (in
 * span or resource attributes). A record this function wrote less than the catalogue refresh
 * period ago is left out, so catalogue writes follow new names, not spans.
 *
 * <p>Remote services and attribute values come from data that can have a value per request (an
 * ID in a configured key, an address as a peer name). So each of their lists (one service's
 * remote services, one key's values) gets at most {@value #MAX_WRITES_PER_LIST} writes per
 * refresh period from one function instance; values beyond that are not recorded until the
 * period ends. Services and operations are not capped.
 *
 * <p>Thread-safe, as {@link RecentWrites}: concurrent batches at worst both write one record.
 */
final class CatalogueCollector {
    /** Writes one remote-service or attribute-value list gets per refresh period. */
    static final int MAX_WRITES_PER_LIST = 100;
    static final String PEER_SERVICE = "peer.service";
    private static final int RECORD_MEMORY = 50_000;
    private static final int LIST_MEMORY = 10_000;

    private final PipelineSettings settings;
    private final Set<String> autocompleteKeys;
    private final RecentWrites<CatalogueRecord> written = new RecentWrites<>(RECORD_MEMORY);
    private final Map<ListKey, long[]> budgets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ListKey, long[]> eldest) {
            return size() > LIST_MEMORY;
        }
    };

    CatalogueCollector(PipelineSettings settings) {
        this.settings = settings;
        this.autocompleteKeys = Set.copyOf(settings.autocompleteKeys());
    }

    /** Starts collecting one batch, at {@code nowMillis}. */
    Batch batch(long nowMillis) {
        return new Batch(nowMillis);
    }

    /** Writes left in the list's current refresh period. */
    private synchronized int remaining(ListKey list, long now) {
        long[] budget = budgets.get(list); // {period ends at, writes used}
        return budget == null || budget[0] <= now ? MAX_WRITES_PER_LIST : (int) (MAX_WRITES_PER_LIST - budget[1]);
    }

    private synchronized void spend(ListKey list, int writes, long now) {
        long[] budget = budgets.get(list);
        if (budget == null || budget[0] <= now) {
            budgets.put(list, new long[] {now + settings.catalogueRefresh().toMillis(), writes});
        } else {
            budget[1] += writes;
        }
    }

    /** The catalogue records of one batch. */
    final class Batch {
        private final long now;
        private final Map<CatalogueRecord, CatalogueRecord> records = new LinkedHashMap<>(); // identity → record
        private final Map<ListKey, Integer> listWrites = new HashMap<>();

        private Batch(long now) {
            this.now = now;
        }

        /** Considers the spans of one trace chunk that arrived at {@code arrivalEpochMillis}. */
        void add(String tenant, List<Span> spans, long arrivalEpochMillis) {
            long expiresAt = settings.expiresAt(arrivalEpochMillis);
            Set<String> services = new HashSet<>();
            // Spans of one request share their Resource instance: look at it once.
            Set<Resource> resources = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Span s : spans) {
                String service = TraceSummarizer.serviceOf(s);
                if (services.add(service)) consider(CatalogueEntry.service(tenant, service, expiresAt), null);
                consider(new CatalogueEntry(tenant, service, IndexedNames.operation(s.name()), s.kind().name(),
                        expiresAt), null);
                for (Attribute a : s.attributes()) {
                    if (a.key().equals(PEER_SERVICE) && a.value() instanceof AnyValue.StringValue peer
                            && !peer.value().isEmpty()) {
                        consider(new RemoteServiceEntry(tenant, service, IndexedNames.service(peer.value()), expiresAt),
                                new ListKey(PEER_SERVICE, tenant, service));
                    }
                    addValue(tenant, a, expiresAt);
                }
                if (!autocompleteKeys.isEmpty() && resources.add(s.resource())) {
                    for (Attribute a : s.resource().attributes()) addValue(tenant, a, expiresAt);
                }
            }
        }

        private void addValue(String tenant, Attribute a, long expiresAt) {
            if (!autocompleteKeys.contains(a.key())) return;
            String value = SearchRows.searchable(a.value());
            // DynamoDB keys cannot be empty, and an empty value autocompletes nothing.
            if (value == null || value.isEmpty()) return;
            consider(new AttributeValueEntry(tenant, a.key(), IndexedNames.attributeValue(value), expiresAt),
                    new ListKey("", tenant, a.key()));
        }

        /** Keeps a record unless a recent write covers it or its list has no writes left. */
        private void consider(CatalogueRecord record, ListKey list) {
            CatalogueRecord identity = record.withoutExpiry();
            if (records.containsKey(identity) || written.isFresh(identity, now)) return;
            if (list != null) {
                int inBatch = listWrites.getOrDefault(list, 0);
                if (inBatch >= remaining(list, now)) return;
                listWrites.put(list, inBatch + 1);
            }
            records.put(identity, record);
        }

        List<CatalogueRecord> records() {
            return List.copyOf(records.values());
        }

        /** Remembers the batch's records once they are stored, so later batches skip them. */
        void stored() {
            long goodUntil = now + settings.catalogueRefresh().toMillis();
            for (CatalogueRecord identity : records.keySet()) written.wrote(identity, goodUntil);
            listWrites.forEach((list, writes) -> spend(list, writes, now));
        }
    }

    /** A capped list: {@code kind} is {@link #PEER_SERVICE} for remote services, empty for values. */
    private record ListKey(String kind, String tenant, String name) {}
}
