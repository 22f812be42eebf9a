package dev.skein.benchmarks.cost;

import dev.skein.aws.kinesis.KinesisRecordSink;
import dev.skein.aws.kinesis.KinesisSinkSettings;
import dev.skein.codec.OtlpProtoDecoder;
import dev.skein.codec.SpanDecoder;
import dev.skein.ingest.IngestLimits;
import dev.skein.ingest.IngestResult;
import dev.skein.ingest.SpanIngester;
import dev.skein.ingest.StreamRecord;
import dev.skein.storage.MovableClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Sends the mix's export requests through {@link SpanIngester} with the real {@link
 * KinesisRecordSink} into a Kinesis stream, at the ingest function's default record compression,
 * and weighs what Kinesis bills: records, bytes (data plus partition key), 1 KB-rounded record
 * sizes (on demand) and 25 KB PUT payload units (provisioned). The ingesting thread's CPU time is
 * taken around each request after the warm-up requests.
 */
final class IngestRun {
    /** The ingest function's default {@code SKEIN_RECORD_COMPRESSION}. */
    static final int RECORD_COMPRESSION = 6;
    static final String TENANT = "acme";
    /** PutRecords takes at most 500 entries per call. */
    private static final int PUT_RECORDS_ENTRIES = 500;

    /** A record as stored, and the fixture request during which its export was sent. */
    record SentRecord(String partitionKey, byte[] data, int generatedAt) {}

    /** What ingest produced and cost. CPU and spans measured cover the requests after the warm-up. */
    record Figures(long requests, long spans, long records, long recordBytes, long onDemandKilobytes,
            long putPayloadUnits, long putRecordsCalls, long measuredRequests, long measuredSpans,
            long cpuNanos, List<SentRecord> sent) {}

    private IngestRun() {}

    static Figures run(TrafficMix mix, KinesisClient kinesis, String stream, int warmupRequests) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        KinesisRecordSink kinesisSink = new KinesisRecordSink(kinesis, stream, KinesisSinkSettings.defaults());
        SpanDecoder decoder = new OtlpProtoDecoder();
        List<SentRecord> sent = new ArrayList<>();
        long spans = 0, records = 0, bytes = 0, kilobytes = 0, putUnits = 0, calls = 0;
        long measuredRequests = 0, measuredSpans = 0, cpu = 0;
        int index = 0;
        MovableClock clock = new MovableClock(Instant.EPOCH);
        List<StreamRecord> batch = new ArrayList<>();
        SpanIngester ingester = new SpanIngester(IngestLimits.DEFAULTS, clock, r -> {
            kinesisSink.putAll(r);
            batch.addAll(r);
        }, RECORD_COMPRESSION);
        for (TrafficMix.Export export : mix.exports()) {
            batch.clear();
            clock.set(Instant.ofEpochMilli(export.nowNanos() / 1_000_000));
            long before = threads.getCurrentThreadCpuTime();
            IngestResult result = ingester.ingest(TENANT, decoder, export.otlpProto());
            long used = threads.getCurrentThreadCpuTime() - before;
            if (result.acceptedSpans() != export.spans()) {
                throw new IllegalStateException("ingest accepted " + result.acceptedSpans() + " of "
                        + export.spans() + " spans: " + result.message());
            }
            if (index++ >= warmupRequests) {
                measuredRequests++;
                measuredSpans += export.spans();
                cpu += used;
            }
            spans += export.spans();
            records += batch.size();
            calls += (batch.size() + PUT_RECORDS_ENTRIES - 1) / PUT_RECORDS_ENTRIES;
            for (StreamRecord r : batch) {
                int size = r.billedSize();
                bytes += size;
                kilobytes += (size + 1023) / 1024;
                putUnits += (size + 25 * 1024 - 1) / (25 * 1024);
                sent.add(new SentRecord(r.partitionKey(), r.data(), export.generatedAt()));
            }
        }
        return new Figures(mix.exports().size(), spans, records, bytes, kilobytes, putUnits, calls,
                measuredRequests, measuredSpans, cpu, sent);
    }
}
