package dev.skein.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.storage.TraceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceCombinerTest {
    private final TraceBuilder t = TraceBuilder.trace(1_795_600_000_000L);
    private final Span root = t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 100);
    private final Span a = t.span(2, 1, "web", "a", SpanKind.INTERNAL, 10, 5);
    private final Span b = t.span(3, 1, "web", "b", SpanKind.INTERNAL, 20, 5);

    @Test
    void combine_foldsIdenticalCopies_andCountsThem() {
        CombinedTrace c = new TraceCombiner(TraceLimits.DEFAULTS)
                .add(List.of(b, root), 200).add(List.of(root, a, b), 300).combine();

        assertThat(c.spans()).containsExactly(root, a, b);
        assertThat(c.foldedDuplicates()).isEqualTo(2);
        assertThat(c.droppedSpans()).isZero();
    }

    @Test
    void combine_keepsDistinctSpansThatShareAnId() {
        Span client = t.span(7, 1, "web", "call", SpanKind.CLIENT, 30, 10);
        Span server = t.span(7, 1, "api", "call", SpanKind.SERVER, 31, 8);

        assertThat(new TraceCombiner(TraceLimits.DEFAULTS).add(List.of(client), 100).add(List.of(server), 100).combine().spans())
                .containsExactly(client, server);
    }

    @Test
    void combine_overTheSpanLimit_keepsTheEarliestAndCountsTheRest() {
        CombinedTrace c = new TraceCombiner(new TraceLimits(2, Long.MAX_VALUE)).add(List.of(b, a, root), 300).combine();

        assertThat(c.spans()).containsExactly(root, a);
        assertThat(c.droppedSpans()).isEqualTo(1);
    }

    @Test
    void combine_overTheByteLimit_keepsWhatFitsAndCountsTheRest() {
        CombinedTrace c = new TraceCombiner(new TraceLimits(100, 250)).add(List.of(root, a, b), 300).combine();

        assertThat(c.spans()).containsExactly(root, a);
        assertThat(c.droppedSpans()).isEqualTo(1);
        assertThat(TraceSummarizer.summarize(c).droppedSpans()).isEqualTo(1);
    }
}
