package dev.skein.benchmarks;

import dev.skein.assembly.BatchRecord;
import dev.skein.codec.DecodeException;
import dev.skein.codec.OtlpProtoDecoder;
import dev.skein.codec.SpanRowCodec;
import dev.skein.codec.StreamRecordCodec;
import dev.skein.fixtures.OtlpFixtures;
import dev.skein.ingest.IngestLimits;
import dev.skein.ingest.IngestResult;
import dev.skein.ingest.SpanIngester;
import dev.skein.ingest.StreamRecord;
import dev.skein.model.Span;
import dev.skein.model.TraceId;
import dev.skein.storage.TraceKey;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark request past ingest, as the span stream carries it. Each service exports its own
 * spans, as every service's SDK does, so the request is split into one export per resource; each
 * export goes through {@link SpanIngester} with record bodies gzip'd at the default level 6. A
 * trace that crosses services thus reaches the stream as several records: the chunks the
 * assembler stores, and the finalizer and the query later read and combine.
 *
 * <p>Built once per JVM from {@link Fixture}'s request, plus further requests of the same
 * generator (seeds 2, 3, ...) for a stream batch of {@value #BATCH_RECORDS} records.
 */
final class StreamFixture {
    static final String TENANT = IngestBenchmarks.TENANT;
    /** Records per assembler batch: the Kinesis event source mapping's default batch size. */
    static final int BATCH_RECORDS = 100;
    /**
     * The spans in those records. JMH needs the count as a constant; {@link #check} fails when
     * the generator changes and the batch no longer holds this many.
     */
    static final int BATCH_SPANS = 446;
    /** Deflate level of record bodies: ingest's default. */
    static final int RECORD_COMPRESSION = 6;

    /** One trace's spans as one record carried them, with their size as span rows (the byte limit's unit). */
    record Chunk(List<Span> spans, int rowBytes) {}

    private static final class Holder {
        static final StreamFixture INSTANCE = build();
    }

    /** The records of {@link Fixture}'s request, one list per service's export. */
    private final List<List<StreamRecord>> exports;
    /** The same records decoded, per trace in the order they were exported. */
    private final Map<TraceId, List<Chunk>> chunks;
    /** The first {@value #BATCH_RECORDS} records of the stream, as an event source hands them over. */
    private final List<BatchRecord> batch;

    private StreamFixture(List<List<StreamRecord>> exports, Map<TraceId, List<Chunk>> chunks,
            List<BatchRecord> batch) {
        this.exports = exports;
        this.chunks = chunks;
        this.batch = batch;
    }

    static StreamFixture get() {
        return Holder.INSTANCE;
    }

    List<List<StreamRecord>> exports() {
        return exports;
    }

    Map<TraceId, List<Chunk>> chunks() {
        return chunks;
    }

    List<BatchRecord> batch() {
        return batch;
    }

    /** The export's records as one batch; {@code firstId} numbers them so batches never share IDs. */
    static List<BatchRecord> asBatch(List<StreamRecord> records, int firstId) {
        long arrival = Fixture.get().now().toEpochMilli();
        List<BatchRecord> batch = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            // Shaped like Kinesis sequence numbers: the assembler derives object keys from them.
            batch.add(new BatchRecord(String.format(Locale.ROOT, "%056d", firstId + i), arrival,
                    records.get(i).data()));
        }
        return batch;
    }

    /** The trace a stream record carries spans of. */
    static TraceKey traceKey(byte[] record) {
        try {
            StreamRecordCodec.Header h = StreamRecordCodec.decode(record).header();
            return new TraceKey(h.tenant(), h.traceId());
        } catch (DecodeException e) {
            throw new IllegalStateException("ingest wrote a record it cannot read back: " + e.getMessage(), e);
        }
    }

    private static StreamFixture build() {
        try {
            List<List<StreamRecord>> exports = exports(Fixture.get().request());
            Map<TraceId, List<Chunk>> chunks = new LinkedHashMap<>();
            for (List<StreamRecord> export : exports) {
                for (StreamRecord r : export) {
                    StreamRecordCodec.Decoded d = StreamRecordCodec.decode(r.data());
                    chunks.computeIfAbsent(d.header().traceId(), t -> new ArrayList<>())
                            .add(new Chunk(d.spans(), SpanRowCodec.rows(d.spans()).length));
                }
            }
            List<StreamRecord> stream = new ArrayList<>();
            exports.forEach(stream::addAll);
            for (long seed = 2; stream.size() < BATCH_RECORDS; seed++) {
                exports(OtlpFixtures.request(seed, Fixture.SPANS, OtlpFixtures.DEFAULT_NOW_NANOS))
                        .forEach(stream::addAll);
            }
            StreamFixture f = new StreamFixture(exports, chunks,
                    asBatch(stream.subList(0, BATCH_RECORDS), 0));
            f.check();
            return f;
        } catch (DecodeException e) {
            throw new IllegalStateException("ingest wrote a record it cannot read back: " + e.getMessage(), e);
        }
    }

    /** The request split per service, each export ingested on its own, all spans accepted. */
    private static List<List<StreamRecord>> exports(ExportTraceServiceRequest request) {
        Clock clock = Clock.fixed(Fixture.get().now(), ZoneOffset.UTC);
        List<List<StreamRecord>> exports = new ArrayList<>();
        for (ResourceSpans service : request.getResourceSpansList()) {
            ExportTraceServiceRequest export = ExportTraceServiceRequest.newBuilder().addResourceSpans(service).build();
            List<StreamRecord> records = new ArrayList<>();
            IngestResult r;
            try {
                r = new SpanIngester(IngestLimits.DEFAULTS, clock, records::addAll, RECORD_COMPRESSION)
                        .ingest(TENANT, new OtlpProtoDecoder(), export.toByteArray());
            } catch (Exception e) {
                throw new IllegalStateException("ingest refused a service's export of the fixture: " + e, e);
            }
            int spans = IngestBenchmarks.spanCount(export);
            if (r.acceptedSpans() != spans || r.rejectedSpans() != 0) {
                throw new IllegalStateException("ingest accepted " + r.acceptedSpans() + " of " + spans
                        + " spans of a service's export; the benchmarks would not see the whole fixture. "
                        + r.message());
            }
            exports.add(records);
        }
        return exports;
    }

    /** Refuses a fixture that is not what the benchmarks' operation counts say. */
    private void check() throws DecodeException {
        int spans = 0;
        for (List<Chunk> trace : chunks.values()) {
            for (Chunk c : trace) spans += c.spans().size();
        }
        if (spans != Fixture.SPANS) {
            throw new IllegalStateException("the stream records hold " + spans + " spans of the request's "
                    + Fixture.SPANS);
        }
        int batchSpans = 0;
        for (BatchRecord r : batch) batchSpans += StreamRecordCodec.decode(r.data()).spans().size();
        if (batchSpans != BATCH_SPANS) {
            throw new IllegalStateException("the first " + BATCH_RECORDS + " stream records hold " + batchSpans
                    + " spans, not " + BATCH_SPANS + ": the generator changed; set StreamFixture.BATCH_SPANS to "
                    + batchSpans + " so the figures count spans right");
        }
    }

    /** The stream's shape in a few words, for the report. */
    String describe() {
        int records = 0;
        for (List<StreamRecord> export : exports) records += export.size();
        int multi = 0;
        for (List<Chunk> trace : chunks.values()) if (trace.size() > 1) multi++;
        return String.format(Locale.ROOT, "the request split into %d per-service exports: %d stream records"
                + " for %d traces, %d of them in more than one record; a batch of %d records holds %,d spans",
                exports.size(), records, chunks.size(), multi, BATCH_RECORDS, BATCH_SPANS);
    }
}
