package dev.skein.local;

import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
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
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Everything after the stream, wired as the functions wire themselves in Lambda but with
 * skein-local's endpoints: the storage adapters on DynamoDB Local, S3Proxy and ElasticMQ, the
 * assembler function behind a Kinesis event source and the finalizer function behind an SQS
 * event source. Batches the assembler gives up on go to the stream's on-failure queue (and, as
 * every give-up does, to the log).
 */
final class WritePath implements AutoCloseable {
    private final AwsClients dynamoDbClients;
    private final AwsClients s3Clients;
    private final AwsClients sqsClients;
    private final KinesisEventSource spanStream;
    private final SqsEventSource timerQueue;
    private final TraceReader reader;
    private final QueryService query;

    private WritePath(AwsClients dynamoDbClients, AwsClients s3Clients, AwsClients sqsClients,
            KinesisEventSource spanStream, SqsEventSource timerQueue, TraceReader reader, QueryService query) {
        this.dynamoDbClients = dynamoDbClients;
        this.s3Clients = s3Clients;
        this.sqsClients = sqsClients;
        this.spanStream = spanStream;
        this.timerQueue = timerQueue;
        this.reader = reader;
        this.query = query;
    }

    /**
     * Builds the adapters and both functions and starts reading the stream and the timer queue.
     *
     * @param kinesis the client the stream is read with (shared with the ingest function)
     */
    static WritePath start(LocalServices services, KinesisClient kinesis, PipelineSettings settings) {
        AwsClients dynamoDb = clientsFor(services.dynamoDb.endpoint());
        AwsClients s3 = clientsFor(services.s3.endpoint());
        AwsClients sqs = clientsFor(services.sqs.emulator().endpoint());
        KinesisEventSource spanStream = null;
        SqsEventSource timerQueue = null;
        try {
            UsageMeter meter = new UsageMeter();
            S3SpanArchive archive = new S3SpanArchive(s3.s3(), SkeinLocal.BUCKET, meter);
            DynamoTraceIndex index = new DynamoTraceIndex(dynamoDb.dynamoDb(), SkeinLocal.TABLE, meter,
                    DynamoIndexSettings.of(settings));
            String timerQueueUrl = services.sqs.timers().queueUrl();
            SqsTimerQueue timers = new SqsTimerQueue(sqs.sqs(), timerQueueUrl, meter);
            TraceReader reader = new TraceReader(archive, index, settings);

            AssemblerHandler assembler = new AssemblerHandler(
                    new TraceAssembler(archive, index, timers, settings, Clock.systemUTC()), System.out);
            FinalizerHandler finalizer = new FinalizerHandler(
                    new TraceFinalizer(reader, index, timers, settings, Clock.systemUTC()), System.out);

            // ShardConsumer logs each batch it gives up on; the queue keeps Lambda's failure record.
            Consumer<FailedBatch> onFailure = OnFailureDestinations
                    .sqs(sqs.sqs(), services.sqs.streamFailureQueueUrl());
            spanStream = new KinesisEventSource(kinesis,
                    KinesisEventSourceSettings.defaults(SkeinLocal.STREAM).withFunctionName("skein-assembler"),
                    event -> assembler.handleRequest(event, null), onFailure);
            timerQueue = new SqsEventSource(sqs.sqs(), SqsEventSourceSettings.defaults(timerQueueUrl),
                    event -> finalizer.handleRequest(event, null));
            spanStream.start();
            timerQueue.start();
            // The query function reads through the same adapters.
            QueryService query = new QueryService(reader, index, QueryLimits.DEFAULTS, settings.autocompleteKeys());
            return new WritePath(dynamoDb, s3, sqs, spanStream, timerQueue, reader, query);
        } catch (RuntimeException e) {
            RuntimeException closeFailure = Closing.closeAll(
                    Arrays.asList(spanStream, timerQueue, dynamoDb, s3, sqs));
            if (closeFailure != null) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private static AwsClients clientsFor(URI endpoint) {
        // The functions' own client set-up (timeouts, retries, one light HTTP client), pointed at
        // one emulator; with an endpoint override it signs with the emulators' dummy keys.
        return new AwsClients(AwsClientSettings.fromEnvironment(
                Map.of(AwsClientSettings.ENDPOINT, endpoint.toString())));
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
     * the timer queue (waiting for its long poll and batch), then closes the clients.
     */
    @Override
    public void close() {
        RuntimeException failure = Closing.closeAll(
                Arrays.asList(spanStream, timerQueue, query, dynamoDbClients, s3Clients, sqsClients));
        if (failure != null) {
            throw failure;
        }
    }
}
