package dev.skein.it;

import java.nio.charset.StandardCharsets;

/**
 * OTLP/JSON export requests written by hand: for tests that must choose the trace and span IDs
 * themselves (an SDK draws its own).
 */
final class OtlpJson {
    private OtlpJson() {}

    /**
     * One trace of two services: {@code front} serves {@code operation} and calls {@code back},
     * which serves the call; {@code spanCount} spans in all, the rest children of the back span.
     */
    static byte[] trace(String traceId, String front, String back, String operation, int spanCount, long startNanos) {
        StringBuilder frontSpans = new StringBuilder();
        StringBuilder backSpans = new StringBuilder();
        frontSpans.append(span(traceId, 1, 0, operation, 2, startNanos, 10_000_000));
        frontSpans.append(',').append(span(traceId, 2, 1, "call " + back, 3, startNanos + 1_000_000, 8_000_000));
        backSpans.append(span(traceId, 3, 2, "handle " + operation, 2, startNanos + 2_000_000, 6_000_000));
        for (int i = 4; i <= spanCount; i++) {
            backSpans.append(',').append(span(traceId, i, 3, "step " + i, 1, startNanos + 2_000_000 + i, 1_000));
        }
        String json = "{\"resourceSpans\":[" + resource(front, frontSpans) + "," + resource(back, backSpans) + "]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String service, CharSequence spans) {
        return "{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"" + service
                + "\"}}]},\"scopeSpans\":[{\"spans\":[" + spans + "]}]}";
    }

    private static String span(String traceId, long id, long parent, String name, int kind, long start, long duration) {
        return "{\"traceId\":\"" + traceId + "\",\"spanId\":\"" + String.format("%016x", id) + "\""
                + (parent == 0 ? "" : ",\"parentSpanId\":\"" + String.format("%016x", parent) + "\"")
                + ",\"name\":\"" + name + "\",\"kind\":" + kind + ",\"startTimeUnixNano\":\"" + start
                + "\",\"endTimeUnixNano\":\"" + (start + duration) + "\"}";
    }
}
