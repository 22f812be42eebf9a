package dev.skein.storage;

import java.util.Objects;

/**
 * A value seen for one of the configured autocomplete attribute keys, in a span's attributes or
 * its resource's. {@code value} is rendered as search compares values and keyed as the index
 * keys it ({@link dev.skein.trace.IndexedNames#attributeValue}).
 */
public record AttributeValueEntry(String tenant, String key, String value, long expiresAtEpochSeconds)
        implements CatalogueRecord {
    public AttributeValueEntry {
        Objects.requireNonNull(tenant, "tenant");
        CatalogueRecord.requireNotEmpty(key, "key");
        CatalogueRecord.requireNotEmpty(value, "value");
    }

    @Override
    public AttributeValueEntry withoutExpiry() {
        return new AttributeValueEntry(tenant, key, value, 0);
    }
}
