package dev.skein.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.aws.AwsTarget;
import dev.skein.aws.StorageProvisioning;
import dev.skein.aws.UsageMeter;
import dev.skein.aws.UsageSnapshot;
import dev.skein.model.TraceId;
import dev.skein.storage.AttributeValueEntry;
import dev.skein.storage.CatalogueEntry;
import dev.skein.storage.EdgeCount;
import dev.skein.storage.Finalization;
import dev.skein.storage.FinalizeCommit;
import dev.skein.storage.RemoteServiceEntry;
import dev.skein.storage.SearchPageRef;
import dev.skein.storage.StoredSummary;
import dev.skein.storage.TraceEntries;
import dev.skein.storage.TraceKey;
import dev.skein.storage.TracePointer;
import dev.skein.trace.EdgeStats;
import dev.skein.trace.LatencyHistogram;
import dev.skein.trace.ServiceEdge;
import dev.skein.trace.TraceSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The index adapter against DynamoDB Local (or the endpoint in SKEIN_AWS_ENDPOINT). Each test
 * uses a tenant of its own, so the tests share one table without seeing each other's items.
 */
class DynamoTraceIndexIT {
    private static final long EXPIRES_AT = 1_900_000_000L;
    /**
     * The start of the current hour, in epoch minutes: edges expire a retention period after
     * their minute, and DynamoDB Local's TTL sweeper would delete items of a long-past minute
     * in the middle of a test.
     */
    private static final long MINUTE = System.currentTimeMillis() / 3_600_000L * 60;
    private static final AtomicLong TENANTS = new AtomicLong();

    private static AwsTarget target;
    private static String table;

    private UsageMeter meter;
    private DynamoTraceIndex index;
    private String tenant;

