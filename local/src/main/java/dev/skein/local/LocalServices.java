package dev.skein.local;

import dev.skein.aws.StorageProvisioning;
import dev.skein.emulators.DynamoDbEmulator;
import dev.skein.emulators.KinesisEmulator;
import dev.skein.emulators.S3Emulator;
import dev.skein.emulators.SqsEmulator;
import dev.skein.local.eventsource.SqsQueues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS services of the write path on this machine: the Kinesis emulator (a child process),
 * DynamoDB Local, S3Proxy and ElasticMQ (in this JVM), each holding what the CDK stack would
 * create in the cloud: the span stream, the index table, the archive bucket, the timer queue with
 * its dead-letter queue and the stream's on-failure queue.
 *
 * <p>They start side by side, each provisioned as soon as it answers: almost all of their start-up
 * is class loading and a child process coming up, which overlap well even on two cores.
 *
 * <p>Kinesis, DynamoDB and S3 keep their data under the data directory when persisting
 * ({@code kinesis/}, {@code dynamodb/}, {@code s3/}); ElasticMQ keeps queues in memory only, so
 * pending timers are lost at a stop. That loses nothing: the span stream's event source starts
 * from the oldest retained record (checkpoints are in memory), so the assembler schedules a timer
 * again for every trace in the stream.
 */
final class LocalServices implements AutoCloseable {
    /** Lambda's advice for a queue an event source reads: well over the function's run time. */
    static final Duration TIMER_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    /** Receives of a timer message before the queue moves it to its dead-letter queue. */
    static final int TIMER_MAX_RECEIVE_COUNT = 5;
    /** SQS's longest retention, for queues that keep failures. */
    private static final Duration FAILURE_RETENTION = Duration.ofDays(14);
    private static final Duration TABLE_TIMEOUT = Duration.ofSeconds(30);

    final KinesisEmulator kinesis;
    final DynamoDbEmulator dynamoDb;
    final S3Emulator s3;
    final Sqs sqs;

    /** ElasticMQ and the queues created in it. */
    record Sqs(SqsEmulator emulator, SqsQueues.QueueWithDeadLetterQueue timers,
            String streamFailureQueueUrl) implements AutoCloseable {
        @Override
        public void close() {
            emulator.close();
        }
    }

    private LocalServices(KinesisEmulator kinesis, DynamoDbEmulator dynamoDb, S3Emulator s3, Sqs sqs) {
        this.kinesis = kinesis;
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.sqs = sqs;
    }

    /**
     * Starts and provisions the four services. When one fails, the others are stopped and the
     * first failure is thrown, with the rest attached as suppressed exceptions.
     */
    static LocalServices start(Path dataDir, boolean persist, int shards) {
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService starter = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "skein-start-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<KinesisEmulator> kinesis = async(() -> startKinesis(dataDir, persist, shards), starter);
            CompletableFuture<DynamoDbEmulator> dynamoDb = async(() -> startDynamoDb(dataDir, persist), starter);
            CompletableFuture<S3Emulator> s3 = async(() -> startS3(dataDir, persist), starter);
            CompletableFuture<Sqs> sqs = async(LocalServices::startSqs, starter);
            List<CompletableFuture<? extends AutoCloseable>> all = List.of(kinesis, dynamoDb, s3, sqs);
            try {
                // Completes once all four have, normally or not.
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw stopStarted(all);
            }
            return new LocalServices(kinesis.join(), dynamoDb.join(), s3.join(), sqs.join());
        } finally {
            starter.shutdownNow();
        }
    }

    private static <T> CompletableFuture<T> async(Supplier<T> start, ExecutorService executor) {
        return CompletableFuture.supplyAsync(start, executor);
    }

    private static RuntimeException stopStarted(List<CompletableFuture<? extends AutoCloseable>> all) {
        RuntimeException failure = null;
        List<AutoCloseable> started = new ArrayList<>();
        for (CompletableFuture<? extends AutoCloseable> f : all) {
            try {
                started.add(f.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        RuntimeException stopFailure = Closing.closeAll(started);
        if (stopFailure != null && failure != null) {
            failure.addSuppressed(stopFailure);
        }
        return failure;
    }

    private static KinesisEmulator startKinesis(Path dataDir, boolean persist, int shards) {
        KinesisEmulator.Builder builder = KinesisEmulator.builder().logDirectory(dataDir.resolve("logs"));
        if (persist) {
            builder.persistTo(dataDir.resolve("kinesis"));
        }
        KinesisEmulator kinesis = builder.start();
        try {
            // A persisted stream survives restarts; create it only the first time.
            try (KinesisClient admin = kinesis.kinesisClient()) {
                admin.describeStreamSummary(r -> r.streamName(SkeinLocal.STREAM));
            } catch (ResourceNotFoundException e) {
                kinesis.createStream(SkeinLocal.STREAM, shards);
            }
            return kinesis;
        } catch (RuntimeException e) {
            Closing.closeAfterFailure(kinesis, e);
            throw e;
        }
    }

    private static DynamoDbEmulator startDynamoDb(Path dataDir, boolean persist) {
        DynamoDbEmulator.Builder builder = DynamoDbEmulator.builder();
        if (persist) {
            builder.persistTo(dataDir.resolve("dynamodb"));
        }
        DynamoDbEmulator dynamoDb = builder.start();
        try (DynamoDbClient admin = dynamoDb.dynamoDbClient()) {
            StorageProvisioning.createTableIfMissing(admin, SkeinLocal.TABLE, TABLE_TIMEOUT);
            return dynamoDb;
        } catch (RuntimeException e) {
            Closing.closeAfterFailure(dynamoDb, e);
            throw e;
        }
    }

    private static S3Emulator startS3(Path dataDir, boolean persist) {
        S3Emulator.Builder builder = S3Emulator.builder();
        if (persist) {
            builder.storeIn(dataDir.resolve("s3"));
        }
        S3Emulator s3 = builder.start();
        try (S3Client admin = s3.s3Client()) {
            StorageProvisioning.createBucketIfMissing(admin, SkeinLocal.BUCKET);
            return s3;
        } catch (RuntimeException e) {
            Closing.closeAfterFailure(s3, e);
            throw e;
        }
    }

    private static Sqs startSqs() {
        SqsEmulator sqs = SqsEmulator.start();
        try (SqsClient admin = sqs.sqsClient()) {
            SqsQueues.QueueWithDeadLetterQueue timers = SqsQueues.createWithDeadLetterQueue(admin,
                    SkeinLocal.TIMER_QUEUE, SkeinLocal.TIMER_DEAD_LETTER_QUEUE, TIMER_MAX_RECEIVE_COUNT,
                    TIMER_VISIBILITY_TIMEOUT);
            String failures = admin.createQueue(r -> r.queueName(SkeinLocal.STREAM_FAILURE_QUEUE)
                    .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                            Long.toString(FAILURE_RETENTION.toSeconds()))))
                    .queueUrl();
            return new Sqs(sqs, timers, failures);
        } catch (RuntimeException e) {
            Closing.closeAfterFailure(sqs, e);
            throw e;
        }
    }

    /**
     * Stops ElasticMQ, S3Proxy, DynamoDB Local (a persisted database is complete on disk after
     * this) and then the Kinesis emulator, which may take several seconds to write its data.
     */
    @Override
    public void close() {
        RuntimeException failure = Closing.closeAll(List.of(sqs, s3, dynamoDb, kinesis));
        if (failure != null) {
            throw failure;
        }
    }
}
