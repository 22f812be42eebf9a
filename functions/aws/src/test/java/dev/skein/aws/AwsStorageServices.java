package dev.skein.aws;

import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.PipelineSettings;
import dev.skein.aws.dynamodb.DynamoIndexSettings;
import dev.skein.aws.dynamodb.DynamoTraceIndex;
import dev.skein.aws.s3.S3SpanArchive;
import dev.skein.aws.sqs.SqsTimerQueue;
import dev.skein.emulators.KinesisStreams;
import dev.skein.finalize.FinalizeResult;
import dev.skein.finalize.TraceFinalizer;
import dev.skein.storage.SpanArchive;
import dev.skein.storage.StorageFixture;
import dev.skein.storage.TimerMessage;
import dev.skein.storage.TimerMessages;
import dev.skein.storage.TimerQueue;
import dev.skein.storage.TraceIndex;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The storage adapters' services for the suites that run on every store: DynamoDB Local, S3Proxy
 * and ElasticMQ, with records going through the Kinesis emulator (real sequence numbers and
 * arrival times); or all four at the endpoint in SKEIN_AWS_ENDPOINT. A JUnit extension: register
 * it as a static field and the services start once for the test class, with a stream, a table
 * and a bucket of its own. Time is real, because SQS delays are, so the idle period is one second.
 */
final class AwsStorageServices implements BeforeAllCallback, AfterAllCallback {
    private static final PipelineSettings SETTINGS = PipelineSettings.DEFAULTS.withIdlePeriod(Duration.ofSeconds(1));
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

    private final String prefix;
    private final List<AwsTarget> started = new ArrayList<>();
    private AwsTarget dynamoDb;
    private AwsTarget s3;
    private AwsTarget sqs;
    private AwsTarget kinesis;
    private String stream;
    private String table;
    private String bucket;
    private String shardIterator;

    /** @param prefix names the stream, the table and the bucket */
    AwsStorageServices(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        dynamoDb = start(AwsTarget.dynamoDb());
        s3 = start(AwsTarget.s3());
        sqs = start(AwsTarget.sqs());
        kinesis = start(AwsTarget.kinesis());
        stream = AwsTarget.uniqueName(prefix);
        KinesisStreams.createAndAwaitActive(kinesis.clients().kinesis(), stream, 1, Duration.ofSeconds(60));
        table = AwsTarget.uniqueName(prefix);
        bucket = AwsTarget.uniqueName(prefix);
        StorageProvisioning.createTableIfMissing(dynamoDb.clients().dynamoDb(), table, Duration.ofSeconds(60));
        StorageProvisioning.createBucketIfMissing(s3.clients().s3(), bucket);
    }

    private AwsTarget start(AwsTarget target) {
        started.add(target);
        return target;
    }

    /** Stops what started, also when starting failed half-way. */
    @Override
    public void afterAll(ExtensionContext context) {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }

    /** The adapters as AwsStorage wires them, with a timer queue of its own so timers never mix. */
    StorageFixture newFixture() {
        return new AwsFixture(StorageProvisioning.createQueueIfMissing(sqs.clients().sqs(),
                AwsTarget.uniqueName("timers")));
    }

    private final class AwsFixture implements StorageFixture {
        private final String queueUrl;
        private final UsageMeter meter = new UsageMeter();
        private final S3SpanArchive archive;
        private final DynamoTraceIndex index;
        private final SqsTimerQueue timers;

        AwsFixture(String queueUrl) {
            this.queueUrl = queueUrl;
            this.archive = new S3SpanArchive(s3.clients().s3(), bucket, meter);
            this.index = new DynamoTraceIndex(dynamoDb.clients().dynamoDb(), table, meter,
                    DynamoIndexSettings.of(SETTINGS));
            this.timers = new SqsTimerQueue(sqs.clients().sqs(), queueUrl, meter);
        }

        @Override
        public SpanArchive archive() {
            return archive;
        }

        @Override
        public TraceIndex index() {
            return index;
        }

