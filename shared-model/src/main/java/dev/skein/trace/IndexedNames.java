package dev.skein.trace;

import dev.skein.model.Utf8Prefix;

/**
 * Service, operation and remote-service names and autocomplete attribute values as the index
 * keys them. They become parts of DynamoDB keys (a sort key holds at most 1,024 bytes, and an
 * edge's holds two service names), while ingest lets an attribute value reach 2 KiB: so a longer
 * one is indexed under its longest prefix that fits, whole code points only. The spans
 * themselves keep the whole value.
 */
public final class IndexedNames {
    /** UTF-8 bytes of a service or remote-node name in the index. */
    public static final int MAX_SERVICE_BYTES = 256;
    /** UTF-8 bytes of an operation (span) name in the catalogue. */
    public static final int MAX_OPERATION_BYTES = 512;
    /** UTF-8 bytes of an autocomplete attribute value in the catalogue. */
    public static final int MAX_ATTRIBUTE_VALUE_BYTES = 256;

    private IndexedNames() {}

    public static String service(String name) {
        return Utf8Prefix.of(name, MAX_SERVICE_BYTES);
    }

    public static String operation(String name) {
        return Utf8Prefix.of(name, MAX_OPERATION_BYTES);
    }

    public static String attributeValue(String value) {
        return Utf8Prefix.of(value, MAX_ATTRIBUTE_VALUE_BYTES);
    }
}
