package dev.skein.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.skein.storage.TraceKey;
import dev.skein.storage.TracePointer;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A trace pointer as the index table holds it; mapped by a static schema, not by reflection. */
final class PointerItem {
    static final TableSchema<PointerItem> SCHEMA = StaticTableSchema.builder(PointerItem.class)
            .newItemSupplier(PointerItem::new)
            .addAttribute(String.class, a -> a.name(IndexKeys.PARTITION_KEY)
                    .getter(i -> i.pk).setter((i, v) -> i.pk = v).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(IndexKeys.SORT_KEY)
                    .getter(i -> i.sk).setter((i, v) -> i.sk = v).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("objectKey")
                    .getter(i -> i.objectKey).setter((i, v) -> i.objectKey = v))
            .addAttribute(Long.class, a -> a.name("offset")
                    .getter(i -> i.offset).setter((i, v) -> i.offset = v))
            .addAttribute(Integer.class, a -> a.name("length")
                    .getter(i -> i.length).setter((i, v) -> i.length = v))
            .addAttribute(Integer.class, a -> a.name("spans")
                    .getter(i -> i.spans).setter((i, v) -> i.spans = v))
            .addAttribute(Long.class, a -> a.name("start")
                    .getter(i -> i.start).setter((i, v) -> i.start = v))
            .addAttribute(Long.class, a -> a.name("end")
                    .getter(i -> i.end).setter((i, v) -> i.end = v))
            .addAttribute(Integer.class, a -> a.name("errors")
                    .getter(i -> i.errors).setter((i, v) -> i.errors = v))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("services")
                    .getter(i -> i.services).setter((i, v) -> i.services = v))
            .addAttribute(Long.class, a -> a.name("arrival")
                    .getter(i -> i.arrival).setter((i, v) -> i.arrival = v))
            .addAttribute(Long.class, a -> a.name("expiresAt")
                    .getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
            .build();

    String pk;
    String sk;
    String objectKey;
    Long offset;
    Integer length;
    Integer spans;
    Long start;
    Long end;
    Integer errors;
    List<String> services;
    Long arrival;
    Long expiresAt;

    static PointerItem of(TracePointer pointer) {
        PointerItem item = new PointerItem();
        item.pk = IndexKeys.trace(pointer.trace());
        item.sk = IndexKeys.pointer(pointer.trace().traceId().high(), pointer.objectKey(), pointer.offset());
        item.objectKey = pointer.objectKey();
        item.offset = pointer.offset();
        item.length = pointer.length();
        item.spans = pointer.spanCount();
        item.start = pointer.startNanos();
        item.end = pointer.endNanos();
        item.errors = pointer.errorCount();
        item.services = pointer.services();
        item.arrival = pointer.arrivalEpochMillis();
        item.expiresAt = pointer.expiresAtEpochSeconds();
        return item;
    }

    TracePointer toPointer(TraceKey trace) {
        return new TracePointer(trace, objectKey, offset, length, spans, start, end, errors,
                services == null ? List.of() : services, arrival, expiresAt);
    }
}
