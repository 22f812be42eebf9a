package dev.skein.it;

import dev.skein.codec.DecodeException;
import dev.skein.codec.StreamRecordCodec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Everything in a stream, read shard by shard from the start, decoded. */
final class StreamContents {
    record Entry(String partitionKey, StreamRecordCodec.Decoded record) {}

    private StreamContents() {}

    static List<Entry> readAll(KinesisClient kinesis, String stream) throws DecodeException {
        List<Entry> out = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String it = iterator;
                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(it).limit(1000));
                for (Record rec : page.records()) {
                    out.add(new Entry(rec.partitionKey(), StreamRecordCodec.decode(rec.data().asByteArray())));
                }
                if (page.records().isEmpty() && (page.millisBehindLatest() == null || page.millisBehindLatest() == 0)) {
                    break;
                }
                iterator = page.nextShardIterator();
            }
        }
        return out;
    }
}
