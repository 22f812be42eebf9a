package dev.skein.benchmarks;

import dev.skein.codec.DecodedSpans;
import dev.skein.codec.OtlpJsonDecoder;
import dev.skein.codec.OtlpProtoDecoder;
import dev.skein.codec.SpanDecoder;
import dev.skein.codec.ZipkinJsonDecoder;
import dev.skein.ingest.IngestLimits;
import dev.skein.ingest.IngestResult;
import dev.skein.ingest.RecordSink;
import dev.skein.ingest.SpanIngester;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.time.Clock;
import java.time.ZoneOffset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;
import zipkin2.codec.SpanBytesDecoder;

/**
 * The ingest path on one realistic request of {@value Fixture#SPANS} spans, one thread. Every
 * score is spans per second (one operation = one span), so figures read directly as spans/s per
 * core.
 *
 * <ul>
 *   <li>{@code ingest*}: {@link SpanIngester#ingest} as the ingest function calls it — decode,
 *       validate, cap, regroup by trace, encode the stream records — into a sink that does
 *       nothing, so the figure is CPU only. The suffix is the deflate level of record bodies;
 *       none means level 0 (uncompressed), which is what the spans/s goal is about.
 *   <li>{@code decode*}: the decoder alone, to show how much of the path is decoding.
 *   <li>{@code baseline*}: the reference libraries on the same bytes, for the "whole path at
 *       least half as fast as a bare parse" goal.
 * </ul>
 *
 * {@link #setUp} refuses to run unless every path accepts all {@value Fixture#SPANS} spans: a
 * fixture that drifts out of the ingest window would otherwise benchmark the rejection path.
 */
@OperationsPerInvocation(Fixture.SPANS)
public class IngestBenchmarks extends PerCoreBenchmark {
    static final String TENANT = "bench-tenant";

    private static final SpanDecoder OTLP_PROTO = new OtlpProtoDecoder();
    private static final SpanDecoder OTLP_JSON = new OtlpJsonDecoder();
    private static final SpanDecoder ZIPKIN_JSON = new ZipkinJsonDecoder();

    private final RecordSink sink;

    // Not final, read from fields: JMH's usual guard against constant folding of inputs.
    private byte[] otlpProto;
    private byte[] otlpJson;
    private byte[] zipkinJson;
    private int maxSpans;
    private SpanIngester uncompressed;
    private SpanIngester level6;
    private SpanIngester level1;

    /** What JMH instantiates: records are dropped as soon as they are built. */
    public IngestBenchmarks() {
        this(records -> { });
    }

    /** For the smoke test, which keeps the records to prove every span made it through. */
    IngestBenchmarks(RecordSink sink) {
        this.sink = sink;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Fixture f = Fixture.get();
        otlpProto = f.otlpProto();
        otlpJson = f.otlpJson();
        zipkinJson = f.zipkinJson();
        maxSpans = IngestLimits.DEFAULTS.maxSpansPerRequest();
        Clock clock = Clock.fixed(f.now(), ZoneOffset.UTC);
        uncompressed = new SpanIngester(IngestLimits.DEFAULTS, clock, sink, 0);
        level6 = new SpanIngester(IngestLimits.DEFAULTS, clock, sink, 6);
        level1 = new SpanIngester(IngestLimits.DEFAULTS, clock, sink, 1);
        checkEveryPathSeesEverySpan();
    }

    private void checkEveryPathSeesEverySpan() throws Exception {
        for (SpanIngester ingester : new SpanIngester[] {uncompressed, level6, level1}) {
            checkAccepted("OTLP protobuf", ingester.ingest(TENANT, OTLP_PROTO, otlpProto));
            checkAccepted("OTLP JSON", ingester.ingest(TENANT, OTLP_JSON, otlpJson));
            checkAccepted("Zipkin JSON", ingester.ingest(TENANT, ZIPKIN_JSON, zipkinJson));
        }
        checkDecoded("OTLP protobuf", OTLP_PROTO.decode(otlpProto, maxSpans));
        checkDecoded("OTLP JSON", OTLP_JSON.decode(otlpJson, maxSpans));
        checkDecoded("Zipkin JSON", ZIPKIN_JSON.decode(zipkinJson, maxSpans));
        checkCount("protobuf-java parse", spanCount(ExportTraceServiceRequest.parseFrom(otlpProto)));
        checkCount("zipkin2 decode", SpanBytesDecoder.JSON_V2.decodeList(zipkinJson).size());
    }

