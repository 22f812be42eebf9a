package dev.skein.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.skein.model.Hex;
import dev.skein.storage.StoredSummary;
import dev.skein.storage.TraceKey;
import dev.skein.trace.TraceSummary;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A finalized trace's summary as the index table holds it, beside the trace's pointers (same
 * partition key, sort key {@code {high half}#S}). The trace ID lives only in the keys.
 */
final class SummaryItem {
    static final String VERSION = "version";

    static final TableSchema<SummaryItem> SCHEMA = StaticTableSchema.builder(SummaryItem.class)
            .newItemSupplier(SummaryItem::new)
            .addAttribute(String.class, a -> a.name(IndexKeys.PARTITION_KEY)
                    .getter(i -> i.pk).setter((i, v) -> i.pk = v).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(IndexKeys.SORT_KEY)
                    .getter(i -> i.sk).setter((i, v) -> i.sk = v).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name(VERSION)
                    .getter(i -> i.version).setter((i, v) -> i.version = v))
            .addAttribute(String.class, a -> a.name("rootService")
                    .getter(i -> i.rootService).setter((i, v) -> i.rootService = v))
            .addAttribute(String.class, a -> a.name("rootOperation")
                    .getter(i -> i.rootOperation).setter((i, v) -> i.rootOperation = v))
            .addAttribute(String.class, a -> a.name("rootSpanId")
                    .getter(i -> i.rootSpanId).setter((i, v) -> i.rootSpanId = v))
            .addAttribute(Boolean.class, a -> a.name("partial")
                    .getter(i -> i.partial).setter((i, v) -> i.partial = v))
            .addAttribute(Long.class, a -> a.name("start")
                    .getter(i -> i.start).setter((i, v) -> i.start = v))
            .addAttribute(Long.class, a -> a.name("end")
                    .getter(i -> i.end).setter((i, v) -> i.end = v))
            .addAttribute(Integer.class, a -> a.name("spans")
                    .getter(i -> i.spans).setter((i, v) -> i.spans = v))
            .addAttribute(Integer.class, a -> a.name("errors")
                    .getter(i -> i.errors).setter((i, v) -> i.errors = v))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("services")
                    .getter(i -> i.services).setter((i, v) -> i.services = v))
            .addAttribute(Integer.class, a -> a.name("droppedSpans")
                    .getter(i -> i.droppedSpans).setter((i, v) -> i.droppedSpans = v))
            .addAttribute(String.class, a -> a.name("contribution")
                    .getter(i -> i.contribution).setter((i, v) -> i.contribution = v))
            .addAttribute(Long.class, a -> a.name("expiresAt")
                    .getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
            .build();

    String pk;
    String sk;
    String version;
    String rootService;
    String rootOperation;
    String rootSpanId;
    Boolean partial;
    Long start;
    Long end;
    Integer spans;
    Integer errors;
    List<String> services;
    Integer droppedSpans;
    String contribution;
    Long expiresAt;

    static SummaryItem of(StoredSummary stored) {
        TraceSummary summary = stored.summary();
        SummaryItem item = new SummaryItem();
        item.pk = IndexKeys.trace(stored.key());
        item.sk = IndexKeys.summary(stored.summary().traceId().high());
        item.version = stored.version();
        item.rootService = summary.rootService();
        item.rootOperation = summary.rootOperation();
        item.rootSpanId = Hex.spanIdToHex(summary.rootSpanId());
        item.partial = summary.partial();
        item.start = summary.startNanos();
        item.end = summary.endNanos();
        item.spans = summary.spanCount();
        item.errors = summary.errorCount();
        item.services = summary.services();
        item.droppedSpans = summary.droppedSpans();
        item.contribution = ContributionCodec.encode(stored.contribution());
        item.expiresAt = stored.expiresAtEpochSeconds();
        return item;
    }

    StoredSummary toSummary(TraceKey trace) {
        TraceSummary summary = new TraceSummary(trace.traceId(), rootService, rootOperation,
                Hex.parseSpanId(rootSpanId), Boolean.TRUE.equals(partial), start, end, spans,
                errors, services == null ? List.of() : services,
                droppedSpans == null ? 0 : droppedSpans);
        return new StoredSummary(trace.tenant(), summary, version,
                ContributionCodec.decode(contribution, trace), expiresAt);
    }
}
