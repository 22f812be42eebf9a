package dev.skein.aws.dynamodb;

import dev.skein.aws.BatchRetry;
import dev.skein.aws.RetryClock;
import dev.skein.aws.SdkErrors;
import dev.skein.aws.UsageMeter;
import dev.skein.model.TraceId;
import dev.skein.storage.CatalogueEntry;
import dev.skein.storage.CatalogueRecord;
import dev.skein.storage.EdgeCount;
import dev.skein.storage.Finalization;
import dev.skein.storage.FinalizeCommit;
import dev.skein.storage.SearchPageRef;
import dev.skein.storage.StorageException;
import dev.skein.storage.StoredSummary;
import dev.skein.storage.TraceEntries;
import dev.skein.storage.TraceIndex;
import dev.skein.storage.TraceKey;
import dev.skein.storage.TracePointer;
import dev.skein.trace.ServiceEdge;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The trace index in one DynamoDB table with a string partition key {@code pk}, a string sort
 * key {@code sk} and TTL on {@code expiresAt}; docs/storage.md ("The index table") lays out
 * every item kind. Items that have a fixed shape (pointers, summaries, search entries, the
 * catalogue) are mapped by static schemas of the Enhanced client, without reflection; the
 * low-level client does what those cannot say: one query that returns two item kinds (a trace's
 * pointers and its summary), the edges' {@code ADD} updates with one attribute per histogram
 * bucket, and the finalize transaction that mixes both.
 *
 * <p>Every request asks for {@code ReturnConsumedCapacity.TOTAL} and reports it to the {@link
 * UsageMeter}, which is how the cost report measures write units per span.
 *
 * <p>Writes are idempotent: keys are deterministic, batch writes replace whole items, and edge
 * counters change only inside a transaction that is conditional on the summary's version, so a
 * redelivered finalization fails its condition instead of adding twice. The SDK gives each
 * TransactWriteItems call a client request token, which makes its own retries of that call
 * idempotent too.
 */
public final class DynamoTraceIndex implements TraceIndex {
    /** BatchWriteItem takes at most 25 puts per request. */
    static final int BATCH_WRITE_LIMIT = 25;
    static final String QUERY = "Query";
    static final String BATCH_WRITE_ITEM = "BatchWriteItem";
    static final String TRANSACT_WRITE_ITEMS = "TransactWriteItems";
    static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    private static final Comparator<CatalogueEntry> OPERATION_ORDER =
            Comparator.comparing(CatalogueEntry::operation)
                    .thenComparing(CatalogueEntry::spanKind,
                            Comparator.nullsFirst(Comparator.naturalOrder()));

    private final DynamoDbClient client;
    private final String tableName;
    private final UsageMeter meter;
    private final DynamoIndexSettings settings;
    private final BatchRetry batchRetry;
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<PointerItem> pointerTable;
    private final DynamoDbTable<SearchRefItem> searchRefTable;
    private final DynamoDbTable<CatalogueItem> catalogueTable;

    /** With {@link DynamoIndexSettings#defaults()}. */
    public DynamoTraceIndex(DynamoDbClient client, String tableName, UsageMeter meter) {
        this(client, tableName, meter, DynamoIndexSettings.defaults());
    }

    public DynamoTraceIndex(DynamoDbClient client, String tableName, UsageMeter meter,
            DynamoIndexSettings settings) {
        this(client, tableName, meter, settings, RetryClock.system());
    }

