package dev.skein.local;

import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.aws.UsageMeter;
import dev.skein.aws.dynamodb.DynamoIndexSettings;
import dev.skein.aws.dynamodb.DynamoTraceIndex;
import dev.skein.aws.s3.S3SpanArchive;
import dev.skein.aws.sqs.SqsTimerQueue;
import dev.skein.finalize.TraceFinalizer;
import dev.skein.functions.assembler.AssemblerHandler;
import dev.skein.functions.finalizer.FinalizerHandler;
import dev.skein.local.eventsource.EventSourceStats;
import dev.skein.local.eventsource.FailedBatch;
import dev.skein.local.eventsource.KinesisEventSource;
import dev.skein.local.eventsource.KinesisEventSourceSettings;
import dev.skein.local.eventsource.OnFailureDestinations;
import dev.skein.local.eventsource.SqsEventSource;
import dev.skein.local.eventsource.SqsEventSourceSettings;
import dev.skein.query.QueryLimits;
import dev.skein.query.QueryService;
import dev.skein.query.TraceReader;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Everything after the stream, wired as the functions wire themselves in Lambda but on
 * skein-local's AWS services: the storage adapters on DynamoDB, S3 and SQS, the assembler
 * function behind a Kinesis event source and the finalizer function behind an SQS event source.
 * Batches the assembler gives up on go to the log, as every give-up does, and to the stream's
 * on-failure queue when skein-local has one.
 */
final class WritePath implements AutoCloseable {
    private final KinesisEventSource spanStream;
    private final SqsEventSource timerQueue;
    private final TraceReader reader;
    private final QueryService query;

    private WritePath(KinesisEventSource spanStream, SqsEventSource timerQueue, TraceReader reader,
            QueryService query) {
        this.spanStream = spanStream;
        this.timerQueue = timerQueue;
        this.reader = reader;
        this.query = query;
    }

    /**
     * Builds the adapters and both functions and starts reading the stream and the timer queue,
     * with the clients of {@code aws}, which stay open until after {@link #close()}.
     */
    static WritePath start(AwsServices aws, PipelineSettings settings) {
        AwsResources resources = aws.resources();
        KinesisEventSource spanStream = null;
        SqsEventSource timerQueue = null;
        try {
            UsageMeter meter = new UsageMeter();
            S3SpanArchive archive = new S3SpanArchive(aws.s3(), resources.bucket(), meter);
            DynamoTraceIndex index = new DynamoTraceIndex(aws.dynamoDb(), resources.table(), meter,
                    DynamoIndexSettings.of(settings));
            SqsTimerQueue timers = new SqsTimerQueue(aws.sqs(), resources.timerQueueUrl(), meter);
            TraceReader reader = new TraceReader(archive, index, settings);

            AssemblerHandler assembler = new AssemblerHandler(
                    new TraceAssembler(archive, index, timers, settings, Clock.systemUTC()), System.out);
            FinalizerHandler finalizer = new FinalizerHandler(
                    new TraceFinalizer(reader, index, timers, settings, Clock.systemUTC()), System.out);

            // ShardConsumer logs each batch it gives up on; the queue keeps Lambda's failure record.
            Consumer<FailedBatch> onFailure = resources.streamFailureQueueUrl()
                    .map(url -> OnFailureDestinations.sqs(aws.sqs(), url))
                    .orElse(failed -> { });
            spanStream = new KinesisEventSource(aws.kinesis(),
                    KinesisEventSourceSettings.defaults(resources.stream()).withFunctionName("skein-assembler"),
                    event -> assembler.handleRequest(event, null), onFailure);
            timerQueue = new SqsEventSource(aws.sqs(), SqsEventSourceSettings.defaults(resources.timerQueueUrl()),
                    event -> finalizer.handleRequest(event, null));
            spanStream.start();
            timerQueue.start();
            // The query function reads through the same adapters.
            QueryService query = new QueryService(reader, index, QueryLimits.DEFAULTS, settings.autocompleteKeys());
            return new WritePath(spanStream, timerQueue, reader, query);
        } catch (RuntimeException e) {
            Closing.closeAfterFailure(e, spanStream, timerQueue);
            throw e;
        }
    }

    TraceReader reader() {
        return reader;
    }

    QueryService query() {
        return query;
    }

    EventSourceStats spanStreamStats() {
        return spanStream.stats();
    }

    EventSourceStats timerQueueStats() {
        return timerQueue.stats();
    }

    /**
     * Stops reading the stream (waiting for the batch in hand, which may schedule timers), then
     * the timer queue (waiting for its long poll and batch).
     */
    @Override
    public void close() {
        Closing.closeAllOrThrow(spanStream, timerQueue, query);
    }
}
