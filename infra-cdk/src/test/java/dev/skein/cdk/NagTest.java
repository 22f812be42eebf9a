package dev.skein.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions pack over the whole stack: no finding may stand unless the construct
 * suppresses it with a reason (NagExemptions), and only the findings it means to accept are
 * suppressed.
 */
class NagTest {
    /** The rules Skein accepts findings of, and where (see NagExemptions for the reasons). */
    private static final Set<String> ACCEPTED_RULES = Set.of("AwsSolutions-L1", "AwsSolutions-SQS3",
            "AwsSolutions-IAM5", "AwsSolutions-APIG4");

    @Test
    void defaults_leaveNoUnsuppressedFinding() throws IOException {
        Nagged nagged = nag(NagTest::defaultStack);
        assertThat(nagged.errors()).isEmpty();
        assertThat(nagged.warnings()).isEmpty();
        assertThat(nagged.nonCompliant()).isEmpty();
    }

    @Test
    void everyOptionSet_leavesNoUnsuppressedFinding() throws IOException {
        Nagged nagged = nag(NagTest::customizedStack);
        assertThat(nagged.errors()).isEmpty();
        assertThat(nagged.warnings()).isEmpty();
        assertThat(nagged.nonCompliant()).isEmpty();
    }

    @Test
    void suppressions_coverOnlyTheAcceptedRules_eachWithAWrittenReason() throws IOException {
        Nagged nagged = nag(NagTest::defaultStack);
        assertThat(nagged.suppressed().keySet()).extracting(NagTest::rule).containsOnlyElementsOf(ACCEPTED_RULES);
        assertThat(nagged.suppressed().values()).allSatisfy(reason -> assertThat(reason.length()).isGreaterThan(60));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Skein's authorizer", "a team's own authorizer"})
    void onlyThePreflightsAreExemptFromApiAuthorization(String authorizer) throws IOException {
        Nagged nagged = nag(authorizer.startsWith("Skein") ? NagTest::defaultStack : NagTest::customizedStack);
        Set<String> exempt = new TreeSet<>();
        nagged.suppressed().keySet().stream().filter(k -> rule(k).equals("AwsSolutions-APIG4")).forEach(k -> exempt.add(resource(k)));
        assertThat(exempt).containsExactlyInAnyOrder(
                "Skein/Tracing/Http/Api/OPTIONS--zipkin--{proxy+}/Resource",
                "Skein/Tracing/Http/Api/OPTIONS--jaeger--{proxy+}/Resource",
                "Skein/Tracing/Http/Api/OPTIONS--api--{proxy+}/Resource");
    }

    /** Findings: error and warning annotations, and the report's rows ("rule resource" → reason). */
    private record Nagged(List<SynthesisMessage> errors, List<SynthesisMessage> warnings, List<String> nonCompliant,
            Map<String, String> suppressed) {}

    private static Stack defaultStack(App app) {
        return new SkeinStack(app, "Skein", StackProps.builder().build(), SkeinProps.builder().build());
    }

    /** The construct in a team's stack, every option set (Synthesis.customizedProps). */
    private static Stack customizedStack(App app) {
        Stack stack = new Stack(app, "Skein", StackProps.builder().build());
        new Skein(stack, "Tracing", Synthesis.customizedProps(stack));
        return stack;
    }

    private static Nagged nag(Function<App, Stack> build) throws IOException {
        App app = Synthesis.app();
        // Error annotations would otherwise fail synthesis outright; the test reads them instead.
        app.getNode().setContext("@aws-cdk/core:annotationsInValidationReport", false);
        Stack stack = build.apply(app);
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().reports(true).build());
        app.synth();
        Annotations annotations = Annotations.fromStack(stack);
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<String> nonCompliant = new ArrayList<>();
        Map<String, String> suppressed = new TreeMap<>();
        List<String> report = Files.readAllLines(Path.of(app.getOutdir(), "AwsSolutions-Skein-NagReport.csv"));
        for (String line : report.subList(1, report.size())) { // after the header
            List<String> cells = Arrays.asList(line.substring(1, line.length() - 1).split("\",\"", -1));
            String finding = cells.get(0) + " " + cells.get(1);
            switch (cells.get(2)) {
                case "Non-Compliant" -> nonCompliant.add(finding);
                case "Suppressed" -> suppressed.put(finding, cells.get(3));
                default -> { }
            }
        }
        return new Nagged(errors, warnings, nonCompliant, suppressed);
    }

    private static String rule(String finding) {
        return finding.substring(0, finding.indexOf(' ')).replaceAll("\\[.*", "");
    }

    private static String resource(String finding) {
        return finding.substring(finding.indexOf(' ') + 1);
    }
}
