package dev.skein.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.skein.storage.CatalogueEntry;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A service or an operation of the catalogue as the index table holds it. One schema for both:
 * a service item simply has no operation and no span kind (null attributes are not written), and
 * one batch can then carry both kinds.
 */
final class CatalogueItem {
    static final TableSchema<CatalogueItem> SCHEMA = StaticTableSchema.builder(CatalogueItem.class)
            .newItemSupplier(CatalogueItem::new)
            .addAttribute(String.class, a -> a.name(IndexKeys.PARTITION_KEY)
                    .getter(i -> i.pk).setter((i, v) -> i.pk = v).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(IndexKeys.SORT_KEY)
                    .getter(i -> i.sk).setter((i, v) -> i.sk = v).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("service")
                    .getter(i -> i.service).setter((i, v) -> i.service = v))
            .addAttribute(String.class, a -> a.name("operation")
                    .getter(i -> i.operation).setter((i, v) -> i.operation = v))
            .addAttribute(String.class, a -> a.name("spanKind")
                    .getter(i -> i.spanKind).setter((i, v) -> i.spanKind = v))
            .addAttribute(Long.class, a -> a.name("expiresAt")
                    .getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
            .build();

    String pk;
    String sk;
    String service;
    String operation;
    String spanKind;
    Long expiresAt;

    static CatalogueItem of(CatalogueEntry entry) {
        CatalogueItem item = new CatalogueItem();
        if (entry.isService()) {
            item.pk = IndexKeys.services(entry.tenant());
            item.sk = IndexKeys.service(entry.service());
        } else {
            item.pk = IndexKeys.operations(entry.tenant(), entry.service());
            item.sk = IndexKeys.operation(entry.spanKind(), entry.operation());
            item.operation = entry.operation();
            item.spanKind = entry.spanKind();
        }
        item.service = entry.service();
        item.expiresAt = entry.expiresAtEpochSeconds();
        return item;
    }

    CatalogueEntry toEntry(String tenant) {
        return new CatalogueEntry(tenant, service, operation, spanKind,
                expiresAt == null ? 0 : expiresAt);
    }
}
