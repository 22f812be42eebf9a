package dev.skein.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.protobuf.ByteString;
import dev.skein.codec.StreamRecordCodec;
import dev.skein.ingest.StreamRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs every benchmark body once on the fixture: a correctness smoke test, no timing. It fails
 * when the fixture stops being what the figures claim to measure (for example spans that fall
 * out of the ingest window, which would benchmark the rejection path instead).
 */
class IngestBenchmarksTest {
    private static final Blackhole BLACKHOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @FunctionalInterface
    interface Body {
        void run(IngestBenchmarks b, Blackhole bh) throws Exception;
    }

    static Stream<Arguments> ingestBenchmarks() {
        return Stream.of(
                Arguments.of("ingestOtlpProto", false, (Body) IngestBenchmarks::ingestOtlpProto),
                Arguments.of("ingestOtlpJson", false, (Body) IngestBenchmarks::ingestOtlpJson),
                Arguments.of("ingestZipkinJson", false, (Body) IngestBenchmarks::ingestZipkinJson),
                Arguments.of("ingestOtlpProtoGzip6", true, (Body) IngestBenchmarks::ingestOtlpProtoGzip6),
                Arguments.of("ingestOtlpJsonGzip6", true, (Body) IngestBenchmarks::ingestOtlpJsonGzip6),
                Arguments.of("ingestZipkinJsonGzip6", true, (Body) IngestBenchmarks::ingestZipkinJsonGzip6),
                Arguments.of("ingestOtlpProtoGzip1", true, (Body) IngestBenchmarks::ingestOtlpProtoGzip1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ingestBenchmarks")
    void ingestBenchmark_onTheFixture_storesAll512SpansInReadableRecords(String name,
            boolean gzipped, Body body) throws Exception {
        List<StreamRecord> stored = new ArrayList<>();
        IngestBenchmarks benchmarks = new IngestBenchmarks(stored::addAll);
        benchmarks.setUp();
        stored.clear(); // setUp's own checks ingest too

        body.run(benchmarks, BLACKHOLE);

        int spans = 0;
        for (StreamRecord record : stored) {
            StreamRecordCodec.Decoded decoded = StreamRecordCodec.decode(record.data());
            assertThat(decoded.spans()).hasSize(decoded.header().spans());
            assertThat(record.data()[3] & 1).as("gzip flag of %s", name).isEqualTo(gzipped ? 1 : 0);
            spans += decoded.spans().size();
        }
        assertThat(spans).isEqualTo(Fixture.SPANS);
        assertThat(stored).as("one record per trace").hasSize(traceCount());
    }

    private static int traceCount() {
        Set<ByteString> traces = new HashSet<>();
        Fixture.get().request().getResourceSpansList().forEach(rs -> rs.getScopeSpansList()
                .forEach(ss -> ss.getSpansList().forEach(s -> traces.add(s.getTraceId()))));
        return traces.size();
    }

    static Stream<Arguments> otherBenchmarks() {
        return Stream.of(
                Arguments.of("decodeOtlpProto", (Body) IngestBenchmarks::decodeOtlpProto),
                Arguments.of("decodeOtlpJson", (Body) IngestBenchmarks::decodeOtlpJson),
                Arguments.of("decodeZipkinJson", (Body) IngestBenchmarks::decodeZipkinJson),
                Arguments.of("baselineProtobufJavaParse", (Body) IngestBenchmarks::baselineProtobufJavaParse),
                Arguments.of("baselineZipkin2Decode", (Body) IngestBenchmarks::baselineZipkin2Decode));
    }

    /** Their span counts are checked by setUp, which refuses a fixture any path reads short. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("otherBenchmarks")
    void decodeAndBaselineBenchmarks_onTheFixture_run(String name, Body body) throws Exception {
        IngestBenchmarks benchmarks = new IngestBenchmarks();
        benchmarks.setUp();

        assertThatCode(() -> body.run(benchmarks, BLACKHOLE)).doesNotThrowAnyException();
    }

    @Test
    void fixture_isTheRealisticRequestTheFiguresDescribe() {
        Fixture f = Fixture.get();

        assertThat(IngestBenchmarks.spanCount(f.request())).isEqualTo(512);
        assertThat(Fixture.describe()).matches("\\d+ traces of \\d+-\\d+ spans, .*");
        // Inside the ingest window of 14 days back and 1 hour ahead of the benchmark's clock.
        long now = f.now().getEpochSecond() * 1_000_000_000L + f.now().getNano();
        f.request().getResourceSpansList().forEach(rs -> rs.getScopeSpansList().forEach(ss ->
                ss.getSpansList().forEach(s -> {
                    assertThat(s.getStartTimeUnixNano()).isGreaterThan(now - 14L * 86_400 * 1_000_000_000L);
                    assertThat(s.getEndTimeUnixNano()).isLessThanOrEqualTo(now + 3_600_000_000_000L);
                })));
    }

    @Test
    void recordBytes_compressedRecords_areSmallerThanUncompressed() throws Exception {
        List<IngestReport.RecordBytes> sizes = IngestReport.recordBytes();

        assertThat(sizes).hasSize(3).allSatisfy(s -> {
            assertThat(s.spans()).isEqualTo(512);
            assertThat(s.perSpan(6)).isLessThan(s.perSpan(0));
            assertThat(s.perSpan(1)).isLessThan(s.perSpan(0));
        });
    }
}
