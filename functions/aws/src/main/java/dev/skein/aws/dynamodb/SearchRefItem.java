package dev.skein.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.skein.storage.SearchPageRef;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A search page entry as the index table holds it. Tenant, service, hour and shard live only in
 * the partition key: the reader knows them, since it queried that key.
 */
final class SearchRefItem {
    static final TableSchema<SearchRefItem> SCHEMA = StaticTableSchema.builder(SearchRefItem.class)
            .newItemSupplier(SearchRefItem::new)
            .addAttribute(String.class, a -> a.name(IndexKeys.PARTITION_KEY)
                    .getter(i -> i.pk).setter((i, v) -> i.pk = v).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(IndexKeys.SORT_KEY)
                    .getter(i -> i.sk).setter((i, v) -> i.sk = v).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("pageKey")
                    .getter(i -> i.pageKey).setter((i, v) -> i.pageKey = v))
            .addAttribute(Integer.class, a -> a.name("traces")
                    .getter(i -> i.traces).setter((i, v) -> i.traces = v))
            .addAttribute(Long.class, a -> a.name("minStart")
                    .getter(i -> i.minStart).setter((i, v) -> i.minStart = v))
            .addAttribute(Long.class, a -> a.name("maxEnd")
                    .getter(i -> i.maxEnd).setter((i, v) -> i.maxEnd = v))
            .addAttribute(Long.class, a -> a.name("expiresAt")
                    .getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
            .build();

    String pk;
    String sk;
    String pageKey;
    Integer traces;
    Long minStart;
    Long maxEnd;
    Long expiresAt;

    static SearchRefItem of(SearchPageRef ref) {
        SearchRefItem item = new SearchRefItem();
        item.pk = IndexKeys.searchRefs(ref.tenant(), ref.hourEpoch(), ref.shard(), ref.service());
        item.sk = ref.sortKey();
        item.pageKey = ref.pageKey();
        item.traces = ref.traceCount();
        item.minStart = ref.minStartNanos();
        item.maxEnd = ref.maxEndNanos();
        item.expiresAt = ref.expiresAtEpochSeconds();
        return item;
    }

    SearchPageRef toRef(String tenant, String service, long hourEpoch, int shard) {
        return new SearchPageRef(tenant, service, hourEpoch, shard, sk, pageKey, traces, minStart,
                maxEnd, expiresAt);
    }
}