        @Override
        public TimerQueue timers() {
            return timers;
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public PipelineSettings settings() {
            return SETTINGS;
        }

        /** Puts the records on the stream and reads them back as the event source would. */
        @Override
        public List<BatchRecord> publish(List<byte[]> records) {
            KinesisClient client = kinesis.clients().kinesis();
            for (int from = 0; from < records.size(); from += 100) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (byte[] r : records.subList(from, Math.min(records.size(), from + 100))) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("contract")
                            .data(SdkBytes.fromByteArray(r)).build());
                }
                PutRecordsResponse put = client.putRecords(b -> b.streamName(stream).records(entries));
                if (put.failedRecordCount() != null && put.failedRecordCount() > 0) {
                    throw new AssertionError(put.failedRecordCount() + " records were not put");
                }
            }
            if (shardIterator == null) {
                String shard = client.listShards(b -> b.streamName(stream)).shards().get(0).shardId();
                shardIterator = client.getShardIterator(b -> b.streamName(stream).shardId(shard)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            }
            List<BatchRecord> batch = new ArrayList<>();
            long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
            while (batch.size() < records.size()) {
                if (System.nanoTime() - deadline > 0) throw new AssertionError("records never came back from the stream");
                String iterator = shardIterator;
                GetRecordsResponse got = client.getRecords(b -> b.shardIterator(iterator));
                shardIterator = got.nextShardIterator();
                for (Record r : got.records()) {
                    batch.add(new BatchRecord(r.sequenceNumber(), r.approximateArrivalTimestamp().toEpochMilli(),
                            r.data().asByteArray()));
                }
            }
            return batch;
        }

        /**
         * Receives timers as the finalizer's event source does, deletes those it acknowledges and
         * makes the failed ones visible again at once, until the queue holds nothing: no message
         * waiting, delayed or in flight.
         */
        @Override
        public void settle(TraceFinalizer finalizer) {
            long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
            while (System.nanoTime() - deadline < 0) {
                List<Message> received = sqs.clients().sqs().receiveMessage(request -> request
                        .queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                        .visibilityTimeout(30)).messages();
                if (received.isEmpty()) {
                    if (queueIsEmpty()) {
                        return;
                    }
                    continue;
                }
                List<TimerMessage> timerMessages = new ArrayList<>();
                for (Message message : received) {
                    timerMessages.add(new TimerMessage(message.messageId(),
                            TimerMessages.decode(message.body())));
                }
                FinalizeResult result = finalizer.finalizeTraces(timerMessages);
                for (Message message : received) {
                    if (result.failedMessageIds().contains(message.messageId())) {
                        sqs.clients().sqs().changeMessageVisibility(request -> request
                                .queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                                .visibilityTimeout(0));
                    } else {
                        sqs.clients().sqs().deleteMessage(request -> request.queueUrl(queueUrl)
                                .receiptHandle(message.receiptHandle()));
                    }
                }
            }
            throw new AssertionError("timers never settled within " + SETTLE_TIMEOUT);
        }

        private boolean queueIsEmpty() {
            Map<QueueAttributeName, String> attributes = sqs.clients().sqs()
                    .getQueueAttributes(request -> request.queueUrl(queueUrl).attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            return attributes.values().stream().allMatch("0"::equals);
        }

        /** Every item of the table and every object of the bucket (by ETag and size). */
        @Override
        public Map<String, Object> snapshot() {
            Map<String, Object> snapshot = new TreeMap<>();
            for (Map<String, AttributeValue> item : dynamoDb.clients().dynamoDb()
                    .scanPaginator(request -> request.tableName(table)).items()) {
                snapshot.put("item " + item.get("pk").s() + " " + item.get("sk").s(),
                        new TreeMap<>(item));
            }
            for (S3Object object : s3.clients().s3()
                    .listObjectsV2Paginator(request -> request.bucket(bucket)).contents()) {
                snapshot.put("object " + object.key(), object.eTag() + "/" + object.size());
            }
            return snapshot;
        }
    }
}
