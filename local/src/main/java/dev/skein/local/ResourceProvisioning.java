package dev.skein.local;

import dev.skein.aws.StorageProvisioning;
import dev.skein.emulators.KinesisStreams;
import dev.skein.local.eventsource.SqsQueues;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what the CDK stack would, under skein-local's names, where skein-local owns the
 * services (the emulators, an AWS endpoint such as LocalStack): the span stream, the index table,
 * the archive bucket, the timer queue with its dead-letter queue and the stream's on-failure
 * queue. Each one that exists is left as it is, so a restart reuses them.
 */
final class ResourceProvisioning {
    /** Lambda's advice for a queue an event source reads: well over the function's run time. */
    private static final Duration TIMER_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    /** Receives of a timer message before the queue moves it to its dead-letter queue. */
    private static final int TIMER_MAX_RECEIVE_COUNT = 5;
    /** SQS's longest retention, for queues that keep failures. */
    private static final Duration FAILURE_RETENTION = Duration.ofDays(14);
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

    /** The queues' URLs. */
    record Queues(String timerQueueUrl, String streamFailureQueueUrl) {
    }

    private ResourceProvisioning() {
    }

    static void createStreamIfMissing(KinesisClient kinesis, int shards) {
        if (!ResourceCheck.streamExists(kinesis, SkeinLocal.STREAM)) {
            KinesisStreams.createAndAwaitActive(kinesis, SkeinLocal.STREAM, shards, ACTIVE_TIMEOUT);
        }
    }

    static void createTableIfMissing(DynamoDbClient dynamoDb) {
        StorageProvisioning.createTableIfMissing(dynamoDb, SkeinLocal.TABLE, ACTIVE_TIMEOUT);
    }

    static void createBucketIfMissing(S3Client s3) {
        StorageProvisioning.createBucketIfMissing(s3, SkeinLocal.BUCKET);
    }

    static Queues createQueuesIfMissing(SqsClient sqs) {
        // Looked up first, so an existing queue is taken as it is: CreateQueue refuses an existing
        // name whose attributes differ in any way.
        String timers = ResourceCheck.queueUrl(sqs, SkeinLocal.TIMER_QUEUE).orElseGet(() ->
                SqsQueues.createWithDeadLetterQueue(sqs, SkeinLocal.TIMER_QUEUE, SkeinLocal.TIMER_DEAD_LETTER_QUEUE,
                        TIMER_MAX_RECEIVE_COUNT, TIMER_VISIBILITY_TIMEOUT).queueUrl());
        String failures = ResourceCheck.queueUrl(sqs, SkeinLocal.STREAM_FAILURE_QUEUE).orElseGet(() ->
                sqs.createQueue(r -> r.queueName(SkeinLocal.STREAM_FAILURE_QUEUE).attributes(Map.of(
                        QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(FAILURE_RETENTION.toSeconds()))))
                        .queueUrl());
        return new Queues(timers, failures);
    }

    /** All of them, one after the other; returns them as the clients address them. */
    static AwsResources createAllIfMissing(KinesisClient kinesis, DynamoDbClient dynamoDb, S3Client s3,
            SqsClient sqs, int shards) {
        createStreamIfMissing(kinesis, shards);
        createTableIfMissing(dynamoDb);
        createBucketIfMissing(s3);
        return resources(createQueuesIfMissing(sqs));
    }

    static AwsResources resources(Queues queues) {
        return new AwsResources(SkeinLocal.STREAM, SkeinLocal.TABLE, SkeinLocal.BUCKET, queues.timerQueueUrl(),
                Optional.of(queues.streamFailureQueueUrl()));
    }
}
