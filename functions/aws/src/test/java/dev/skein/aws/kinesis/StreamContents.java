package dev.skein.aws.kinesis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Reads a whole stream back, every shard from TRIM_HORIZON to its tip. */
final class StreamContents {
    private static final int MAX_CALLS_PER_SHARD = 10_000;

    private StreamContents() {
    }

    static List<Record> readAll(KinesisClient client, String stream) {
        List<Record> all = new ArrayList<>();
        for (Shard shard : client.listShards(r -> r.streamName(stream)).shards()) {
            all.addAll(readShard(client, stream, shard.shardId()));
        }
        return all;
    }

    /** How often each (partition key, data) pair is in the stream. */
    static Map<StoredRecord, Integer> countByContent(List<Record> records) {
        Map<StoredRecord, Integer> counts = new HashMap<>();
        for (Record record : records) {
            counts.merge(new StoredRecord(record.partitionKey(), record.data().asByteArray()), 1,
                    Integer::sum);
        }
        return counts;
    }

    private static List<Record> readShard(KinesisClient client, String stream, String shardId) {
        List<Record> records = new ArrayList<>();
        String iterator = client.getShardIterator(r -> r.streamName(stream)
                .shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        for (int call = 0; call < MAX_CALLS_PER_SHARD && iterator != null; call++) {
            String current = iterator;
            GetRecordsResponse response = client.getRecords(r -> r.shardIterator(current));
            records.addAll(response.records());
            boolean atTip = response.millisBehindLatest() == null
                    || response.millisBehindLatest() == 0;
            if (response.records().isEmpty() && atTip) {
                return records;
            }
            iterator = response.nextShardIterator();
        }
        return records;
    }
}
