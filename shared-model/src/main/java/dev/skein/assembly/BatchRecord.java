package dev.skein.assembly;

import java.util.Objects;

/**
 * One span-stream record as an event source hands it over: its ID (the Kinesis sequence
 * number), when it reached the stream, and its bytes.
 */
public record BatchRecord(String id, long arrivalEpochMillis, byte[] data) {
    public BatchRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
    }
}
