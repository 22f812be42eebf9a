package dev.skein.local.eventsource;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * One in-memory shard behind the two calls a {@link ShardConsumer} makes, for tests that drive
 * rounds by hand. Iterators are {@code "it-<position>"}; sequence numbers are 100, 101, ...
 */
final class FakeShard implements KinesisClient {
    private static final BigInteger FIRST_SEQUENCE = BigInteger.valueOf(100);

    private final List<Record> records = new ArrayList<>();
    private boolean closed;
    private int expireNextGetRecords;
    final List<GetShardIteratorRequest> iteratorRequests = new ArrayList<>();
    int getRecordsCalls;

    synchronized String add(String data) {
        return add(SdkBytes.fromUtf8String(data));
    }

    synchronized String add(SdkBytes data) {
        String sequence = FIRST_SEQUENCE.add(BigInteger.valueOf(records.size())).toString();
        records.add(Record.builder().sequenceNumber(sequence).partitionKey("pk").data(data)
                .approximateArrivalTimestamp(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(records.size()))
                .build());
        return sequence;
    }

    /** Closes the shard, as a split or merge does: reads end once past the last record. */
    synchronized void close(boolean value) {
        this.closed = value;
    }

    synchronized void expireNextGetRecords() {
        expireNextGetRecords++;
    }

    @Override
    public synchronized GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        iteratorRequests.add(request);
        int position = switch (request.shardIteratorType()) {
            case TRIM_HORIZON -> 0;
            case LATEST -> records.size();
            case AFTER_SEQUENCE_NUMBER -> indexOf(request.startingSequenceNumber()) + 1;
            case AT_SEQUENCE_NUMBER -> indexOf(request.startingSequenceNumber());
            default -> throw new UnsupportedOperationException(request.shardIteratorTypeAsString());
        };
        return GetShardIteratorResponse.builder().shardIterator("it-" + position).build();
    }

    @Override
    public synchronized GetRecordsResponse getRecords(GetRecordsRequest request) {
        getRecordsCalls++;
        if (expireNextGetRecords > 0) {
            expireNextGetRecords--;
            throw ExpiredIteratorException.builder().message("expired").build();
        }
        int from = Integer.parseInt(request.shardIterator().substring(3));
        int to = Math.min(records.size(), from + (request.limit() == null ? 10_000 : request.limit()));
        String next = closed && to == records.size() ? null : "it-" + to;
        return GetRecordsResponse.builder().records(records.subList(from, to)).nextShardIterator(next)
                .millisBehindLatest(0L).build();
    }

    private int indexOf(String sequence) {
        return new BigInteger(sequence).subtract(FIRST_SEQUENCE).intValueExact();
    }

    @Override
    public String serviceName() {
        return "kinesis";
    }

    @Override
    public void close() {
    }
}
