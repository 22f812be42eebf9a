package dev.skein.ingest;

import dev.skein.codec.DecodeException;
import dev.skein.codec.DecodedSpans;
import dev.skein.codec.SpanDecoder;
import dev.skein.codec.StreamRecordCodec;
import dev.skein.codec.TooManySpansException;
import dev.skein.model.Hex;
import dev.skein.model.Span;
import dev.skein.model.TraceId;
import dev.skein.tenancy.QuotaGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest path, free of transport and of AWS: decode a body, reject bad spans one by one,
 * trim the rest to the limits, regroup by trace, encode one record per (tenant, trace) and hand
 * them to the sink. Returns only once the sink holds every record.
 */
public final class SpanIngester {
    private final IngestLimits limits;
    private final SpanPolicy policy;
    private final Clock clock;
    private final RecordSink sink;
    private final int compressionLevel;
    private final QuotaGate quota;

    /**
     * Without quotas: for measuring the ingest path itself.
     *
     * @param compressionLevel deflate level of record bodies, 0 to store them uncompressed
     */
    public SpanIngester(IngestLimits limits, Clock clock, RecordSink sink, int compressionLevel) {
        this(limits, clock, sink, compressionLevel, null);
    }

    /**
     * @param quota spends each request's spans and bytes from its tenant's quota before anything
     *     reaches the sink; null for none
     */
    public SpanIngester(IngestLimits limits, Clock clock, RecordSink sink, int compressionLevel, QuotaGate quota) {
        this.quota = quota;
        this.limits = limits;
        this.policy = new SpanPolicy(limits);
        this.clock = clock;
        this.sink = sink;
        this.compressionLevel = compressionLevel;
    }

    public IngestLimits limits() {
        return limits;
    }

    /**
     * @param tenant who sent the spans, from the authorizer, never from the request itself
     * @param body the request body, already decompressed
     */
    public IngestResult ingest(String tenant, SpanDecoder decoder, byte[] body)
            throws DecodeException, TooManySpansException, RecordSinkUnavailableException, OverQuotaException {
        DecodedSpans decoded = decoder.decode(body, limits.maxSpansPerRequest());
        List<String> reasons = new ArrayList<>(decoded.rejectionReasons());
        int rejected = decoded.rejectedCount();

        long now = nanos(clock.instant());
        SpanPolicy.Capper capper = policy.new Capper();
        Map<TraceId, List<Span>> byTrace = new LinkedHashMap<>();
        for (Span span : decoded.spans()) {
            String problem = policy.problem(span, now);
            if (problem != null) {
                rejected++;
                keep(reasons, problem);
                continue;
            }
            byTrace.computeIfAbsent(span.traceId(), t -> new ArrayList<>()).add(capper.cap(span));
        }

        List<StreamRecord> records = new ArrayList<>(byTrace.size());
        int accepted = 0;
        try (StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(compressionLevel)) {
            for (Map.Entry<TraceId, List<Span>> trace : byTrace.entrySet()) {
                StreamRecordCodec.EncodedTrace encoded = encoder.encodeTrace(tenant, trace.getValue());
                for (Span span : encoded.tooLarge()) {
                    rejected++;
                    if (reasons.size() < DecodedSpans.MAX_REASONS) { // the text only when kept
                        keep(reasons, "span " + Hex.spanIdToHex(span.spanId()) + " of trace "
                                + trace.getKey().toHex() + " is larger than the "
                                + encoder.maxBodyBytes() + " bytes a stream record can hold");
                    }
                }
                String key = StreamRecordCodec.partitionKey(tenant, trace.getKey());
                for (byte[] data : encoded.records()) {
                    records.add(new StreamRecord(key, data));
                }
                accepted += trace.getValue().size() - encoded.tooLarge().size();
            }
        } catch (IOException e) {
            // Encoding writes to memory only; an IOException here is a bug, not bad input.
            throw new UncheckedIOException("encoding span records failed", e);
        }

        if (quota != null && accepted > 0) {
            // After decoding, so the quota counts the spans that would be stored; before the
            // sink, so a refused request costs the stream nothing.
            QuotaGate.Admission admission = quota.admitSpans(tenant, accepted, body.length);
            if (!admission.admitted()) {
                throw new OverQuotaException(admission.reason(), admission.retryAfterSeconds(), accepted);
            }
        }
        if (!records.isEmpty()) {
            sink.putAll(records);
        }
        return new IngestResult(accepted, rejected, reasons, capper.droppedAttributes,
                capper.droppedEvents, capper.droppedLinks, capper.truncatedValues, records.size());
    }

    /** Keeps the first few reasons for the client's message; the count is kept apart, exactly. */
    private static void keep(List<String> reasons, String reason) {
        if (reasons.size() < DecodedSpans.MAX_REASONS) {
            reasons.add(reason);
        }
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
