package dev.skein.ingest;

import java.util.Objects;

/**
 * One record bound for the span stream: the spans of one trace of one tenant from one request,
 * encoded by {@link dev.skein.codec.StreamRecordCodec}. The partition key keeps a trace's
 * records on one shard, so the assembler sees them in order.
 */
public record StreamRecord(String partitionKey, byte[] data) {
    public StreamRecord {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
    }

    /** Bytes this record counts against a PutRecords request: data plus UTF-8 partition key. */
    public int billedSize() {
        return data.length + partitionKey.length(); // partition keys are ASCII (tenant + hex)
    }
}
