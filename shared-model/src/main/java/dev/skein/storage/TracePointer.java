package dev.skein.storage;

import java.util.List;
import java.util.Objects;

/**
 * Where one chunk of a trace's spans lies: a gzip member of an archive object. One pointer per
 * (trace, assembler batch); its identity is (trace, object, offset), so a retried batch rewrites
 * the same pointer. {@code arrivalEpochMillis} is when the chunk reached the span stream; the
 * finalizer measures a trace's idleness from the newest one.
 */
public record TracePointer(
        TraceKey trace,
        String objectKey,
        long offset,
        int length,
        int spanCount,
        long startNanos,
        long endNanos,
        int errorCount,
        List<String> services,
        long arrivalEpochMillis,
        long expiresAtEpochSeconds) {

    public TracePointer {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(objectKey, "objectKey");
        services = List.copyOf(services);
    }

    /** What makes this pointer unique within its trace. */
    public String chunkId() {
        return objectKey + "@" + offset;
    }
}
