package dev.skein.benchmarks.cost;

import dev.skein.assembly.AssemblyResult;
import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.aws.AwsClients;
import dev.skein.aws.StorageProvisioning;
import dev.skein.aws.UsageMeter;
import dev.skein.aws.UsageSnapshot;
import dev.skein.aws.dynamodb.DynamoIndexSettings;
import dev.skein.aws.dynamodb.DynamoTraceIndex;
import dev.skein.aws.s3.S3SpanArchive;
import dev.skein.aws.sqs.SqsTimerQueue;
import dev.skein.finalize.FinalizeResult;
import dev.skein.finalize.TraceFinalizer;
import dev.skein.query.TraceReader;
import dev.skein.storage.MovableClock;
import dev.skein.storage.TimerMessage;
import dev.skein.storage.TimerMessages;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The assembler and the finalizer on the AWS adapters, for one traffic rate: a table, bucket and
 * queue of its own, the stream's batches as {@link StreamBatches} forms them at that rate, and a
 * {@link UsageMeter} per function. Time is the traffic's simulated time, so the assembler sends
 * one finalize timer per trace per idle period as in production; the timers themselves wait out
 * the idle period for real in the queue, so a phase's timers are drained after all its batches.
 *
 * <p>Runs in two phases, warm-up then measured; only the measured phase is reported, so the
 * JIT is warm and the catalogue entries every new deployment writes once are already there.
 */
final class AssemblyRun {
    /** SkeinProps' default finalizer batch size: timers per finalizer invocation when the queue is busy. */
    static final int FINALIZER_BATCH = 10;
    private static final Duration TABLE_TIMEOUT = Duration.ofSeconds(60);

    /** What one function spent in a phase. */
    record Stage(UsageSnapshot usage, long invocations, long cpuNanos) {}

    /** The measured phase: spans and traces it stored, and each function's spending. */
    record Figures(long spans, long traces, long finalized, Stage assembler, Stage finalizer) {}

    private final PipelineSettings settings = PipelineSettings.DEFAULTS;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MovableClock clock = new MovableClock(Instant.EPOCH);
    private final UsageMeter assemblerMeter = new UsageMeter();
    private final UsageMeter finalizerMeter = new UsageMeter();
    private final TraceAssembler assembler;
    private final TraceFinalizer finalizer;
    private final SqsClient sqs;
    private final String queue;
    private final DynamoDbClient dynamoDb;
    private final String table;

    private long spans;
    private long allSpans;
    private long traces;
    private long finalized;
    private long assemblerInvocations;
    private long finalizerInvocations;
    private long assemblerCpu;
    private long finalizerCpu;
    private long lastInvokedAt;
    private UsageSnapshot assemblerStart = UsageSnapshot.ZERO;
    private UsageSnapshot finalizerStart = UsageSnapshot.ZERO;

    AssemblyRun(AwsClients dynamoDb, AwsClients s3, AwsClients sqsClients) {
        String name = "skein-cost-" + UUID.randomUUID().toString().substring(0, 8);
        StorageProvisioning.createTableIfMissing(dynamoDb.dynamoDb(), name, TABLE_TIMEOUT);
        StorageProvisioning.createBucketIfMissing(s3.s3(), name);
        this.dynamoDb = dynamoDb.dynamoDb();
        this.table = name;
        this.sqs = sqsClients.sqs();
        this.queue = StorageProvisioning.createQueueIfMissing(sqs, name);
        DynamoIndexSettings indexSettings = DynamoIndexSettings.of(settings);
        assembler = new TraceAssembler(new S3SpanArchive(s3.s3(), name, assemblerMeter),
                new DynamoTraceIndex(dynamoDb.dynamoDb(), name, assemblerMeter, indexSettings),
                new SqsTimerQueue(sqs, queue, assemblerMeter), settings, clock);
        S3SpanArchive finalizerArchive = new S3SpanArchive(s3.s3(), name, finalizerMeter);
        DynamoTraceIndex finalizerIndex = new DynamoTraceIndex(dynamoDb.dynamoDb(), name, finalizerMeter, indexSettings);
        finalizer = new TraceFinalizer(new TraceReader(finalizerArchive, finalizerIndex, settings), finalizerIndex,
                new SqsTimerQueue(sqs, queue, finalizerMeter), settings, clock);
    }

    Duration idlePeriod() {
        return settings.idlePeriod();
    }

    /** Invokes the assembler on each batch at its simulated time. */
    void assemble(List<StreamBatches.Batch> batches) {
        for (StreamBatches.Batch b : batches) {
            clock.set(Instant.ofEpochMilli(b.invokedAtMillis()));
            long before = threads.getCurrentThreadCpuTime();
            AssemblyResult result = assembler.assemble(b.records());
            assemblerCpu += threads.getCurrentThreadCpuTime() - before;
            if (!result.failures().isEmpty()) {
                throw new IllegalStateException("assembler refused records: " + result.failures().get(0));
            }
            assemblerInvocations++;
            spans += result.spans();
            allSpans += result.spans();
            traces += result.traces();
            lastInvokedAt = b.invokedAtMillis();
        }
    }

    /**
     * Finalizes every timer that is due, in batches of {@value #FINALIZER_BATCH}, as the queue's
     * event source would, at a simulated time when every trace sent so far has gone idle.
     */
    void finalizeDue() {
        clock.set(Instant.ofEpochMilli(lastInvokedAt + settings.idlePeriod().toMillis() + 1_000));
        int idle = 0;
        while (idle < 2) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(FINALIZER_BATCH)
                    .waitTimeSeconds(1).visibilityTimeout(60)).messages();
            if (batch.isEmpty()) {
                idle++;
                continue;
            }
            idle = 0;
            List<TimerMessage> timers = new ArrayList<>();
            for (Message m : batch) timers.add(new TimerMessage(m.messageId(), TimerMessages.decode(m.body())));
            long before = threads.getCurrentThreadCpuTime();
            FinalizeResult result = finalizer.finalizeTraces(timers);
            finalizerCpu += threads.getCurrentThreadCpuTime() - before;
            if (!result.failedMessageIds().isEmpty()) {
                throw new IllegalStateException("finalizer failed: " + result.problems());
            }
            finalizerInvocations++;
            finalized += result.finalized();
            sqs.deleteMessageBatch(d -> d.queueUrl(queue).entries(batch.stream()
                    .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                            .receiptHandle(m.receiptHandle()).build()).toList()));
        }
    }

    /** Ends the warm-up: what follows is measured. */
    void startMeasuring() {
        assemblerStart = assemblerMeter.snapshot();
        finalizerStart = finalizerMeter.snapshot();
        spans = traces = finalized = 0;
        assemblerInvocations = finalizerInvocations = 0;
        assemblerCpu = finalizerCpu = 0;
    }

    /**
     * Index bytes per span stored so far, as the table reports its size (DynamoDB's own item
     * sizes, before its 100 bytes of overhead per item), or NaN when the table reports none.
     */
    double tableBytesPerSpan() {
        Long bytes = dynamoDb.describeTable(d -> d.tableName(table)).table().tableSizeBytes();
        return bytes == null || bytes == 0 ? Double.NaN : (double) bytes / allSpans;
    }

    Figures figures() {
        return new Figures(spans, traces, finalized,
                new Stage(assemblerMeter.snapshot().minus(assemblerStart), assemblerInvocations, assemblerCpu),
                new Stage(finalizerMeter.snapshot().minus(finalizerStart), finalizerInvocations, finalizerCpu));
    }
}