    private static void checkAccepted(String format, IngestResult r) {
        if (r.acceptedSpans() != Fixture.SPANS || r.rejectedSpans() != 0) {
            throw new IllegalStateException(format + " fixture: ingest accepted " + r.acceptedSpans()
                    + " and rejected " + r.rejectedSpans() + " of " + Fixture.SPANS
                    + " spans; the figures would not measure the normal path. " + r.message());
        }
    }

    private static void checkDecoded(String format, DecodedSpans d) {
        if (d.rejectedCount() != 0) {
            throw new IllegalStateException(format + " fixture: the decoder rejected "
                    + d.rejectedCount() + " spans: " + d.rejectionReasons());
        }
        checkCount(format + " decoder", d.spans().size());
    }

    private static void checkCount(String what, int spans) {
        if (spans != Fixture.SPANS) {
            throw new IllegalStateException(what + " read " + spans + " spans from the fixture, expected "
                    + Fixture.SPANS);
        }
    }

    static int spanCount(ExportTraceServiceRequest request) {
        int n = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                n += ss.getSpansCount();
            }
        }
        return n;
    }

    // The whole path, records uncompressed: the figure the spans/s goals are about.

    @Benchmark
    public void ingestOtlpProto(Blackhole bh) throws Exception {
        bh.consume(uncompressed.ingest(TENANT, OTLP_PROTO, otlpProto));
    }

    @Benchmark
    public void ingestOtlpJson(Blackhole bh) throws Exception {
        bh.consume(uncompressed.ingest(TENANT, OTLP_JSON, otlpJson));
    }

    @Benchmark
    public void ingestZipkinJson(Blackhole bh) throws Exception {
        bh.consume(uncompressed.ingest(TENANT, ZIPKIN_JSON, zipkinJson));
    }

    // The whole path with record bodies gzip'd at the default level 6, and at level 1.

    @Benchmark
    public void ingestOtlpProtoGzip6(Blackhole bh) throws Exception {
        bh.consume(level6.ingest(TENANT, OTLP_PROTO, otlpProto));
    }

    @Benchmark
    public void ingestOtlpJsonGzip6(Blackhole bh) throws Exception {
        bh.consume(level6.ingest(TENANT, OTLP_JSON, otlpJson));
    }

    @Benchmark
    public void ingestZipkinJsonGzip6(Blackhole bh) throws Exception {
        bh.consume(level6.ingest(TENANT, ZIPKIN_JSON, zipkinJson));
    }

    @Benchmark
    public void ingestOtlpProtoGzip1(Blackhole bh) throws Exception {
        bh.consume(level1.ingest(TENANT, OTLP_PROTO, otlpProto));
    }

    // Decoding alone: bytes to canonical spans.

    @Benchmark
    public void decodeOtlpProto(Blackhole bh) throws Exception {
        bh.consume(OTLP_PROTO.decode(otlpProto, maxSpans));
    }

    @Benchmark
    public void decodeOtlpJson(Blackhole bh) throws Exception {
        bh.consume(OTLP_JSON.decode(otlpJson, maxSpans));
    }

    @Benchmark
    public void decodeZipkinJson(Blackhole bh) throws Exception {
        bh.consume(ZIPKIN_JSON.decode(zipkinJson, maxSpans));
    }

    // The reference libraries on the same bytes.

    @Benchmark
    public void baselineProtobufJavaParse(Blackhole bh) throws Exception {
        bh.consume(ExportTraceServiceRequest.parseFrom(otlpProto));
    }

    @Benchmark
    public void baselineZipkin2Decode(Blackhole bh) {
        bh.consume(SpanBytesDecoder.JSON_V2.decodeList(zipkinJson));
    }
}
