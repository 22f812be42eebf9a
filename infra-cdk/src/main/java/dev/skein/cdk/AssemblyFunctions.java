package dev.skein.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.constructs.Construct;

/**
 * The write path behind the stream: the assembler (span stream → archive, index, timers) and the
 * finalizer (timer queue → trace summaries and service-graph edges), each with its event source.
 *
 * <p>Their grants follow the adapters' SDK calls: the assembler writes chunks and search pages
 * (PutObject), index items (BatchWriteItem) and timers (SendMessageBatch, which IAM knows as
 * SendMessage); the finalizer reads a trace (Query, GetObject), commits its summary and edges (a
 * TransactWriteItems of conditional Puts and ADD Updates, which IAM checks as PutItem and
 * UpdateItem) and reschedules timers. The event sources add their own read permissions.
 */
final class AssemblyFunctions extends Construct {
    /** A batch writes two S3 objects and a few BatchWriteItem calls; retries inside the adapters stay well within. */
    static final Duration ASSEMBLER_TIMEOUT = Duration.minutes(2);
    /** A batch of timers reads each trace's chunks, which can be many for a long trace. */
    static final Duration FINALIZER_TIMEOUT = Duration.minutes(2);

    final SkeinFunction assembler;
    final SkeinFunction finalizer;
    final TimerQueue timers;

    AssemblyFunctions(Construct scope, String id, SkeinProps props, ArchiveStorage storage, SpanStream stream) {
        super(scope, id);
        timers = new TimerQueue(this, "TimerQueue", FINALIZER_TIMEOUT);
        Map<String, String> env = new LinkedHashMap<>(FunctionEnvironment.pipeline(props, storage));
        env.put("SKEIN_TIMER_QUEUE_URL", timers.queue.getQueueUrl());

        assembler = new SkeinFunction(this, "Assembler", FunctionKind.ASSEMBLER, props, ASSEMBLER_TIMEOUT, env);
        assembler.allow(List.of("s3:PutObject"),
                storage.objectsArn(ArchiveStorage.SPANS_PREFIX), storage.objectsArn(ArchiveStorage.SEARCH_PREFIX));
        assembler.allow(List.of("dynamodb:BatchWriteItem"), storage.table.getTableArn());
        assembler.allow(List.of("sqs:SendMessage"), timers.queue.getQueueArn());
        assembler.alias.addEventSource(KinesisEventSource.Builder.create(stream.stream)
                // A new stream is empty; after a replacement, nothing already accepted is skipped.
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(props.assemblerBatchSize())
                .maxBatchingWindow(props.assemblerBatchingWindow())
                .parallelizationFactor(props.parallelizationFactor())
                // The assembler names undecodable records; the mapping retries from the first
                // of them and, at the end, reports only what still fails.
                .reportBatchItemFailures(true)
                // A storage failure fails the batch: halving it each retry isolates a record
                // that keeps failing instead of holding back the shard.
                .bisectBatchOnError(true)
                .retryAttempts(props.streamRetryAttempts())
                .maxRecordAge(props.streamMaxRecordAge())
                .onFailure(new SqsDlq(stream.failures))
                .build());

        finalizer = new SkeinFunction(this, "Finalizer", FunctionKind.FINALIZER, props, FINALIZER_TIMEOUT, env);
        finalizer.allow(List.of("dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"), storage.table.getTableArn());
        finalizer.allow(List.of("s3:GetObject"), storage.objectsArn(ArchiveStorage.SPANS_PREFIX));
        // A missing chunk (expired) must read as 404, not 403: see QueryFunction.
        finalizer.allow(List.of("s3:ListBucket"), storage.bucket.getBucketArn());
        finalizer.allow(List.of("sqs:SendMessage"), timers.queue.getQueueArn());
        SqsEventSource.Builder timerSource = SqsEventSource.Builder.create(timers.queue)
                .batchSize(props.finalizerBatchSize())
                // Failed timers come back after the visibility timeout, and after
                // TimerQueue.MAX_RECEIVE_COUNT receives go to the dead-letter queue.
                .reportBatchItemFailures(true);
        if (props.finalizerBatchingWindow().toSeconds().intValue() > 0) {
            timerSource.maxBatchingWindow(props.finalizerBatchingWindow());
        }
        finalizer.alias.addEventSource(timerSource.build());
    }
}
