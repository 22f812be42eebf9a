package dev.skein.benchmarks.cost;

import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.emulators.DynamoDbEmulator;
import dev.skein.emulators.KinesisEmulator;
import dev.skein.emulators.S3Emulator;
import dev.skein.emulators.SqsEmulator;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Runs the mix through the real pipeline code on the emulators (Kinesis emulator, DynamoDB
 * Local, S3Proxy, ElasticMQ, all started here): ingest once, then the assembler and finalizer
 * once per monthly volume, because the traffic rate decides how full the stream's batches are.
 */
final class PipelineMeasurement {
    /** An on-demand stream starts with 4 shards; the mapping batches each shard separately. */
    static final int SHARDS = 4;
    /** SkeinProps' defaults for the stream's event source mapping. */
    static final int ASSEMBLER_BATCH = 100;
    static final long BATCHING_WINDOW_MILLIS = 10_000;
    /** Hours AWS bills a month as. */
    static final double HOURS_PER_MONTH = 730;
    /** Share of the traffic that only warms up (JIT, catalogue entries, pending timers). */
    static final double WARMUP_SHARE = 0.25;
    private static final String STREAM = "skein-cost-spans";

    /** Everything measured: the mix, ingest, and per monthly volume the assembly figures. */
    record Result(TrafficMix mix, IngestRun.Figures ingest, Map<Long, Volume> volumes) {}

    /** The assembler and finalizer at one monthly volume, and the index bytes it stored per span. */
    record Volume(long spansPerMonth, int meanBatchRecords, AssemblyRun.Figures figures, double tableBytesPerSpan) {}

    private PipelineMeasurement() {}

    static Result run(int fixtureRequests, List<Long> spansPerMonth, PrintStream progress) throws Exception {
        TrafficMix mix = TrafficMix.build(fixtureRequests);
        progress.println("mix: " + mix.describe());
        int warmupExports = (int) (mix.exports().size() * WARMUP_SHARE);
        int warmupRequests = (int) (fixtureRequests * WARMUP_SHARE);
        try (KinesisEmulator kinesis = KinesisEmulator.start();
                DynamoDbEmulator dynamoDbEmulator = DynamoDbEmulator.start();
                S3Emulator s3Emulator = S3Emulator.start();
                SqsEmulator sqsEmulator = SqsEmulator.start();
                KinesisClient kinesisClient = kinesis.kinesisClient();
                AwsClients dynamoDb = clients(dynamoDbEmulator.endpoint());
                AwsClients s3 = clients(s3Emulator.endpoint());
                AwsClients sqs = clients(sqsEmulator.endpoint())) {
            kinesis.createStream(STREAM, SHARDS);
            progress.printf("ingest: %d export requests into the Kinesis emulator%n", mix.exports().size());
            IngestRun.Figures ingest = IngestRun.run(mix, kinesisClient, STREAM, warmupExports);
            progress.printf("ingest: %,d records%n", ingest.records());

            Map<Long, AssemblyRun> runs = new LinkedHashMap<>();
            Map<Long, List<StreamBatches.Batch>> measured = new LinkedHashMap<>();
            Map<Long, Integer> meanBatch = new LinkedHashMap<>();
            boolean warmedUp = false;
            Map<List<String>, Long> runByShape = new LinkedHashMap<>();
            Map<Long, Long> sameAs = new LinkedHashMap<>();
            for (long volume : spansPerMonth) {
                List<StreamBatches.Batch> batches = batches(ingest.sent(), volume);
                meanBatch.put(volume, (int) Math.round((double) ingest.records() / batches.size()));
                // Full batches close on their size, not the window: a higher rate gives the same batches.
                Long earlier = runByShape.putIfAbsent(shape(batches), volume);
                if (earlier != null) {
                    sameAs.put(volume, earlier);
                    progress.printf("assemble at %,d spans/month: the same batches as at %,d%n", volume, earlier);
                    continue;
                }
                long warmupEnd = arrivalMillis(warmupRequests, volume);
                List<StreamBatches.Batch> warm = new ArrayList<>();
                List<StreamBatches.Batch> rest = new ArrayList<>();
                for (StreamBatches.Batch b : batches) (b.invokedAtMillis() < warmupEnd ? warm : rest).add(b);
                AssemblyRun run = new AssemblyRun(dynamoDb, s3, sqs);
                progress.printf("assemble at %,d spans/month: %d warm-up and %d measured batches%n", volume,
                        warm.size(), rest.size());
                run.assemble(warm);
                warmedUp |= !warm.isEmpty();
                runs.put(volume, run);
                measured.put(volume, rest);
            }
            if (warmedUp) waitForTimers(runs.values().iterator().next());
            for (AssemblyRun run : runs.values()) {
                if (warmedUp) run.finalizeDue();
                run.startMeasuring();
            }
            for (Map.Entry<Long, AssemblyRun> e : runs.entrySet()) e.getValue().assemble(measured.get(e.getKey()));
            waitForTimers(runs.values().iterator().next());
            for (Map.Entry<Long, AssemblyRun> e : runs.entrySet()) {
                e.getValue().finalizeDue();
                progress.printf("finalized at %,d spans/month: %,d traces%n", e.getKey(),
                        e.getValue().figures().finalized());
            }
            Map<Long, Volume> volumes = new LinkedHashMap<>();
            for (long volume : spansPerMonth) {
                AssemblyRun run = runs.get(sameAs.getOrDefault(volume, volume));
                volumes.put(volume, new Volume(volume, meanBatch.get(volume), run.figures(), run.tableBytesPerSpan()));
            }
            return new Result(mix, ingest, volumes);
        }
    }

    /** The traffic's records as the stream's event source would batch them at this monthly volume. */
    static List<StreamBatches.Batch> batches(List<IngestRun.SentRecord> sent, long spansPerMonth) {
        List<StreamBatches.TimedRecord> timed = new ArrayList<>(sent.size());
        for (IngestRun.SentRecord r : sent) {
            timed.add(new StreamBatches.TimedRecord(r.partitionKey(), r.data(),
                    arrivalMillis(r.generatedAt(), spansPerMonth)));
        }
        return StreamBatches.of(timed, SHARDS, ASSEMBLER_BATCH, BATCHING_WINDOW_MILLIS);
    }

    /** Simulated time of fixture request {@code index}: 512 spans each, at the volume's steady rate. */
    static long arrivalMillis(int index, long spansPerMonth) {
        double spansPerSecond = spansPerMonth / (HOURS_PER_MONTH * 3600);
        return Math.round(index * TrafficMix.SPANS_PER_EXPORT * 1000.0 / spansPerSecond);
    }

    /** Which records each batch holds, in invocation order. */
    private static List<String> shape(List<StreamBatches.Batch> batches) {
        List<String> shape = new ArrayList<>(batches.size());
        for (StreamBatches.Batch b : batches) shape.add(b.records().get(0).id() + "+" + b.records().size());
        return shape;
    }

    /** Timers wait out the idle period for real in the queue. */
    private static void waitForTimers(AssemblyRun run) throws InterruptedException {
        Thread.sleep(run.idlePeriod().toMillis() + 1_000);
    }

    private static AwsClients clients(URI endpoint) {
        return new AwsClients(AwsClientSettings.fromEnvironment(
                Map.of(AwsClientSettings.ENDPOINT, endpoint.toString())));
    }
}
