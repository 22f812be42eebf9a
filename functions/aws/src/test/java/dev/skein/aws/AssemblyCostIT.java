package dev.skein.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.aws.dynamodb.DynamoIndexSettings;
import dev.skein.aws.dynamodb.DynamoTraceIndex;
import dev.skein.aws.s3.S3SpanArchive;
import dev.skein.aws.sqs.SqsTimerQueue;
import dev.skein.finalize.FinalizeResult;
import dev.skein.finalize.TraceFinalizer;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.query.TraceReader;
import dev.skein.storage.TimerMessage;
import dev.skein.storage.TimerMessages;
import dev.skein.storage.TraceBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What assembly costs, measured on the emulators for a realistic mix: traces of 30 spans from 5
 * services (each service's 6 spans one stream record, as its exporter sends them), about 400
 * bytes per span, the chunks of one trace arriving over about two stream batches of 100 records.
 * Counts the DynamoDB write units the adapters were charged ({@code ReturnConsumedCapacity}),
 * the S3 requests and bytes and the SQS requests, and prints them per million spans.
 *
 * <p>Not a timing: capacity units are deterministic, so the goal (at most 0.15 DynamoDB write
 * units per span, assembler and finalizer together) is asserted.
 */
class AssemblyCostIT {
    static final int TRACES = 600;
    static final int SERVICES = 5;
    static final int SPANS_PER_SERVICE = 6;
    static final int STREAM_BATCH = 100;
    static final int FINALIZER_BATCH = 100;
    static final double WRITE_UNITS_PER_SPAN_GOAL = 0.15;

    @Test
    void realisticMix_costsAtMostTheGoalInDynamoDbWriteUnitsPerSpan() {
        try (AwsTarget dynamoDb = AwsTarget.dynamoDb(); AwsTarget s3 = AwsTarget.s3(); AwsTarget sqs = AwsTarget.sqs()) {
            PipelineSettings settings = PipelineSettings.DEFAULTS.withIdlePeriod(Duration.ZERO);
            UsageMeter assemblerMeter = new UsageMeter();
            UsageMeter finalizerMeter = new UsageMeter();
            String bucket = AwsTarget.uniqueName("cost");
            String table = AwsTarget.uniqueName("cost");
            StorageProvisioning.createBucketIfMissing(s3.clients().s3(), bucket);
            StorageProvisioning.createTableIfMissing(dynamoDb.clients().dynamoDb(), table, Duration.ofSeconds(60));
            String queue = StorageProvisioning.createQueueIfMissing(sqs.clients().sqs(), AwsTarget.uniqueName("cost"));
            DynamoIndexSettings indexSettings = DynamoIndexSettings.defaults();
            Clock clock = Clock.systemUTC();

            TraceAssembler assembler = new TraceAssembler(new S3SpanArchive(s3.clients().s3(), bucket, assemblerMeter),
                    new DynamoTraceIndex(dynamoDb.clients().dynamoDb(), table, assemblerMeter, indexSettings),
                    new SqsTimerQueue(sqs.clients().sqs(), queue, assemblerMeter), settings, clock);
            S3SpanArchive finalizerArchive = new S3SpanArchive(s3.clients().s3(), bucket, finalizerMeter);
            DynamoTraceIndex finalizerIndex = new DynamoTraceIndex(dynamoDb.clients().dynamoDb(), table, finalizerMeter, indexSettings);
            TraceFinalizer finalizer = new TraceFinalizer(new TraceReader(finalizerArchive, finalizerIndex, settings),
                    finalizerIndex, new SqsTimerQueue(sqs.clients().sqs(), queue, finalizerMeter), settings, clock);

            Mix mix = realisticMix(clock.millis());
            int batches = 0;
            for (int from = 0; from < mix.records.size(); from += STREAM_BATCH) {
                List<BatchRecord> batch = new ArrayList<>();
                for (int i = from; i < Math.min(mix.records.size(), from + STREAM_BATCH); i++) {
                    batch.add(new BatchRecord(String.format("%056d", i), clock.millis(), mix.records.get(i)));
                }
                assertThat(assembler.assemble(batch).failures()).isEmpty();
                batches++;
            }
            int finalized = drainTimers(sqs.clients().sqs(), queue, finalizer);

            UsageSnapshot a = assemblerMeter.snapshot();
            UsageSnapshot f = finalizerMeter.snapshot();
            double spans = mix.spans;
            double perMillion = 1_000_000.0 / spans;
            double wcuPerSpan = (a.dynamoDbWriteUnits() + f.dynamoDbWriteUnits()) / spans;
            System.out.printf(Locale.ROOT, "%nAssembly cost, realistic mix: %d traces, %d spans (%.0f OTLP bytes/span), "
                            + "%d stream records in %d batches of %d, finalizer batches of %d, %d traces finalized%n",
                    TRACES, mix.spans, mix.otlpBytesPerSpan, mix.records.size(), batches, STREAM_BATCH,
                    FINALIZER_BATCH, finalized);
            System.out.printf(Locale.ROOT, "  DynamoDB write units per span: %.4f (assembler %.4f, finalizer %.4f); goal <= %.2f%n",
                    wcuPerSpan, a.dynamoDbWriteUnits() / spans, f.dynamoDbWriteUnits() / spans, WRITE_UNITS_PER_SPAN_GOAL);
            System.out.printf(Locale.ROOT, "  per million spans: DynamoDB %.0f WCU, %.0f RCU; requests %s / %s%n",
                    (a.dynamoDbWriteUnits() + f.dynamoDbWriteUnits()) * perMillion,
                    (a.dynamoDbReadUnits() + f.dynamoDbReadUnits()) * perMillion,
                    scaled(a, perMillion), scaled(f, perMillion));
            System.out.printf(Locale.ROOT, "  per million spans: S3 %.0f PUT (%.1f MB), %.0f GET (%.1f MB); SQS %.0f requests%n",
                    (a.s3PutRequests() + f.s3PutRequests()) * perMillion,
                    (a.s3BytesWritten() + f.s3BytesWritten()) * perMillion / 1e6,
                    (a.s3GetRequests() + f.s3GetRequests()) * perMillion,
                    (a.s3BytesRead() + f.s3BytesRead()) * perMillion / 1e6,
                    (a.sqsRequests() + f.sqsRequests()) * perMillion);
            System.out.printf(Locale.ROOT, "  at on-demand prices: DynamoDB $%.3f, S3 PUT $%.3f, S3 GET $%.4f per million spans%n%n",
                    (a.dynamoDbWriteUnits() + f.dynamoDbWriteUnits()) * perMillion * 0.625 / 1e6,
                    (a.s3PutRequests() + f.s3PutRequests()) * perMillion * 0.005 / 1000,
                    (a.s3GetRequests() + f.s3GetRequests()) * perMillion * 0.0004 / 1000);

            assertThat(finalized).isEqualTo(TRACES);
            assertThat(wcuPerSpan).isLessThanOrEqualTo(WRITE_UNITS_PER_SPAN_GOAL);
        }
    }

    private static String scaled(UsageSnapshot s, double factor) {
        StringBuilder b = new StringBuilder("{");
        s.dynamoDbRequests().forEach((op, n) -> b.append(b.length() > 1 ? ", " : "").append(op).append('=')
                .append(Math.round(n * factor)));
        return b.append('}').toString();
    }

    /** Receives timers in batches as the event source mapping would and finalizes them. */
    private static int drainTimers(SqsClient client, String queue, TraceFinalizer finalizer) {
        int finalized = 0;
        int idleRounds = 0;
        while (idleRounds < 3) {
            List<Message> batch = new ArrayList<>();
            while (batch.size() < FINALIZER_BATCH) {
                List<Message> got = client.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                        .waitTimeSeconds(1).visibilityTimeout(60)).messages();
                if (got.isEmpty()) break;
                batch.addAll(got);
            }
            if (batch.isEmpty()) {
                idleRounds++;
                continue;
            }
            idleRounds = 0;
            List<TimerMessage> timers = new ArrayList<>();
            for (Message m : batch) timers.add(new TimerMessage(m.messageId(), TimerMessages.decode(m.body())));
            FinalizeResult r = finalizer.finalizeTraces(timers);
            assertThat(r.failedMessageIds()).as("finalize problems: %s", r.problems()).isEmpty();
            finalized += r.finalized();
            for (int i = 0; i < batch.size(); i += 10) {
                List<Message> chunk = batch.subList(i, Math.min(batch.size(), i + 10));
                client.deleteMessageBatch(b -> b.queueUrl(queue).entries(chunk.stream()
                        .map(m -> software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                                .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
            }
        }
        return finalized;
    }

    record Mix(List<byte[]> records, int spans, double otlpBytesPerSpan) {}

    /**
     * Each trace: a gateway root, then a chain of services, each with a SERVER span, INTERNAL work
     * and CLIENT calls; one service also calls a database. Records are ordered by when their
     * service exported them: up to 60 records after the trace started, so one trace's chunks land
     * in one or two stream batches.
     */
    static Mix realisticMix(long nowMillis) {
        Random random = new Random(42);
        String[] services = {"gateway", "checkout", "cart", "payments", "ledger"};
        List<long[]> order = new ArrayList<>(); // [position, record index]
        List<byte[]> records = new ArrayList<>();
        long bytes = 0;
        int spans = 0;
        for (int t = 0; t < TRACES; t++) {
            TraceBuilder trace = TraceBuilder.trace(nowMillis - 120_000 + t * 50L);
            List<List<Span>> byService = new ArrayList<>();
            long nextId = 1;
            long callerClient = 0;
            for (int s = 0; s < SERVICES; s++) {
                List<Span> chunk = new ArrayList<>();
                long server = nextId++;
                chunk.add(trace.span(server, callerClient, services[s], "POST /" + services[s] + "/v1/items",
                        SpanKind.SERVER, s * 5L, 200 - s * 30L, attributes(random, s, "http.route")));
                for (int i = 1; i < SPANS_PER_SERVICE - 1; i++) {
                    chunk.add(trace.span(nextId++, server, services[s], "process step " + i, SpanKind.INTERNAL,
                            s * 5L + i, 5, attributes(random, s, "code.function")));
                }
                long client = nextId++;
                boolean database = s == SERVICES - 1;
                chunk.add(trace.span(client, server, services[s], database ? "SELECT ledger" : "POST /next",
                        SpanKind.CLIENT, s * 5L + 4, 100 - s * 15L, database
                                ? new Attribute[] {TraceBuilder.attr("db.system", "postgresql"),
                                        TraceBuilder.attr("server.address", "ledger-db"),
                                        TraceBuilder.attr("db.statement", "SELECT * FROM ledger WHERE id = ?")}
                                : attributes(random, s, "url.full")));
                callerClient = client;
                byService.add(chunk);
            }
            for (List<Span> chunk : byService) {
                for (byte[] r : TraceBuilder.records("acme", chunk)) {
                    order.add(new long[] {t * (long) SERVICES + random.nextInt(60), records.size()});
                    records.add(r);
                }
                spans += chunk.size();
                bytes += new dev.skein.codec.OtlpProtoEncoder().encode(chunk).length;
            }
        }
        order.sort(Comparator.comparingLong(o -> o[0]));
        List<byte[]> ordered = new ArrayList<>();
        for (long[] o : order) ordered.add(records.get((int) o[1]));
        return new Mix(ordered, spans, bytes / (double) spans);
    }

    private static Attribute[] attributes(Random random, int service, String extraKey) {
        return new Attribute[] {
            TraceBuilder.attr("http.request.method", "POST"),
            TraceBuilder.attr("http.response.status_code", "200"),
            TraceBuilder.attr("server.address", "svc-" + service + ".internal"),
            TraceBuilder.attr("user_agent.original", "skein-load/1.0 (linux; java 21)"),
            TraceBuilder.attr("customer.id", "c-" + random.nextInt(10_000)),
            TraceBuilder.attr(extraKey, "/api/v1/items/" + Long.toHexString(random.nextLong()) + "/details"),
        };
    }
}