    /** As above, with the clock the batch retry loop sleeps on (a fake one in tests). */
    public DynamoTraceIndex(DynamoDbClient client, String tableName, UsageMeter meter,
            DynamoIndexSettings settings, RetryClock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.meter = Objects.requireNonNull(meter, "meter");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.batchRetry = new BatchRetry(settings.batchRetry(), clock);
        // No extensions: the defaults (versioned records, atomic counters) act on schema tags we
        // do not use, and would only add work to every request.
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).extensions().build();
        this.pointerTable = enhanced.table(tableName, PointerItem.SCHEMA);
        this.searchRefTable = enhanced.table(tableName, SearchRefItem.SCHEMA);
        this.catalogueTable = enhanced.table(tableName, CatalogueItem.SCHEMA);
    }

    // ---- writer side

    /**
     * For SnapStart priming: a BatchWriteItem naming this table with no requests, which DynamoDB
     * refuses as invalid (and could not write anything from if it did not).
     *
     * @throws SdkException for any answer but that refusal
     */
    public void sendRefusedWrite() {
        SdkErrors.refusedAsInvalid(Set.of("ValidationException"), () -> client.batchWriteItem(request -> request
                .requestItems(Map.of(tableName, List.of()))));
    }

    @Override
    public void putPointers(List<TracePointer> pointers) {
        batchPut(pointerTable, PointerItem.class, map(pointers, PointerItem::of),
                item -> new ItemKey(item.pk, item.sk), "trace pointers");
    }

    /** @throws IllegalArgumentException for a shard outside {@code 0..searchShards-1} */
    @Override
    public void putSearchRefs(List<SearchPageRef> refs) {
        for (SearchPageRef ref : refs) {
            // A shard the readers do not query would make its traces unsearchable, silently.
            if (ref.shard() < 0 || ref.shard() >= settings.searchShards()) {
                throw new IllegalArgumentException("search shard " + ref.shard()
                        + " is outside 0.." + (settings.searchShards() - 1));
            }
        }
        batchPut(searchRefTable, SearchRefItem.class, map(refs, SearchRefItem::of),
                item -> new ItemKey(item.pk, item.sk), "search entries");
    }

    /** Every kind of catalogue record through one schema, so one batch carries any mix of them. */
    @Override
    public void putCatalogue(List<? extends CatalogueRecord> entries) {
        batchPut(catalogueTable, CatalogueItem.class, map(entries, CatalogueItem::of),
                item -> new ItemKey(item.pk, item.sk), "catalogue entries");
    }

    /**
     * One TransactWriteItems call: a conditional Put per summary and an {@code ADD} update per
     * edge (deltas of the same edge merged first: a transaction may touch an item only once;
     * zero deltas left out).
     *
     * @throws IllegalArgumentException when two finalizations name the same trace
     * @throws StorageException when the transaction fails for any reason other than summary
     *     conditions (a conflicting transaction, throttling, a service error): nothing applied
     */
    @Override
    public Set<TraceKey> commit(FinalizeCommit commit) {
        List<TransactWriteItem> items = new ArrayList<>(commit.size());
        // The trace whose condition guards item i, or null for an edge update.
        List<TraceKey> conditionOf = new ArrayList<>(commit.size());
        Set<TraceKey> finalized = new HashSet<>();
        for (Finalization finalization : commit.finalizations()) {
            TraceKey trace = finalization.summary().key();
            if (!finalized.add(trace)) {
                throw new IllegalArgumentException("the commit finalizes " + trace + " twice");
            }
            items.add(TransactWriteItem.builder().put(summaryPut(finalization)).build());
            conditionOf.add(trace);
        }
        for (EdgeCount delta : mergeByEdge(commit.edgeDeltas())) {
            if (delta.stats().isZero()) {
                continue;
            }
            items.add(TransactWriteItem.builder()
                    .update(EdgeItems.addDelta(tableName, delta, edgeExpiry(delta.edge())))
                    .build());
            conditionOf.add(null);
        }
        if (items.isEmpty()) {
            return Set.of();
        }
        TransactWriteItemsResponse response;
        try {
            response = client.transactWriteItems(request -> request
                    .transactItems(items)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (TransactionCanceledException e) {
            // A cancelled transaction consumes capacity, but its answer does not say how much.
            meter.recordDynamoDbRequest(TRANSACT_WRITE_ITEMS, 0, 0);
            return failedConditions(e, conditionOf);
        } catch (SdkException e) {
            meter.recordDynamoDbRequest(TRANSACT_WRITE_ITEMS, 0, 0);
            throw failure("TransactWriteItems of " + items.size() + " items", e);
        }
        meter.recordDynamoDbRequest(TRANSACT_WRITE_ITEMS, 0,
                Math.max(units(response.consumedCapacity()), ItemSize.transactionWriteUnits(items)));
        return Set.of();
    }

    // ---- reader side

    /**
     * One strongly consistent Query (paginated) on the partition of the trace ID's low half,
     * for the sort keys that start with its high half: the trace's pointers and, when finalized,
     * its summary. Strong consistency costs a read unit per 4 KB instead of half one, and buys
     * that a trace is readable as soon as its first pointer is written, and that the finalizer
     * sees the pointers and summary version that the write before it left.
     */
    @Override
    public TraceEntries trace(TraceKey trace) {
        QueryRequest query = consistentQuery()
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :high)")
                .expressionAttributeNames(Map.of(
                        "#pk", IndexKeys.PARTITION_KEY, "#sk", IndexKeys.SORT_KEY))
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(IndexKeys.trace(trace)),
                        ":high", AttributeValue.fromS(
                                IndexKeys.traceSortPrefix(trace.traceId().high()))))
                .build();
        List<TraceEntries> found = entries(trace.tenant(), trace.traceId().low(),
                queryAll(query, "trace " + trace));
        return found.isEmpty() ? new TraceEntries(trace, List.of(), null) : found.get(0);
    }

    /**
     * One strongly consistent Query (paginated) on the partition of {@code lowHalf}, which holds
     * every trace ID ending in it; grouped by high half, in ascending order (the 64-bit ID first).
     */
    @Override
    public List<TraceEntries> tracesWithLowHalf(String tenant, long lowHalf) {
        String partition = IndexKeys.traces(tenant, lowHalf);
        QueryRequest query = consistentQuery()
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", IndexKeys.PARTITION_KEY))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))
                .build();
        return entries(tenant, lowHalf, queryAll(query, "traces of " + partition));
    }

    private QueryRequest.Builder consistentQuery() {
        return QueryRequest.builder()
                .tableName(tableName)
                .consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    }

    /**
     * The traces that the items of one trace partition hold, in the items' order: sort keys
     * start with the high half, so each trace's items are adjacent and the traces ascending.
     */
    private static List<TraceEntries> entries(String tenant, long lowHalf,
            List<Map<String, AttributeValue>> items) {
        Map<TraceKey, List<TracePointer>> pointers = new LinkedHashMap<>();
        Map<TraceKey, StoredSummary> summaries = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            String sortKey = item.get(IndexKeys.SORT_KEY).s();
            boolean pointer = IndexKeys.isPointer(sortKey);
            if (!pointer && !IndexKeys.isSummary(sortKey)) {
                continue; // an item kind of a newer writer: not ours to read
            }
            TraceKey trace = new TraceKey(tenant, new TraceId(IndexKeys.highHalf(sortKey), lowHalf));
            List<TracePointer> ofTrace = pointers.computeIfAbsent(trace, k -> new ArrayList<>());
            if (pointer) {
                ofTrace.add(PointerItem.SCHEMA.mapToItem(item).toPointer(trace));
            } else {
                summaries.put(trace, SummaryItem.SCHEMA.mapToItem(item).toSummary(trace));
            }
        }
        List<TraceEntries> entries = new ArrayList<>(pointers.size());
        pointers.forEach((trace, ofTrace) ->
                entries.add(new TraceEntries(trace, ofTrace, summaries.get(trace))));
        return entries;
    }

    /** One Query per shard, newest first, merged by sort key descending. */
    @Override
    public List<SearchPageRef> searchRefs(String tenant, String service, long hourEpoch) {
        List<SearchPageRef> refs = new ArrayList<>();
        for (int shard = 0; shard < settings.searchShards(); shard++) {
            String partition = IndexKeys.searchRefs(tenant, hourEpoch, shard, service);
            for (SearchRefItem item : queryItems(searchRefTable, partition, false,
                    Integer.MAX_VALUE, "search entries of " + partition)) {
                refs.add(item.toRef(tenant, service, hourEpoch, shard));
            }
        }
        refs.sort(Comparator.comparing(SearchPageRef::sortKey).reversed());
        return refs;
    }

    /** One Query for at most {@link #MAX_CATALOGUE_VALUES} items (one page, unless they exceed 1 MB). */
    @Override
    public List<String> remoteServices(String tenant, String service) {
        return catalogueValues(IndexKeys.remoteServices(tenant, service));
    }

    /** One Query for at most {@link #MAX_CATALOGUE_VALUES} items (one page, unless they exceed 1 MB). */
    @Override
    public List<String> attributeValues(String tenant, String key) {
        return catalogueValues(IndexKeys.attributeValues(tenant, key));
    }

    /** The sort keys of the first MAX_CATALOGUE_VALUES items of a partition, sorted. */
    private List<String> catalogueValues(String partition) {
        List<String> values = new ArrayList<>();
        for (CatalogueItem item : queryItems(catalogueTable, partition, true,
                MAX_CATALOGUE_VALUES, "catalogue " + partition)) {
            values.add(item.sk);
        }
        // DynamoDB orders by UTF-8 bytes; the port promises String order.
        values.sort(Comparator.naturalOrder());
        return values;
    }

    @Override
    public List<String> services(String tenant) {
        List<String> services = new ArrayList<>();
        String partition = IndexKeys.services(tenant);
        for (CatalogueItem item : queryItems(catalogueTable, partition, true, Integer.MAX_VALUE,
                "services of tenant " + tenant)) {
            services.add(item.service);
        }
        services.sort(Comparator.naturalOrder());
        return services;
    }

    @Override
    public List<CatalogueEntry> operations(String tenant, String service) {
        List<CatalogueEntry> operations = new ArrayList<>();
        String partition = IndexKeys.operations(tenant, service);
        for (CatalogueItem item : queryItems(catalogueTable, partition, true, Integer.MAX_VALUE,
                "operations of " + partition)) {
            operations.add(item.toEntry(tenant));
        }
        operations.sort(OPERATION_ORDER);
        return operations;
    }

    /**
     * One Query per hour partition in the range, each a BETWEEN on the minute prefix of the
     * sort key. Edges whose counts have all come back to zero (every trace that counted them
     * was re-finalized without them) are left out.
     */
    @Override
    public List<EdgeCount> edges(String tenant, long fromMinute, long toMinute) {
        List<EdgeCount> edges = new ArrayList<>();
        if (fromMinute > toMinute) {
            return edges;
        }
        IndexKeys.requireTenant(tenant);
        for (long hour = IndexKeys.hourOfMinute(fromMinute);
                hour <= IndexKeys.hourOfMinute(toMinute); hour++) {
            long first = Math.max(fromMinute, hour * 60);
            long last = Math.min(toMinute, hour * 60 + 59);
            String partition = IndexKeys.edges(tenant, hour);
            QueryRequest query = QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :first AND :afterLast")
                    .expressionAttributeNames(Map.of(
                            "#pk", IndexKeys.PARTITION_KEY, "#sk", IndexKeys.SORT_KEY))
                    .expressionAttributeValues(Map.of(
                            ":pk", AttributeValue.fromS(partition),
                            // Every key of minute m sorts after minute(m), and every key of the
                            // last minute before minute(last + 1).
                            ":first", AttributeValue.fromS(IndexKeys.minute(first)),
                            ":afterLast", AttributeValue.fromS(IndexKeys.minute(last + 1))))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .build();
            for (Map<String, AttributeValue> item : queryAll(query, "edges of " + partition)) {
                EdgeCount edge = EdgeItems.toEdgeCount(tenant, item);
                if (!edge.stats().isZero()) {
                    edges.add(edge);
                }
            }
        }
        edges.sort(Comparator.comparing(EdgeCount::edge));
        return edges;
    }

    // ---- requests

    /**
     * Writes {@code items} in BatchWriteItem calls of at most {@value #BATCH_WRITE_LIMIT},
     * each retried for its unprocessed items. Items with the same key are written once (the
     * last one wins): DynamoDB rejects a whole batch that names one key twice.
     */
    private <T> void batchPut(DynamoDbTable<T> table, Class<T> type, List<T> items,
            Function<T, ItemKey> keyOf, String what) {
        Map<ItemKey, T> unique = new LinkedHashMap<>();
        for (T item : items) {
            unique.put(keyOf.apply(item), item);
        }
        List<T> all = new ArrayList<>(unique.values());
        String description = what + " in DynamoDB table " + tableName;
        for (int from = 0; from < all.size(); from += BATCH_WRITE_LIMIT) {
            List<T> batch = all.subList(from, Math.min(all.size(), from + BATCH_WRITE_LIMIT));
            batchRetry.sendAll(batch, description, pending -> writeBatch(table, type, pending));
        }
    }

    private <T> BatchRetry.Rejected<T> writeBatch(DynamoDbTable<T> table, Class<T> type,
            List<T> pending) {
        WriteBatch.Builder<T> batch = WriteBatch.builder(type).mappedTableResource(table);
        for (T item : pending) {
            batch.addPutItem(item);
        }
        BatchWriteResult result;
        try {
            result = enhanced.batchWriteItem(BatchWriteItemEnhancedRequest.builder()
                    .writeBatches(batch.build())
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .build());
        } catch (SdkException e) {
            meter.recordDynamoDbRequest(BATCH_WRITE_ITEM, 0, 0);
            throw e; // BatchRetry decides whether it is worth another attempt
        }
        meter.recordDynamoDbRequest(BATCH_WRITE_ITEM, 0, units(result.consumedCapacity()));
        return new BatchRetry.Rejected<>(result.unprocessedPutItemsForTable(table), null);
    }

    /**
     * The first {@code maxItems} items of one partition (every item for {@code
     * Integer.MAX_VALUE}) through the Enhanced client, one metered request per page.
     */
    private <T> List<T> queryItems(DynamoDbTable<T> table, String partition, boolean ascending,
            int maxItems, String what) {
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(partition).build()))
                .scanIndexForward(ascending)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        if (maxItems < Integer.MAX_VALUE) {
            request.limit(maxItems);
        }
        List<T> items = new ArrayList<>();
        try {
            // The iterable sends one Query per page, as the iteration reaches it.
            for (Page<T> page : table.query(request.build())) {
                meter.recordDynamoDbRequest(QUERY, units(page.consumedCapacity()), 0);
                List<T> found = page.items();
                items.addAll(found.subList(0, Math.min(found.size(), maxItems - items.size())));
                if (items.size() == maxItems) {
                    break;
                }
            }
        } catch (SdkException e) {
            meter.recordDynamoDbRequest(QUERY, 0, 0);
            throw failure("Query of " + what, e);
        }
        return items;
    }

    /** Every item {@code query} matches, following LastEvaluatedKey, one metered request per page. */
    private List<Map<String, AttributeValue>> queryAll(QueryRequest query, String what) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse response;
            try {
                response = client.query(startKey == null ? query
                        : query.toBuilder().exclusiveStartKey(startKey).build());
            } catch (SdkException e) {
                meter.recordDynamoDbRequest(QUERY, 0, 0);
                throw failure("Query of " + what, e);
            }
            meter.recordDynamoDbRequest(QUERY, units(response.consumedCapacity()), 0);
            items.addAll(response.items());
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (startKey != null);
        return items;
    }

    private Put summaryPut(Finalization finalization) {
        Put.Builder put = Put.builder()
                .tableName(tableName)
                .item(SummaryItem.SCHEMA.itemToMap(SummaryItem.of(finalization.summary()), true));
        if (finalization.expectedVersion() == null) {
            put.conditionExpression("attribute_not_exists(" + IndexKeys.PARTITION_KEY + ")");
        } else {
            put.conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", SummaryItem.VERSION))
                    .expressionAttributeValues(Map.of(
                            ":expected", AttributeValue.fromS(finalization.expectedVersion())));
        }
        return put.build();
    }

    /**
     * The traces whose summary condition failed. DynamoDB gives one reason per item, in request
     * order ({@code None} for items that were fine).
     *
     * @throws StorageException when any item failed for another reason (a conflicting
     *     transaction, throttling), or no reason names a summary: the caller retries later
     */
    private Set<TraceKey> failedConditions(TransactionCanceledException e,
            List<TraceKey> conditionOf) {
        List<CancellationReason> reasons =
                e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        Set<TraceKey> failed = new LinkedHashSet<>();
        List<String> otherReasons = new ArrayList<>();
        for (int i = 0; i < reasons.size(); i++) {
            String code = reasons.get(i).code();
            if (code == null || code.equals("None")) {
                continue;
            }
            TraceKey trace = i < conditionOf.size() ? conditionOf.get(i) : null;
            if (code.equals(CONDITIONAL_CHECK_FAILED) && trace != null) {
                failed.add(trace);
            } else {
                otherReasons.add("item " + i + " " + code);
            }
        }
        if (!otherReasons.isEmpty() || failed.isEmpty()) {
            throw new StorageException("TransactWriteItems on DynamoDB table " + tableName
                    + " cancelled, nothing applied: " + (otherReasons.isEmpty()
                            ? e.getMessage() : String.join(", ", otherReasons)), e);
        }
        return Set.copyOf(failed);
    }

    /**
     * An edge lives {@code edgeRetention} after the end of its minute. Derived from the minute,
     * not from the clock, so every write of one edge sets the same value.
     */
    private long edgeExpiry(ServiceEdge edge) {
        return (edge.minuteEpoch() + 1) * 60 + settings.edgeRetention().toSeconds();
    }

    private StorageException failure(String request, SdkException e) {
        // SDK messages carry the status, error code and request ID, never credentials.
        return new StorageException(request + " in DynamoDB table " + tableName + " failed: "
                + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private static Collection<EdgeCount> mergeByEdge(List<EdgeCount> deltas) {
        Map<EdgeKey, EdgeCount> merged = new LinkedHashMap<>();
        for (EdgeCount delta : deltas) {
            merged.merge(new EdgeKey(delta.tenant(), delta.edge()), delta, (a, b) ->
                    new EdgeCount(a.tenant(), a.edge(), a.stats().plus(b.stats())));
        }
        return merged.values();
    }

    /** Capacity units of one response; null (none reported) counts as 0. */
    static double units(ConsumedCapacity capacity) {
        if (capacity == null) {
            return 0;
        }
        if (capacity.capacityUnits() != null) {
            return capacity.capacityUnits();
        }
        double read = capacity.readCapacityUnits() == null ? 0 : capacity.readCapacityUnits();
        double write = capacity.writeCapacityUnits() == null ? 0 : capacity.writeCapacityUnits();
        return read + write;
    }

    static double units(List<ConsumedCapacity> capacities) {
        double total = 0;
        if (capacities != null) {
            for (ConsumedCapacity capacity : capacities) {
                total += units(capacity);
            }
        }
        return total;
    }

    private static <A, B> List<B> map(List<A> values, Function<A, B> mapping) {
        List<B> mapped = new ArrayList<>(values.size());
        for (A value : values) {
            mapped.add(mapping.apply(value));
        }
        return mapped;
    }

    private record ItemKey(String partition, String sort) {
    }

    private record EdgeKey(String tenant, ServiceEdge edge) {
    }
}
