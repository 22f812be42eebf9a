package dev.skein.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.model.TraceId;
import dev.skein.storage.TraceKey;
import dev.skein.trace.EdgeStats;
import dev.skein.trace.LatencyHistogram;
import dev.skein.trace.ServiceEdge;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ContributionCodecTest {
    private static final TraceKey TRACE = new TraceKey("acme", new TraceId(1, 2));

    @Test
    void encode_writesVersionThenEdgesWithMinuteDeltasAndSparseBuckets() {
        Map<ServiceEdge, EdgeStats> contribution = new TreeMap<>(Map.of(
                new ServiceEdge(29_400_001, "frontend", "checkout"),
                new EdgeStats(3, 1, LatencyHistogram.fromBuckets(new int[] {40, 44},
                        new long[] {2, 1})),
                new ServiceEdge(29_400_000, "checkout", "db"),
                new EdgeStats(1, 0, LatencyHistogram.fromBuckets(new int[] {7}, new long[] {1}))));

        assertThat(ContributionCodec.encode(contribution)).isEqualTo(
                "[1,[29400000,\"checkout\",\"db\",1,0,7,1],"
                        + "[1,\"frontend\",\"checkout\",3,1,40,2,44,1]]");
    }

    @Test
    void decode_ofEncode_returnsTheSameMap() {
        Map<ServiceEdge, EdgeStats> contribution = new TreeMap<>();
        contribution.put(new ServiceEdge(100, "a\"quoted\"", "ünïcode → ok"),
                EdgeStats.ofCall(5_000_000L, true).plus(EdgeStats.ofCall(7L, false)));
        contribution.put(new ServiceEdge(100, "a", "b"), EdgeStats.ZERO.minus(EdgeStats.ofCall(1, false)));
        contribution.put(new ServiceEdge(160, "a", "b"), EdgeStats.ofCall(3_600_000_000_000L, false));

        assertThat(ContributionCodec.decode(ContributionCodec.encode(contribution), TRACE))
                .isEqualTo(contribution);
    }

    @Test
    void encode_whenEmpty_isJustTheVersion() {
        assertThat(ContributionCodec.encode(Map.of())).isEqualTo("[1]");
        assertThat(ContributionCodec.decode("[1]", TRACE)).isEmpty();
        assertThat(ContributionCodec.decode(null, TRACE)).isEmpty();
    }

    @Test
    void decode_whenVersionUnknownOrMalformed_throwsNamingTheTrace() {
        assertThatThrownBy(() -> ContributionCodec.decode("[2]", TRACE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TRACE.toString()).hasMessageContaining("version 2");
        assertThatThrownBy(() -> ContributionCodec.decode("[1,[0,\"a\"]]", TRACE))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ContributionCodec.decode("[1,[0,\"a\",\"b\",1,0,200,1]]", TRACE))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ContributionCodec.decode("[1] x", TRACE))
                .isInstanceOf(IllegalStateException.class);
    }
}
