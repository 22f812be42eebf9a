package dev.skein.cdk;

import static dev.skein.cdk.TemplateJson.arnOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event source mappings: span stream → assembler, timer queue → finalizer, both on the alias. */
class EventSourcesTest {
    private final Synthesis.Synthesized s = Synthesis.defaults();

    @Test
    void spanStream_feedsTheAssemblersAlias_reportingItemFailures_bisecting_withFiniteRetriesAgeAndAFailureQueue() {
        assertThat(mapping(s, s.logicalId(s.skein().stream().stream))).isEqualTo(Map.ofEntries(
                Map.entry("EventSourceArn", arnOf(s.logicalId(s.skein().stream().stream))),
                Map.entry("FunctionName", aliasName(s, FunctionKind.ASSEMBLER)),
                Map.entry("StartingPosition", "TRIM_HORIZON"),
                Map.entry("BatchSize", 100),
                Map.entry("MaximumBatchingWindowInSeconds", 10),
                Map.entry("ParallelizationFactor", 1),
                Map.entry("FunctionResponseTypes", List.of("ReportBatchItemFailures")),
                Map.entry("BisectBatchOnFunctionError", true),
                Map.entry("MaximumRetryAttempts", 5),
                Map.entry("MaximumRecordAgeInSeconds", 6 * 3600),
                Map.entry("DestinationConfig", Map.of("OnFailure",
                        Map.of("Destination", arnOf(s.logicalId(s.skein().stream().failures)))))));
    }

    @Test
    void timerQueue_feedsTheFinalizersAlias_reportingItemFailures() {
        assertThat(mapping(s, s.logicalId(s.skein().timers().queue))).isEqualTo(Map.of(
                "EventSourceArn", arnOf(s.logicalId(s.skein().timers().queue)),
                "FunctionName", aliasName(s, FunctionKind.FINALIZER),
                "BatchSize", 10,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
    }

    @Test
    void customizedProps_reachTheMappings() {
        Synthesis.Synthesized c = Synthesis.customized();
        assertThat(mapping(c, c.logicalId(c.skein().stream().stream))).containsEntry("BatchSize", 500)
                .containsEntry("MaximumBatchingWindowInSeconds", 2)
                .containsEntry("ParallelizationFactor", 3)
                .containsEntry("MaximumRetryAttempts", 8)
                .containsEntry("MaximumRecordAgeInSeconds", 7200);
        assertThat(mapping(c, c.logicalId(c.skein().timers().queue))).containsEntry("BatchSize", 50)
                .containsEntry("MaximumBatchingWindowInSeconds", 2);
    }

    @Test
    void thereAreExactlyTwoMappings() {
        s.template().resourceCountIs("AWS::Lambda::EventSourceMapping", 2);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Synthesis.Synthesized s, String source) {
        return s.json().resources("AWS::Lambda::EventSourceMapping").values().stream()
                .map(r -> (Map<String, Object>) r.get("Properties"))
                .filter(p -> arnOf(source).equals(p.get("EventSourceArn")))
                .findFirst().orElseThrow(() -> new AssertionError("no mapping reads " + source));
    }

    /** CDK names an alias in a mapping as {@code function-name:alias}, the name cut from the alias's ARN. */
    private static Map<String, Object> aliasName(Synthesis.Synthesized s, FunctionKind kind) {
        String alias = s.logicalId(s.skein().function(kind).alias);
        return Map.of("Fn::Join", List.of("", List.of(
                Map.of("Fn::Select", List.of(6, Map.of("Fn::Split", List.of(":", Map.of("Ref", alias))))),
                ":live")));
    }
}
