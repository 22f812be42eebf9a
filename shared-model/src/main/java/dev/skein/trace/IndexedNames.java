package dev.skein.trace;

import dev.skein.model.Utf8Prefix;

/**
 * Service and operation names as the index keys them. Names become parts of DynamoDB keys
 * (a sort key holds at most 1,024 bytes, and an edge's holds two service names), while ingest
 * lets an attribute value reach 2 KiB: so a longer name is indexed under its longest prefix that
 * fits, whole code points only. The spans themselves keep the full name.
 */
public final class IndexedNames {
    /** UTF-8 bytes of a service or remote-node name in the index. */
    public static final int MAX_SERVICE_BYTES = 256;
    /** UTF-8 bytes of an operation (span) name in the catalogue. */
    public static final int MAX_OPERATION_BYTES = 512;

    private IndexedNames() {}

    public static String service(String name) {
        return Utf8Prefix.of(name, MAX_SERVICE_BYTES);
    }

    public static String operation(String name) {
        return Utf8Prefix.of(name, MAX_OPERATION_BYTES);
    }
}
