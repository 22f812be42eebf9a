package dev.skein.benchmarks.cost;

import dev.skein.assembly.BatchRecord;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the stream's event source mapping would hand the records to the assembler at a given
 * traffic rate: records go to shards by the MD5 of their partition key (Kinesis's rule, shards
 * splitting the hash range evenly), and each shard's records are batched up to the batch size or
 * until the batching window since the batch's first record has passed, whichever comes first.
 */
final class StreamBatches {
    /** A stream record, and the simulated time it reached the stream. */
    record TimedRecord(String partitionKey, byte[] data, long arrivalMillis) {}

    /** One assembler invocation: its records and the simulated time it is invoked. */
    record Batch(List<BatchRecord> records, long invokedAtMillis) {}

    private StreamBatches() {}

    static List<Batch> of(List<TimedRecord> records, int shards, int batchSize, long windowMillis) {
        List<List<TimedRecord>> byShard = new ArrayList<>();
        for (int i = 0; i < shards; i++) byShard.add(new ArrayList<>());
        for (TimedRecord r : records) byShard.get(shard(r.partitionKey(), shards)).add(r);
        List<Batch> batches = new ArrayList<>();
        long sequence = 0;
        for (List<TimedRecord> shard : byShard) {
            List<BatchRecord> open = new ArrayList<>();
            long opened = 0;
            for (TimedRecord r : shard) {
                if (!open.isEmpty() && r.arrivalMillis() > opened + windowMillis) {
                    batches.add(new Batch(open, opened + windowMillis));
                    open = new ArrayList<>();
                }
                if (open.isEmpty()) opened = r.arrivalMillis();
                open.add(new BatchRecord(String.format("%056d", sequence++), r.arrivalMillis(), r.data()));
                if (open.size() == batchSize) {
                    batches.add(new Batch(open, r.arrivalMillis()));
                    open = new ArrayList<>();
                }
            }
            if (!open.isEmpty()) batches.add(new Batch(open, opened + windowMillis));
        }
        batches.sort(Comparator.comparingLong(Batch::invokedAtMillis));
        return batches;
    }

    static int shard(String partitionKey, int shards) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, md5).multiply(BigInteger.valueOf(shards)).shiftRight(128).intValueExact();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }
}
