package dev.skein.benchmarks.coldstart;

import dev.skein.codec.DecodeException;
import dev.skein.codec.OtlpProtoDecoder;
import dev.skein.codec.StreamRecordCodec;
import dev.skein.codec.TooManySpansException;
import dev.skein.fixtures.OtlpFixtures;
import dev.skein.ingest.IngestLimits;
import dev.skein.ingest.IngestResult;
import dev.skein.ingest.OverQuotaException;
import dev.skein.ingest.RecordSinkUnavailableException;
import dev.skein.ingest.SpanIngester;
import dev.skein.ingest.StreamRecord;
import dev.skein.storage.TraceKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The spans the events carry: the shared fixture's request ({@link OtlpFixtures}, {@value #SPANS}
 * spans, a typical OpenTelemetry SDK batch) placed just before now, each seed another set of
 * traces, so that no run finds the work of an earlier one already done.
 */
final class SpanTraffic {
    static final int SPANS = OtlpFixtures.DEFAULT_SPANS;

    private SpanTraffic() {}

    /** The request as an OTLP/HTTP exporter posts it. */
    static byte[] otlpProtobuf(long seed) {
        Instant now = Clock.systemUTC().instant();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return OtlpFixtures.protobuf(OtlpFixtures.request(seed, SPANS, nowNanos));
    }

    /** The span-stream records ingest writes for that request, for {@link FunctionEvents#TENANT}. */
    static List<StreamRecord> streamRecords(long seed) {
        List<StreamRecord> records = new ArrayList<>();
        SpanIngester ingester = new SpanIngester(IngestLimits.DEFAULTS, Clock.systemUTC(), records::addAll, 6);
        IngestResult result;
        try {
            result = ingester.ingest(FunctionEvents.TENANT, new OtlpProtoDecoder(), otlpProtobuf(seed));
        } catch (DecodeException | TooManySpansException | RecordSinkUnavailableException | OverQuotaException e) {
            throw new IllegalStateException("cannot ingest the fixture", e);
        }
        // All of them, or the events would exercise ingest's refusals instead of its work.
        if (result.rejectedSpans() > 0) {
            throw new IllegalStateException("ingest refused spans of the fixture: " + result.message());
        }
        return records;
    }

    /** The trace a record carries spans of. */
    static TraceKey trace(StreamRecord record) {
        try {
            StreamRecordCodec.Header header = StreamRecordCodec.decode(record.data()).header();
            return new TraceKey(header.tenant(), header.traceId());
        } catch (DecodeException e) {
            throw new IllegalStateException("ingest wrote a record it cannot read", e);
        }
    }
}
