package dev.skein.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.aws.dynamodb.DynamoIndexSettings;
import dev.skein.aws.dynamodb.DynamoQuotaLedger;
import dev.skein.aws.dynamodb.DynamoTraceIndex;
import dev.skein.aws.kinesis.KinesisRecordSink;
import dev.skein.aws.kinesis.KinesisSinkSettings;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.aws.s3.S3SpanArchive;
import dev.skein.aws.sqs.SqsTimerQueue;
import dev.skein.assembly.PipelineSettings;
import dev.skein.emulators.KinesisStreams;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Every SDK call SnapStart priming makes, on the emulators: each is answered as expected (a
 * refusal or nothing found, so no step fails) and the stream, table, bucket and queue are as
 * empty afterwards as before.
 */
class PrimingCallsIT {
    private static AwsTarget dynamoDb;
    private static AwsTarget s3;
    private static AwsTarget sqs;
    private static AwsTarget kinesis;
    private static String table;
    private static String bucket;
    private static String queueUrl;
    private static String stream;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        dynamoDb = AwsTarget.dynamoDb();
        s3 = AwsTarget.s3();
        sqs = AwsTarget.sqs();
        kinesis = AwsTarget.kinesis();
        table = AwsTarget.uniqueName("priming");
        bucket = AwsTarget.uniqueName("priming");
        stream = AwsTarget.uniqueName("priming");
        StorageProvisioning.createTableIfMissing(dynamoDb.clients().dynamoDb(), table, Duration.ofSeconds(60));
        StorageProvisioning.createBucketIfMissing(s3.clients().s3(), bucket);
        queueUrl = StorageProvisioning.createQueueIfMissing(sqs.clients().sqs(), AwsTarget.uniqueName("timers"));
        KinesisStreams.createAndAwaitActive(kinesis.clients().kinesis(), stream, 1, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        for (AwsTarget target : new AwsTarget[] {kinesis, sqs, s3, dynamoDb}) {
            if (target != null) target.close();
        }
    }

    @Test
    void everyPrimingCall_isAnsweredAsExpected_andStoresNothing() {
        UsageMeter meter = new UsageMeter();
        StoragePriming storage = new StoragePriming(
                () -> new S3SpanArchive(s3.clients().s3(), bucket, meter),
                () -> new DynamoTraceIndex(dynamoDb.clients().dynamoDb(), table, meter,
                        DynamoIndexSettings.of(PipelineSettings.DEFAULTS)),
                () -> new SqsTimerQueue(sqs.clients().sqs(), queueUrl, meter));
        KinesisRecordSink sink = new KinesisRecordSink(kinesis.clients().kinesis(), stream,
                KinesisSinkSettings.defaults());
        SnapStartPriming priming = new SnapStartPriming("all", List.of(
                storage.absentTraceRead(), storage.absentObjectRead(), storage.refusedArchiveWrite(),
                storage.refusedIndexWrite(), storage.refusedTimerWrite(),
                new SnapStartPriming.Step("kinesis: put no records", sink::sendRefusedWrite),
                new DynamoQuotaLedger(dynamoDb.clients().dynamoDb(), table, Clock.systemUTC())
                        .bucketRead("ingest")),
                new PrintStream(logged, true, StandardCharsets.UTF_8));

        List<String> failed = priming.prime();

        assertThat(failed).as(logged.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(dynamoDb.clients().dynamoDb().scan(request -> request.tableName(table)).count()).isZero();
        assertThat(s3.clients().s3().listObjectsV2(request -> request.bucket(bucket)).contents()).isEmpty();
        Map<QueueAttributeName, String> queue = sqs.clients().sqs().getQueueAttributes(request -> request
                .queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        assertThat(queue.values()).containsOnly("0");
        assertThat(streamRecords()).isZero();
    }

    @Test
    void aRefusedWriteToAQueueThatDoesNotExist_fails_ratherThanPassingForTheRefusal() {
        // Also a 400, but not the refusal the write is built for: priming must log it.
        SqsTimerQueue missing = new SqsTimerQueue(sqs.clients().sqs(),
                queueUrl.substring(0, queueUrl.lastIndexOf('/') + 1) + "no-such-queue", new UsageMeter());
        assertThatThrownBy(missing::sendRefusedWrite)
                .isInstanceOf(SqsException.class);
    }

    private static int streamRecords() {
        KinesisClient client = kinesis.clients().kinesis();
        String shard = client.listShards(b -> b.streamName(stream)).shards().get(0).shardId();
        String iterator = client.getShardIterator(b -> b.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return client.getRecords(b -> b.shardIterator(iterator)).records().size();
    }
}
