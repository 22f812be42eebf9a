package dev.skein.benchmarks;

import dev.skein.fixtures.OtlpFixtures;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark request: the shared fixture's default request ({@link OtlpFixtures#request()},
 * {@value #SPANS} spans), in the three encodings ingest accepts, and the "now" its spans were
 * placed before. Built once per JVM from {@link OtlpFixtures}, so the benchmarks and the core's
 * codec tests speak of the same bytes.
 */
record Fixture(byte[] otlpProto, byte[] otlpJson, byte[] zipkinJson, Instant now,
        ExportTraceServiceRequest request) {
    /** Spans per request: a typical batch of an OpenTelemetry SDK. One JMH operation is one span. */
    static final int SPANS = OtlpFixtures.DEFAULT_SPANS;

    private static final class Holder {
        static final Fixture INSTANCE = build();
    }

    static Fixture get() {
        return Holder.INSTANCE;
    }

    private static Fixture build() {
        ExportTraceServiceRequest request = OtlpFixtures.request();
        return new Fixture(OtlpFixtures.protobuf(request), OtlpFixtures.otlpJson(request),
                OtlpFixtures.zipkinJson(request), Instant.ofEpochSecond(0, OtlpFixtures.DEFAULT_NOW_NANOS),
                request);
    }

    /** The fixture's shape in a few words, for the report's heading. */
    static String describe() {
        ExportTraceServiceRequest request = get().request();
        Map<Object, Integer> perTrace = new HashMap<>();
        IntSummaryStatistics attributes = new IntSummaryStatistics();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    perTrace.merge(s.getTraceId(), 1, Integer::sum);
                    attributes.accept(s.getAttributesCount());
                }
            }
        }
        IntSummaryStatistics traces = perTrace.values().stream().mapToInt(Integer::intValue)
                .summaryStatistics();
        return String.format(Locale.ROOT, "%d traces of %d-%d spans, %.1f attributes per span,"
                + " %d resources", traces.getCount(), traces.getMin(), traces.getMax(),
                attributes.getAverage(), request.getResourceSpansCount());
    }
}
