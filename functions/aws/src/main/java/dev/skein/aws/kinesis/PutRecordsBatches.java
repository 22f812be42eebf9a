package dev.skein.aws.kinesis;

import dev.skein.ingest.StreamRecord;
import java.util.ArrayList;
import java.util.List;

/** Cuts records into PutRecords requests within Kinesis's per-request limits. */
final class PutRecordsBatches {
    static final int MAX_ENTRIES = 500;
    /** Per request, data and partition keys together. */
    static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;
    /** Per record, data and partition key together. */
    static final int MAX_RECORD_BYTES = 1024 * 1024;
    static final int MAX_PARTITION_KEY_LENGTH = 256;

    private PutRecordsBatches() {
    }

    /**
     * Splits {@code records} in order into consecutive batches of at most {@value #MAX_ENTRIES}
     * entries and {@value #MAX_REQUEST_BYTES} billed bytes each. The batches are views of the
     * input list.
     *
     * @throws IllegalArgumentException for a record Kinesis would reject whatever we do (too big,
     *     bad partition key): the encoder upstream must never produce one, and retrying it would
     *     only burn the deadline
     */
    static List<List<StreamRecord>> split(List<StreamRecord> records) {
        List<List<StreamRecord>> batches = new ArrayList<>();
        int start = 0;
        long bytes = 0;
        for (int i = 0; i < records.size(); i++) {
            StreamRecord record = records.get(i);
            requireWithinLimits(record, i);
            int size = record.billedSize();
            if (i - start == MAX_ENTRIES || bytes + size > MAX_REQUEST_BYTES) {
                batches.add(records.subList(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
        }
        if (start < records.size()) {
            batches.add(records.subList(start, records.size()));
        }
        return batches;
    }

    private static void requireWithinLimits(StreamRecord record, int index) {
        int keyLength = record.partitionKey().length();
        if (keyLength == 0 || keyLength > MAX_PARTITION_KEY_LENGTH) {
            throw new IllegalArgumentException("record " + index + ": partition key length "
                    + keyLength + " is outside 1.." + MAX_PARTITION_KEY_LENGTH);
        }
        if (record.billedSize() > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("record " + index + ": " + record.billedSize()
                    + " bytes exceeds the Kinesis record limit of " + MAX_RECORD_BYTES);
        }
    }
}
