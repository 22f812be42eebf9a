package dev.skein.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.skein.storage.AttributeValueEntry;
import dev.skein.storage.CatalogueEntry;
import dev.skein.storage.CatalogueRecord;
import dev.skein.storage.RemoteServiceEntry;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A record of the catalogue as the index table holds it: a service, an operation, a remote
 * service or an attribute value. One schema for all: a service item simply has no operation and
 * no span kind, a remote service or a value nothing but its keys and expiry (null attributes are
 * not written), and one batch can then carry every kind.
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

    static CatalogueItem of(CatalogueRecord record) {
        CatalogueItem item = new CatalogueItem();
        if (record instanceof CatalogueEntry entry) {
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
        } else if (record instanceof RemoteServiceEntry remote) {
            // The reader knows the service (it queried its partition); the name is the sort key.
            item.pk = IndexKeys.remoteServices(remote.tenant(), remote.service());
            item.sk = remote.remoteService();
        } else if (record instanceof AttributeValueEntry value) {
            item.pk = IndexKeys.attributeValues(value.tenant(), value.key());
            item.sk = value.value();
        } else {
            throw new IllegalArgumentException("not a catalogue record this table holds: " + record);
        }
        item.expiresAt = record.expiresAtEpochSeconds();
        return item;
    }

    CatalogueEntry toEntry(String tenant) {
        return new CatalogueEntry(tenant, service, operation, spanKind,
                expiresAt == null ? 0 : expiresAt);
    }
}
