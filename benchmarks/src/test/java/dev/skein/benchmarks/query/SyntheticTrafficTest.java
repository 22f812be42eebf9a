package dev.skein.benchmarks.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.codec.StreamRecordCodec;
import dev.skein.model.Span;
import dev.skein.model.StatusCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticTrafficTest {
    private static final long START = 1_764_000_000_000_000_000L;
    private static final long HOUR = 3_600_000_000_000L;

    private final SyntheticTraffic traffic = new SyntheticTraffic(1, 1000, 4, START, 2 * HOUR);

    @Test
    void largeTraces_areAsManyAsAskedAndSpreadOverTheRange() {
        List<Integer> large = new ArrayList<>();
        for (int t = 0; t < 1000; t++) if (traffic.isLarge(t)) large.add(t);

        assertThat(large).containsExactly(249, 499, 749, 999);
    }

    @Test
    void block_storesOneRecordPerServiceOfEachTrace_withTheSpansItClaims() throws Exception {
        SyntheticTraffic.Block block;
        try (StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(6)) {
            block = traffic.block(200, 300, encoder);
        }

        assertThat(block.traces()).hasSize(100);
        Map<Integer, Integer> decodedSpans = new HashMap<>();
        Map<Integer, Set<String>> services = new HashMap<>();
        boolean anyError = false;
        for (SyntheticTraffic.Exported r : block.records()) {
            StreamRecordCodec.Decoded d = StreamRecordCodec.decode(r.data());
            assertThat(d.header().tenant()).isEqualTo(SyntheticTraffic.TENANT);
            decodedSpans.merge(r.trace(), d.spans().size(), Integer::sum);
            for (Span s : d.spans()) {
                services.computeIfAbsent(r.trace(), k -> new HashSet<>()).add(s.serviceName());
                anyError |= s.status().code() == StatusCode.ERROR;
                assertThat(s.endEpochNanos()).isGreaterThan(s.startEpochNanos());
                assertThat(r.arrivalEpochMillis() * 1_000_000).isGreaterThan(s.endEpochNanos());
            }
        }
        for (SyntheticTraffic.Stored t : block.traces()) {
            boolean large = traffic.isLarge(t.index());
            assertThat(t.spans()).isEqualTo(large ? 1000 : 30);
            assertThat(decodedSpans.get(t.index())).isEqualTo(t.spans());
            assertThat(services.get(t.index())).hasSize(large ? 8 : 5).contains("frontend");
            assertThat(t.startNanos()).isBetween(START, START + 2 * HOUR);
        }
        assertThat(block.records()).hasSize(99 * 5 + 8);
        assertThat(anyError).as("some of 100 traces fail").isTrue();
    }

    @Test
    void block_isTheSameWhicheverThreadGeneratesIt() throws Exception {
        try (StreamRecordCodec.Encoder a = new StreamRecordCodec.Encoder(6);
                StreamRecordCodec.Encoder b = new StreamRecordCodec.Encoder(6)) {
            traffic.block(0, 50, a); // an encoder that has worked before

            assertThat(traffic.block(50, 100, a).traces()).isEqualTo(traffic.block(50, 100, b).traces());
        }
    }
}
