package dev.skein.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.benchmarks.load.LoadBatch.WireFormat;
import dev.skein.codec.DecodedSpans;
import dev.skein.codec.OtlpProtoDecoder;
import dev.skein.codec.SpanDecoder;
import dev.skein.codec.ZipkinJsonDecoder;
import dev.skein.fixtures.OtlpFixtures;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoadBatchTest {
    private static final int SPANS = 512;

    @ParameterizedTest(name = "{0}")
    @EnumSource(WireFormat.class)
    void render_keepsEverySpanAndGivesEachSendNewTraceIds(WireFormat format) throws Exception {
        LoadBatch batch = LoadBatch.build(format, 3, SPANS, OtlpFixtures.DEFAULT_NOW_NANOS);

        DecodedSpans original = decode(format, batch.body());
        DecodedSpans first = decode(format, batch.render(1));
        DecodedSpans second = decode(format, batch.render(2));

        assertThat(first.spans()).hasSize(SPANS);
        assertThat(second.spans()).hasSize(SPANS);
        assertThat(first.rejectedCount()).isZero();
        Set<String> before = traceIds(original);
        assertThat(traceIds(first)).hasSameSizeAs(before).doesNotContainAnyElementsOf(before);
        assertThat(traceIds(second)).hasSameSizeAs(before).doesNotContainAnyElementsOf(traceIds(first));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(WireFormat.class)
    void sampleTraceIdHex_namesATraceOfTheRenderedBodyWithItsSpanCount(WireFormat format) throws Exception {
        LoadBatch batch = LoadBatch.build(format, 5, SPANS, OtlpFixtures.DEFAULT_NOW_NANOS);

        Map<String, Long> perTrace = decode(format, batch.render(42)).spans().stream()
                .collect(Collectors.groupingBy(s -> s.traceId().toHex(), Collectors.counting()));

        assertThat(perTrace).containsEntry(batch.sampleTraceIdHex(42), (long) batch.sampleSpans());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(WireFormat.class)
    void render_changesOnlyTraceIds_sameLengthAndSpans(WireFormat format) {
        LoadBatch batch = LoadBatch.build(format, 7, SPANS, OtlpFixtures.DEFAULT_NOW_NANOS);

        assertThat(batch.render(9)).hasSameSizeAs(batch.body());
        assertThat(batch.spans()).isEqualTo(SPANS);
        assertThat(batch.idOffsets()).hasSizeGreaterThanOrEqualTo(SPANS);
    }

    private static DecodedSpans decode(WireFormat format, byte[] body) throws Exception {
        SpanDecoder decoder = format == WireFormat.OTLP_PROTO ? new OtlpProtoDecoder() : new ZipkinJsonDecoder();
        return decoder.decode(body, Integer.MAX_VALUE);
    }

    private static Set<String> traceIds(DecodedSpans spans) {
        return spans.spans().stream().map(s -> s.traceId().toHex()).collect(Collectors.toSet());
    }
}
