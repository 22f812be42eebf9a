package dev.skein.benchmarks.load;

import dev.skein.fixtures.OtlpFixtures;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request body of the shared fixture, encoded once before timing, that can be sent many times
 * as distinct traces: {@link #render} copies the body and changes the first 8 bytes of every trace
 * ID in it by a per-send number, which costs a copy rather than an encoding. The body keeps its
 * spans, times and sizes; only the IDs differ between sends.
 *
 * @param idOffsets where each trace ID starts in {@code body}: 16 bytes in protobuf, 32 hex
 *     characters in JSON
 * @param sampleTraceId the trace this batch offers to the freshness probe (its first trace), as
 *     encoded before {@link #render} changes it
 * @param sampleSpans how many spans that trace has in the batch
 */
record LoadBatch(WireFormat format, byte[] body, int spans, int[] idOffsets, byte[] sampleTraceId,
        int sampleSpans) {

    /** The two ways spans are posted: the path, content type and how trace IDs are written. */
    enum WireFormat {
        OTLP_PROTO("/v1/traces", "application/x-protobuf", false),
        ZIPKIN_JSON("/api/v2/spans", "application/json", true);

        final String path;
        final String contentType;
        final boolean hexIds;

        WireFormat(String path, String contentType, boolean hexIds) {
            this.path = path;
            this.contentType = contentType;
            this.hexIds = hexIds;
        }

        String label() {
            return this == OTLP_PROTO ? "OTLP protobuf" : "Zipkin v2 JSON";
        }
    }

    /**
     * The fixture's request from {@code seed} with {@code spans} spans ending before
     * {@code nowEpochNanos}, in {@code format}.
     */
    static LoadBatch build(WireFormat format, long seed, int spans, long nowEpochNanos) {
        ExportTraceServiceRequest request = OtlpFixtures.request(seed, spans, nowEpochNanos);
        Map<String, Integer> perTrace = new LinkedHashMap<>();
        HexFormat hex = HexFormat.of();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    perTrace.merge(hex.formatHex(s.getTraceId().toByteArray()), 1, Integer::sum);
                }
            }
        }
        byte[] body = format == WireFormat.OTLP_PROTO ? OtlpFixtures.protobuf(request)
                : OtlpFixtures.zipkinJson(request);
        int[] offsets = new int[0];
        for (String traceId : perTrace.keySet()) {
            byte[] needle = format.hexIds ? traceId.getBytes(StandardCharsets.US_ASCII) : hex.parseHex(traceId);
            offsets = concat(offsets, occurrences(body, needle));
        }
        Arrays.sort(offsets);
        Map.Entry<String, Integer> first = perTrace.entrySet().iterator().next();
        return new LoadBatch(format, body, spans, offsets, hex.parseHex(first.getKey()), first.getValue());
    }

    /** The body with every trace ID's first 8 bytes XORed with a mix of {@code sendNumber}. */
    byte[] render(long sendNumber) {
        byte[] out = body.clone();
        long mask = mask(sendNumber);
        for (int offset : idOffsets) {
            if (format.hexIds) {
                for (int i = 0; i < 16; i++) {
                    int nibble = Character.digit(out[offset + i], 16) ^ ((int) (mask >>> (60 - 4 * i)) & 0xf);
                    out[offset + i] = (byte) Character.forDigit(nibble, 16);
                }
            } else {
                for (int i = 0; i < 8; i++) {
                    out[offset + i] ^= (byte) (mask >>> (56 - 8 * i));
                }
            }
        }
        return out;
    }

    /** The sample trace's ID, in hex, as {@link #render} with {@code sendNumber} writes it. */
    String sampleTraceIdHex(long sendNumber) {
        byte[] id = sampleTraceId.clone();
        long mask = mask(sendNumber);
        for (int i = 0; i < 8; i++) {
            id[i] ^= (byte) (mask >>> (56 - 8 * i));
        }
        return HexFormat.of().formatHex(id);
    }

    /** Spreads consecutive send numbers over all 64 bits (SplitMix64's finalizer). */
    private static long mask(long sendNumber) {
        long z = sendNumber + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int[] occurrences(byte[] haystack, byte[] needle) {
        int[] found = new int[8];
        int n = 0;
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            if (n == found.length) found = Arrays.copyOf(found, n * 2);
            found[n++] = i;
        }
        return Arrays.copyOf(found, n);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
