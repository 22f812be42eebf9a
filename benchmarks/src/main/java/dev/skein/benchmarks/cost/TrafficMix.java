package dev.skein.benchmarks.cost;

import dev.skein.fixtures.OtlpFixtures;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The traffic the cost is measured on: the shared fixture's spans ({@link OtlpFixtures}, six
 * services, traces of 1 to 30 spans, about 20 attributes per span) as each service's own
 * OpenTelemetry SDK would export them. A fixture request holds every service's spans of its
 * traces, as a collector gateway would send them; real services export separately, so one trace
 * reaches the stream as one record per service it touched, and that is what the index pays for.
 * Here each service buffers its spans and exports a request when it holds {@value #SPANS_PER_EXPORT}
 * spans (an SDK batch span processor's default batch), so a trace's records arrive spread over
 * several requests, as they do in production.
 *
 * <p>Time is simulated: fixture request {@code i} is generated at {@code i × 512 / rate}
 * seconds, and an export happens when the span that fills a buffer was generated.
 */
final class TrafficMix {
    /** Spans per export request (an SDK's default batch), the assumption behind API and ingest requests. */
    static final int SPANS_PER_EXPORT = 512;
    /** Seeds of the fixture requests start here, away from the seeds tests use. */
    private static final long FIRST_SEED = 1_000;
    private static final long STEP_NANOS = 1_000_000_000L;

    /** One export request of one service, and the fixture request during which it was sent. */
    record Export(byte[] otlpProto, int spans, int generatedAt, long nowNanos) {}

    private final List<Export> exports;
    private final int fixtureRequests;
    private final long spans;
    private final long traces;
    private final double attributesPerSpan;
    private final double otlpBytesPerSpan;
    private final int services;

    private TrafficMix(List<Export> exports, int fixtureRequests, long spans, long traces,
            double attributesPerSpan, double otlpBytesPerSpan, int services) {
        this.exports = exports;
        this.fixtureRequests = fixtureRequests;
        this.spans = spans;
        this.traces = traces;
        this.attributesPerSpan = attributesPerSpan;
        this.otlpBytesPerSpan = otlpBytesPerSpan;
        this.services = services;
    }

    /** {@code fixtureRequests} fixture requests of 512 spans, regrouped into per-service exports. */
    static TrafficMix build(int fixtureRequests) {
        Map<String, Buffer> buffers = new LinkedHashMap<>();
        List<Export> exports = new ArrayList<>();
        Set<Object> traceIds = new HashSet<>();
        long spans = 0;
        long attributes = 0;
        long otlpBytes = 0;
        for (int i = 0; i < fixtureRequests; i++) {
            long now = OtlpFixtures.DEFAULT_NOW_NANOS + i * STEP_NANOS;
            ExportTraceServiceRequest request = OtlpFixtures.request(FIRST_SEED + i,
                    OtlpFixtures.DEFAULT_SPANS, now);
            for (ResourceSpans rs : request.getResourceSpansList()) {
                Buffer buffer = buffers.computeIfAbsent(serviceName(rs.getResource()),
                        s -> new Buffer(rs.getResource(), rs.getSchemaUrl()));
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span span : ss.getSpansList()) {
                        traceIds.add(span.getTraceId());
                        attributes += span.getAttributesCount();
                        spans++;
                        buffer.add(ss, span);
                        if (buffer.count == SPANS_PER_EXPORT) exports.add(buffer.flush(i, now));
                    }
                }
            }
        }
        long lastNow = OtlpFixtures.DEFAULT_NOW_NANOS + (fixtureRequests - 1L) * STEP_NANOS;
        for (Buffer b : buffers.values()) {
            if (b.count > 0) exports.add(b.flush(fixtureRequests - 1, lastNow));
        }
        for (Export e : exports) otlpBytes += e.otlpProto().length;
        return new TrafficMix(List.copyOf(exports), fixtureRequests, spans, traceIds.size(),
                (double) attributes / spans, (double) otlpBytes / spans, buffers.size());
    }

    private static String serviceName(Resource resource) {
        return resource.getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                .map(a -> a.getValue().getStringValue()).findFirst().orElse("");
    }

    List<Export> exports() {
        return exports;
    }

    int fixtureRequests() {
        return fixtureRequests;
    }

    long spans() {
        return spans;
    }

    double spansPerTrace() {
        return (double) spans / traces;
    }

    /** The mix in one sentence, for the report. */
    String describe() {
        return String.format(java.util.Locale.ROOT, "%,d spans in %,d traces (%.1f spans per trace, traces of 1-30"
                + " spans), %d services, %.1f attributes per span, %.0f OTLP protobuf bytes per span, sent as"
                + " %,d per-service export requests of up to %d spans", spans, traces, spansPerTrace(), services,
                attributesPerSpan, otlpBytesPerSpan, exports.size(), SPANS_PER_EXPORT);
    }

    /** One service's exporter: its resource, spans per scope, until the batch is full. */
    private static final class Buffer {
        final Resource resource;
        final String schemaUrl;
        final Map<String, ScopeSpans.Builder> scopes = new LinkedHashMap<>();
        int count;

        Buffer(Resource resource, String schemaUrl) {
            this.resource = resource;
            this.schemaUrl = schemaUrl;
        }

        void add(ScopeSpans scope, Span span) {
            String name = scope.getScope().getName();
            scopes.computeIfAbsent(name, n -> ScopeSpans.newBuilder().setScope(scope.getScope())
                    .setSchemaUrl(scope.getSchemaUrl())).addSpans(span);
            count++;
        }

        Export flush(int generatedAt, long nowNanos) {
            ResourceSpans.Builder rs = ResourceSpans.newBuilder().setResource(resource).setSchemaUrl(schemaUrl);
            scopes.values().forEach(rs::addScopeSpans);
            byte[] body = ExportTraceServiceRequest.newBuilder().addResourceSpans(rs).build().toByteArray();
            Export e = new Export(body, count, generatedAt, nowNanos);
            scopes.clear();
            count = 0;
            return e;
        }
    }
}
