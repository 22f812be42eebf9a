package dev.skein.local.eventsource;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Builds the {@link KinesisEvent} Lambda would build for a batch of one shard's records. */
final class KinesisEvents {
    static final String EVENT_SOURCE = "aws:kinesis";
    static final String EVENT_NAME = "aws:kinesis:record";
    static final String EVENT_VERSION = "1.0";
    static final String SCHEMA_VERSION = "1.0";

    /** Lambda's limit on a synchronous invocation's payload. */
    static final long MAX_PAYLOAD_BYTES = 6L * 1024 * 1024;
    /** The JSON around one record's data: field names, IDs, ARNs, timestamp. */
    private static final int RECORD_OVERHEAD_BYTES = 512;

    private final String streamArn;
    private final String region;
    private final String invokeIdentityArn;

    KinesisEvents(String streamArn, String region, String invokeIdentityArn) {
        this.streamArn = streamArn;
        this.region = region;
        this.invokeIdentityArn = invokeIdentityArn;
    }

    KinesisEvent event(String shardId, List<Record> batch) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>(batch.size());
        for (Record r : batch) {
            records.add(record(shardId, r));
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }

    private KinesisEvent.KinesisEventRecord record(String shardId, Record r) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setKinesisSchemaVersion(SCHEMA_VERSION);
        kinesis.setPartitionKey(r.partitionKey());
        kinesis.setSequenceNumber(r.sequenceNumber());
        // A fresh buffer per delivery: a handler that reads it must not empty a redelivery.
        kinesis.setData(ByteBuffer.wrap(r.data().asByteArray()));
        if (r.approximateArrivalTimestamp() != null) {
            kinesis.setApproximateArrivalTimestamp(Date.from(r.approximateArrivalTimestamp()));
        }
        if (r.encryptionType() == EncryptionType.KMS) {
            kinesis.setEncryptionType(EncryptionType.KMS.toString());
        }
        KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
        record.setEventSource(EVENT_SOURCE);
        record.setEventSourceARN(streamArn);
        record.setEventID(shardId + ":" + r.sequenceNumber());
        record.setEventName(EVENT_NAME);
        record.setEventVersion(EVENT_VERSION);
        record.setInvokeIdentityArn(invokeIdentityArn);
        record.setAwsRegion(region);
        record.setKinesis(kinesis);
        return record;
    }

    /** About what the record adds to the invocation payload: its data travels as base64. */
    static long payloadBytes(Record r) {
        long data = r.data().asByteBuffer().remaining();
        return (data + 2) / 3 * 4 + r.partitionKey().length() + RECORD_OVERHEAD_BYTES;
    }
}
