package dev.skein.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestLimitsTest {

    @Test
    void defaults_areTheDocumentedOnes() {
        IngestLimits d = IngestLimits.DEFAULTS;
        assertThat(d.maxBodyBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(d.maxDecompressedBytes()).isEqualTo(20 * 1024 * 1024);
        assertThat(d.maxSpansPerRequest()).isEqualTo(10_000);
        assertThat(d.maxAttributesPerSpan()).isEqualTo(128);
        assertThat(d.maxAttributeValueBytes()).isEqualTo(2048);
        assertThat(d.maxEventsPerSpan()).isEqualTo(128);
        assertThat(d.maxLinksPerSpan()).isEqualTo(128);
        assertThat(d.maxSpanAge()).isEqualTo(Duration.ofDays(14));
        assertThat(d.maxSpanFuture()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void fromEnvironment_whenEmpty_givesDefaults() {
        assertThat(IngestLimits.fromEnvironment(Map.of())).isEqualTo(IngestLimits.DEFAULTS);
    }

    @Test
    void fromEnvironment_readsEveryVariable() {
        IngestLimits l = IngestLimits.fromEnvironment(Map.of(
                "SKEIN_MAX_BODY_BYTES", "1000",
                "SKEIN_MAX_DECOMPRESSED_BYTES", "2000",
                "SKEIN_MAX_SPANS_PER_REQUEST", "3",
                "SKEIN_MAX_ATTRIBUTES_PER_SPAN", "4",
                "SKEIN_MAX_ATTRIBUTE_VALUE_BYTES", "5",
                "SKEIN_MAX_EVENTS_PER_SPAN", "6",
                "SKEIN_MAX_LINKS_PER_SPAN", "7",
                "SKEIN_MAX_SPAN_AGE", "P1D",
                "SKEIN_MAX_SPAN_FUTURE", "PT5M"));
        assertThat(l).isEqualTo(new IngestLimits(1000, 2000, 3, 4, 5, 6, 7, Duration.ofDays(1), Duration.ofMinutes(5)));
    }

    @Test
    void fromEnvironment_whenMalformed_failsNamingTheVariable() {
        assertThatThrownBy(() -> IngestLimits.fromEnvironment(Map.of("SKEIN_MAX_SPANS_PER_REQUEST", "lots")))
                .hasMessageContaining("SKEIN_MAX_SPANS_PER_REQUEST");
        assertThatThrownBy(() -> IngestLimits.fromEnvironment(Map.of("SKEIN_MAX_SPAN_AGE", "14 days")))
                .hasMessageContaining("SKEIN_MAX_SPAN_AGE");
        assertThatThrownBy(() -> IngestLimits.fromEnvironment(Map.of("SKEIN_MAX_BODY_BYTES", "0")))
                .hasMessageContaining("maxBodyBytes must be positive");
    }
}