    @BeforeAll
    static void startDynamoDb() {
        target = AwsTarget.dynamoDb();
        table = AwsTarget.uniqueName("index");
        StorageProvisioning.createTableIfMissing(target.clients().dynamoDb(), table,
                Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopDynamoDb() {
        if (target != null) {
            target.close();
        }
    }

    @BeforeEach
    void newIndex() {
        meter = new UsageMeter();
        index = new DynamoTraceIndex(target.clients().dynamoDb(), table, meter);
        tenant = "tenant" + TENANTS.incrementAndGet();
    }

    @Test
    void createTableIfMissing_whenCalledAgain_keepsTheTableWithTtlOnExpiresAt() {
        StorageProvisioning.createTableIfMissing(target.clients().dynamoDb(), table,
                Duration.ofSeconds(60));

        var ttl = target.clients().dynamoDb().describeTimeToLive(r -> r.tableName(table))
                .timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void trace_returnsPointersAndSummaryFromOneQuery() {
        TraceKey trace = trace(1);
        TracePointer first = pointer(trace, "tenant=x/batch-1.gz", 0);
        TracePointer second = pointer(trace, "tenant=x/batch-2.gz", 4_096);
        index.putPointers(List.of(first, second));
        StoredSummary summary = summary(trace, "v1", Map.of(
                new ServiceEdge(MINUTE, "frontend", "checkout"), stats(3, 1, 2_000_000L),
                new ServiceEdge(MINUTE + 1, "checkout", "postgres"), stats(2, 0, 500_000L)));
        assertThat(index.commit(commit(new Finalization(summary, null)))).isEmpty();

        UsageSnapshot before = meter.snapshot();
        TraceEntries entries = index.trace(trace);

        assertThat(entries.trace()).isEqualTo(trace);
        assertThat(entries.pointers()).containsExactlyInAnyOrder(first, second);
        assertThat(entries.summary()).isEqualTo(summary);
        UsageSnapshot used = meter.snapshot().minus(before);
        assertThat(used.dynamoDbRequests()).containsExactly(Map.entry("Query", 1L));
        // A strongly consistent read of three small items: one unit per 4 KB.
        assertThat(used.dynamoDbReadUnits()).isEqualTo(1.0);
    }

    @Test
    void trace_whenThePartitionExceedsOneQueryPage_followsTheContinuation() {
        TraceKey trace = trace(6);
        // Four items of about 300 KB: more than the 1 MB DynamoDB returns per Query page.
        List<String> manyServices = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            manyServices.add(String.format("service-%090d", i));
        }
        List<TracePointer> pointers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pointers.add(new TracePointer(trace, "batch-" + i + ".gz", 0, 10, 1, 1, 2, 0,
                    manyServices, 3, EXPIRES_AT));
        }
        index.putPointers(pointers);
        StoredSummary summary = summary(trace, "v1", Map.of());
        index.commit(commit(new Finalization(summary, null)));

        UsageSnapshot before = meter.snapshot();
        TraceEntries entries = index.trace(trace);

        assertThat(meter.snapshot().minus(before).dynamoDbRequests("Query")).isGreaterThan(1);
        assertThat(entries.pointers()).containsExactlyInAnyOrderElementsOf(pointers);
        assertThat(entries.summary()).isEqualTo(summary);
    }

    @Test
    void items_areKeyedByTheLowHalf_withTheHighHalfLeadingTheSortKey() {
        TraceKey trace = new TraceKey(tenant, TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736"));
        index.putPointers(List.of(pointer(trace, "tenant=x/b.gz", 512)));
        index.commit(commit(new Finalization(summary(trace, "v1", Map.of()), null)));

        String partition = "T#" + tenant + "#a3ce929d0e0e4736";
        assertThat(item(partition, "4bf92f3577b34da6#P#tenant=x/b.gz#512")).containsKey("objectKey");
        assertThat(item(partition, "4bf92f3577b34da6#S")).containsEntry("version", AttributeValue.fromS("v1"));
    }

    @Test
    void tracesWithLowHalf_isOneQuery_groupedByHighHalfInUnsignedOrder() {
        long low = 0xa3ce929d0e0e4736L;
        TraceKey short64 = new TraceKey(tenant, new TraceId(0, low));
        TraceKey long128 = new TraceKey(tenant, new TraceId(0x4bf92f3577b34da6L, low));
        TraceKey highBit = new TraceKey(tenant, new TraceId(0xc0ffee0000000001L, low));
        TraceKey otherLow = new TraceKey(tenant, new TraceId(0x4bf92f3577b34da6L, low + 1));
        index.putPointers(List.of(pointer(highBit, "b.gz", 0), pointer(long128, "b.gz", 100),
                pointer(long128, "c.gz", 0), pointer(short64, "b.gz", 200), pointer(otherLow, "b.gz", 300)));
        StoredSummary longSummary = summary(long128, "v1", Map.of());
        index.commit(commit(new Finalization(longSummary, null)));

        UsageSnapshot before = meter.snapshot();
        List<TraceEntries> found = index.tracesWithLowHalf(tenant, low);

        assertThat(meter.snapshot().minus(before).dynamoDbRequests()).containsExactly(Map.entry("Query", 1L));
        assertThat(found).extracting(TraceEntries::trace).containsExactly(short64, long128, highBit);
        assertThat(found.get(0).pointers()).containsExactly(pointer(short64, "b.gz", 200));
        assertThat(found.get(0).summary()).isNull();
        assertThat(found.get(1).pointers()).containsExactlyInAnyOrder(
                pointer(long128, "b.gz", 100), pointer(long128, "c.gz", 0));
        assertThat(found.get(1).summary()).isEqualTo(longSummary);
        assertThat(index.tracesWithLowHalf(tenant + "other", low)).isEmpty();

        before = meter.snapshot();
        TraceEntries one = index.trace(long128);
        assertThat(meter.snapshot().minus(before).dynamoDbRequests()).containsExactly(Map.entry("Query", 1L));
        assertThat(one.pointers()).hasSize(2);
        assertThat(index.trace(short64).pointers()).containsExactly(pointer(short64, "b.gz", 200));
    }

    @Test
    void trace_whenNothingStored_isEmpty() {
        assertThat(index.trace(trace(2)).isEmpty()).isTrue();
    }

    @Test
    void trace_ofAnotherTenant_seesNothing() {
        TraceKey trace = trace(3);
        index.putPointers(List.of(pointer(trace, "batch.gz", 0)));

        TraceKey sameIdOtherTenant = new TraceKey(tenant + "other", trace.traceId());
        assertThat(index.trace(sameIdOtherTenant).isEmpty()).isTrue();
    }

    @Test
    void putPointers_withMoreThanOneBatchAndDuplicates_storesEachOnceAndCountsWriteUnits() {
        TraceKey trace = trace(4);
        List<TracePointer> pointers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            pointers.add(pointer(trace, "batch-" + i + ".gz", i * 100L));
        }
        List<TracePointer> withDuplicates = new ArrayList<>(pointers);
        withDuplicates.addAll(pointers.subList(0, 5)); // a retried batch, in the same call

        UsageSnapshot before = meter.snapshot();
        index.putPointers(withDuplicates);

        UsageSnapshot used = meter.snapshot().minus(before);
        assertThat(used.dynamoDbRequests("BatchWriteItem")).isEqualTo(3); // 25 + 25 + 10
        // Each pointer is under 1 KB: one write unit each, none for the duplicates.
        assertThat(used.dynamoDbWriteUnits()).isEqualTo(60.0);
        assertThat(index.trace(trace).pointers()).containsExactlyInAnyOrderElementsOf(pointers);
    }

    @Test
    void putPointers_whenWrittenAgain_replacesNotDuplicates() {
        TraceKey trace = trace(5);
        TracePointer pointer = pointer(trace, "batch.gz", 10);

        index.putPointers(List.of(pointer));
        index.putPointers(List.of(pointer));

        assertThat(index.trace(trace).pointers()).containsExactly(pointer);
    }

    @Test
    void searchRefs_mergesAllShardsNewestFirst() {
        long hour = MINUTE / 60;
        index.putSearchRefs(List.of(
                ref("checkout", hour, 0, "0003"),
                ref("checkout", hour, 1, "0005"),
                ref("checkout", hour, 2, "0001"),
                ref("checkout", hour, 3, "0004"),
                ref("checkout", hour, 1, "0002"),
                ref("checkout", hour + 1, 0, "0009"), // another hour
                ref("frontend", hour, 0, "0008"),     // another service
                ref(SearchPageRef.ANY_SERVICE, hour, 2, "0007")));

        List<SearchPageRef> refs = index.searchRefs(tenant, "checkout", hour);

        assertThat(refs).extracting(SearchPageRef::sortKey)
                .containsExactly("0005", "0004", "0003", "0002", "0001");
        assertThat(refs.get(0)).isEqualTo(ref("checkout", hour, 1, "0005"));
        assertThat(index.searchRefs(tenant, SearchPageRef.ANY_SERVICE, hour))
                .containsExactly(ref(SearchPageRef.ANY_SERVICE, hour, 2, "0007"));
        assertThat(index.searchRefs(tenant, "checkout", hour + 2)).isEmpty();
    }

    @Test
    void searchRefs_queriesOncePerShard() {
        UsageSnapshot before = meter.snapshot();

        index.searchRefs(tenant, "checkout", 1);

        assertThat(meter.snapshot().minus(before).dynamoDbRequests("Query"))
                .isEqualTo(dev.skein.assembly.PipelineSettings.DEFAULTS.searchShards());
    }

    @Test
    void putSearchRefs_whenShardOutsideTheConfiguredRange_throws() {
        assertThatThrownBy(() -> index.putSearchRefs(List.of(ref("checkout", 1, 4, "0001"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shard 4");
    }

    @Test
    void catalogue_returnsServicesSortedAndOperationsByNameThenKind() {
        index.putCatalogue(List.of(
                CatalogueEntry.service(tenant, "payments", EXPIRES_AT),
                CatalogueEntry.service(tenant, "checkout", EXPIRES_AT),
                CatalogueEntry.service(tenant, "ad-service", EXPIRES_AT),
                operation("checkout", "POST /cart", "SERVER"),
                operation("checkout", "GET /cart", "SERVER"),
                operation("checkout", "GET /cart", "CLIENT"),
                operation("checkout", "charge", "INTERNAL"),
                operation("payments", "authorize", "SERVER"),
                CatalogueEntry.service(tenant, "checkout", EXPIRES_AT))); // duplicate

        assertThat(index.services(tenant)).containsExactly("ad-service", "checkout", "payments");
        assertThat(index.operations(tenant, "checkout")).containsExactly(
                operation("checkout", "GET /cart", "CLIENT"),
                operation("checkout", "GET /cart", "SERVER"),
                operation("checkout", "POST /cart", "SERVER"),
                operation("checkout", "charge", "INTERNAL"));
        assertThat(index.operations(tenant, "unknown")).isEmpty();
        assertThat(index.services(tenant + "other")).isEmpty();
    }

    @Test
    void remoteServicesAndAttributeValues_areOneQueryEach_sorted_perTenant() {
        index.putCatalogue(List.of(
                new RemoteServiceEntry(tenant, "checkout", "payments", EXPIRES_AT),
                new RemoteServiceEntry(tenant, "checkout", "cart-db", EXPIRES_AT),
                new RemoteServiceEntry(tenant, "frontend", "checkout", EXPIRES_AT),
                new AttributeValueEntry(tenant, "http.route", "/pay", EXPIRES_AT),
                new AttributeValueEntry(tenant, "http.route", "/cart", EXPIRES_AT),
                new AttributeValueEntry(tenant, "http.method", "GET", EXPIRES_AT),
                CatalogueEntry.service(tenant, "checkout", EXPIRES_AT),
                new AttributeValueEntry(tenant, "http.route", "/cart", EXPIRES_AT))); // duplicate

        UsageSnapshot before = meter.snapshot();
        assertThat(index.remoteServices(tenant, "checkout")).containsExactly("cart-db", "payments");
        assertThat(index.attributeValues(tenant, "http.route")).containsExactly("/cart", "/pay");
        assertThat(meter.snapshot().minus(before).dynamoDbRequests()).containsExactly(Map.entry("Query", 2L));
        assertThat(index.remoteServices(tenant, "frontend")).containsExactly("checkout");
        assertThat(index.attributeValues(tenant, "http.method")).containsExactly("GET");
        assertThat(index.services(tenant)).containsExactly("checkout");
        assertThat(index.remoteServices(tenant + "other", "checkout")).isEmpty();
        assertThat(index.attributeValues(tenant + "other", "http.route")).isEmpty();
        assertThat(item("R#" + tenant + "#checkout", "payments")).containsKey("expiresAt");
        assertThat(item("V#" + tenant + "#http.route", "/pay")).containsKey("expiresAt");
    }

    @Test
    void commit_appliesSummaryAndAddsEdgeCounts() {
        TraceKey first = trace(10);
        TraceKey second = trace(11);
        ServiceEdge edge = new ServiceEdge(MINUTE + 5, "frontend", "checkout");
        EdgeStats fromFirst = stats(2, 1, 3_000_000L);
        EdgeStats fromSecond = stats(1, 0, 3_000_000L).plus(stats(1, 0, 90_000_000L));

        UsageSnapshot before = meter.snapshot();
        assertThat(index.commit(new FinalizeCommit(
                List.of(new Finalization(summary(first, "a", Map.of(edge, fromFirst)), null)),
                List.of(new EdgeCount(tenant, edge, fromFirst))))).isEmpty();
        assertThat(index.commit(new FinalizeCommit(
                List.of(new Finalization(summary(second, "b", Map.of(edge, fromSecond)), null)),
                List.of(new EdgeCount(tenant, edge, fromSecond))))).isEmpty();

        UsageSnapshot used = meter.snapshot().minus(before);
        assertThat(used.dynamoDbRequests()).containsExactly(Map.entry("TransactWriteItems", 2L));
        // Transactional writes cost two units per KB: a summary and an edge per commit.
        assertThat(used.dynamoDbWriteUnits()).isEqualTo(8.0);
        assertThat(index.edges(tenant, MINUTE, MINUTE + 59))
                .containsExactly(new EdgeCount(tenant, edge, fromFirst.plus(fromSecond)));
        assertThat(index.trace(first).summary().version()).isEqualTo("a");
        assertThat(index.trace(second).summary().contribution()).isEqualTo(Map.of(edge, fromSecond));
    }

    @Test
    void commit_whenExpectedVersionIsStale_returnsThatTraceAndChangesNothing() {
        TraceKey trace = trace(20);
        TraceKey bystander = trace(21);
        ServiceEdge edge = new ServiceEdge(MINUTE, "frontend", "checkout");
        EdgeStats counted = stats(1, 0, 1_000_000L);
        StoredSummary v1 = summary(trace, "v1", Map.of(edge, counted));
        assertThat(index.commit(new FinalizeCommit(List.of(new Finalization(v1, null)),
                List.of(new EdgeCount(tenant, edge, counted))))).isEmpty();

        // A second finalizer that read before v1 was written, bundled with another trace.
        StoredSummary stale = summary(trace, "v2", Map.of(edge, stats(5, 5, 1_000_000L)));
        StoredSummary other = summary(bystander, "w1", Map.of(edge, counted));
        Set<TraceKey> failed = index.commit(new FinalizeCommit(
                List.of(new Finalization(stale, "v0"), new Finalization(other, null)),
                List.of(new EdgeCount(tenant, edge, stats(5, 5, 1_000_000L).plus(counted)))));

        assertThat(failed).containsExactly(trace);
        assertThat(index.trace(trace).summary()).isEqualTo(v1);
        assertThat(index.trace(bystander).summary()).isNull();
        assertThat(index.edges(tenant, MINUTE, MINUTE))
                .containsExactly(new EdgeCount(tenant, edge, counted));
    }

    @Test
    void commit_whenSummaryExistsButNoneExpected_returnsThatTrace() {
        TraceKey trace = trace(22);
        StoredSummary v1 = summary(trace, "v1", Map.of());
        assertThat(index.commit(commit(new Finalization(v1, null)))).isEmpty();

        // A redelivered timer: the same first finalization again.
        assertThat(index.commit(commit(new Finalization(v1, null)))).containsExactly(trace);
    }

    @Test
    void commit_withNegativeDeltas_subtractsAndHidesEdgesThatReachZero() {
        TraceKey trace = trace(30);
        ServiceEdge kept = new ServiceEdge(MINUTE + 1, "frontend", "checkout");
        ServiceEdge dropped = new ServiceEdge(MINUTE + 2, "checkout", "redis");
        EdgeStats keptV1 = stats(3, 1, 2_000_000L);
        EdgeStats droppedV1 = stats(1, 0, 400_000L);
        StoredSummary v1 = summary(trace, "v1", Map.of(kept, keptV1, dropped, droppedV1));
        assertThat(index.commit(new FinalizeCommit(List.of(new Finalization(v1, null)), List.of(
                new EdgeCount(tenant, kept, keptV1),
                new EdgeCount(tenant, dropped, droppedV1))))).isEmpty();

        // Late spans: v2 counts the kept edge once less and no longer has the dropped one.
        EdgeStats keptV2 = stats(2, 0, 2_000_000L);
        StoredSummary v2 = summary(trace, "v2", Map.of(kept, keptV2));
        assertThat(index.commit(new FinalizeCommit(List.of(new Finalization(v2, "v1")), List.of(
                new EdgeCount(tenant, kept, keptV2.minus(keptV1)),
                new EdgeCount(tenant, dropped, EdgeStats.ZERO.minus(droppedV1)))))).isEmpty();

        assertThat(index.edges(tenant, MINUTE, MINUTE + 59))
                .containsExactly(new EdgeCount(tenant, kept, keptV2));
        assertThat(index.trace(trace).summary()).isEqualTo(v2);
    }

    @Test
    void commit_withDeltasOfOneEdgeTwice_mergesThem() {
        ServiceEdge edge = new ServiceEdge(MINUTE, "a", "b");

        index.commit(new FinalizeCommit(List.of(), List.of(
                new EdgeCount(tenant, edge, stats(1, 0, 1_000L)),
                new EdgeCount(tenant, edge, stats(1, 1, 1_000L)))));

        assertThat(index.edges(tenant, MINUTE, MINUTE))
                .containsExactly(new EdgeCount(tenant, edge, stats(1, 0, 1_000L)
                        .plus(stats(1, 1, 1_000L))));
    }

    @Test
    void commit_whenEmpty_sendsNoRequest() {
        UsageSnapshot before = meter.snapshot();

        assertThat(index.commit(new FinalizeCommit(List.of(), List.of()))).isEmpty();
        assertThat(index.commit(new FinalizeCommit(List.of(), List.of(
                new EdgeCount(tenant, new ServiceEdge(MINUTE, "a", "b"), EdgeStats.ZERO)))))
                .isEmpty();

        assertThat(meter.snapshot().minus(before)).isEqualTo(UsageSnapshot.ZERO);
    }

    @Test
    void edges_acrossHours_returnsOnlyTheMinutesAskedFor() {
        ServiceEdge before = new ServiceEdge(MINUTE + 29, "a", "b");
        ServiceEdge first = new ServiceEdge(MINUTE + 30, "a", "b");
        ServiceEdge lastOfHour = new ServiceEdge(MINUTE + 59, "ab", "c");
        ServiceEdge nextHour = new ServiceEdge(MINUTE + 60, "a", "bc");
        ServiceEdge last = new ServiceEdge(MINUTE + 90, "a", "b");
        ServiceEdge after = new ServiceEdge(MINUTE + 91, "a", "b");
        List<EdgeCount> deltas = new ArrayList<>();
        for (ServiceEdge edge : List.of(before, first, lastOfHour, nextHour, last, after)) {
            deltas.add(new EdgeCount(tenant, edge, stats(1, 0, 5_000_000L)));
        }
        index.commit(new FinalizeCommit(List.of(), deltas));

        UsageSnapshot used = meter.snapshot();
        List<EdgeCount> edges = index.edges(tenant, MINUTE + 30, MINUTE + 90);

        assertThat(edges).extracting(EdgeCount::edge)
                .containsExactly(first, lastOfHour, nextHour, last);
        assertThat(meter.snapshot().minus(used).dynamoDbRequests("Query")).isEqualTo(2);
        assertThat(index.edges(tenant, MINUTE + 90, MINUTE + 30)).isEmpty();
    }

    @Test
    void newIndex_whenTenantContainsTheKeySeparator_isRejected() {
        assertThatThrownBy(() -> index.services("a#b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** One item as the table holds it, read by the documented keys. */
    private static Map<String, AttributeValue> item(String partition, String sort) {
        return target.clients().dynamoDb().getItem(request -> request.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(partition), "sk", AttributeValue.fromS(sort)))).item();
    }

    private TraceKey trace(long low) {
        return new TraceKey(tenant, new TraceId(0x4bf92f3577b34da6L, low));
    }

    private static TracePointer pointer(TraceKey trace, String objectKey, long offset) {
        return new TracePointer(trace, objectKey, offset, 1_234, 7, 1_700_000_000_000_000_000L,
                1_700_000_000_500_000_000L, 1, List.of("frontend", "checkout"),
                1_700_000_001_000L, EXPIRES_AT);
    }

    private StoredSummary summary(TraceKey trace, String version,
            Map<ServiceEdge, EdgeStats> contribution) {
        TraceSummary summary = new TraceSummary(trace.traceId(), "frontend", "GET /checkout",
                0x00f067aa0ba902b7L, false, 1_700_000_000_000_000_000L,
                1_700_000_000_500_000_000L, 12, 1, List.of("checkout", "frontend"), 0);
        return new StoredSummary(tenant, summary, version, contribution, EXPIRES_AT);
    }

    private SearchPageRef ref(String service, long hour, int shard, String sortKey) {
        return new SearchPageRef(tenant, service, hour, shard, sortKey,
                "tenant=x/search/" + sortKey + ".gz", 40, 1_700_000_000_000_000_000L,
                1_700_000_003_000_000_000L, EXPIRES_AT);
    }

    private CatalogueEntry operation(String service, String operation, String kind) {
        return new CatalogueEntry(tenant, service, operation, kind, EXPIRES_AT);
    }

    private static FinalizeCommit commit(Finalization finalization) {
        return new FinalizeCommit(List.of(finalization), List.of());
    }

    private static EdgeStats stats(long calls, long errors, long durationNanos) {
        EdgeStats stats = EdgeStats.ZERO;
        for (long i = 0; i < calls; i++) {
            stats = stats.plus(EdgeStats.ofCall(durationNanos, i < errors));
        }
        return stats;
    }
}
