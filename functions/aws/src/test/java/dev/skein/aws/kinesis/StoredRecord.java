package dev.skein.aws.kinesis;

import dev.skein.ingest.StreamRecord;
import java.util.Arrays;
import java.util.Base64;

/** A record's identity for "stored exactly once" checks: partition key plus bytes. */
record StoredRecord(String partitionKey, byte[] data) {

    static StoredRecord of(StreamRecord record) {
        return new StoredRecord(record.partitionKey(), record.data());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredRecord that
                && partitionKey.equals(that.partitionKey)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * partitionKey.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        String head = Base64.getEncoder().encodeToString(Arrays.copyOf(data, Math.min(12, data.length)));
        return partitionKey + " (" + data.length + " bytes, " + head + "...)";
    }
}
