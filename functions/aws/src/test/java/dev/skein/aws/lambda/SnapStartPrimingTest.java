package dev.skein.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);
    private final List<String> ran = new ArrayList<>();

    @Test
    void beforeCheckpoint_whenStepsFail_logsOneLineEachAndRunsTheRest() {
        SnapStartPriming priming = new SnapStartPriming("test", List.of(
                new SnapStartPriming.Step("refused", () -> {
                    throw new IllegalStateException("connection refused");
                }),
                new SnapStartPriming.Step("unloadable", () -> {
                    throw new NoClassDefFoundError("software/amazon/Missing");
                }),
                new SnapStartPriming.Step("fine", () -> ran.add("fine"))), log);

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();

        assertThat(ran).containsExactly("fine");
        List<String> lines = logged.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"event\":\"prime-step-failed\"", "\"step\":\"refused\"",
                "IllegalStateException: connection refused");
        assertThat(lines.get(1)).contains("\"step\":\"unloadable\"", "NoClassDefFoundError");
        assertThat(lines.get(2)).contains("\"event\":\"prime\"", "\"function\":\"test\"", "\"steps\":3",
                "\"failed\":2");
    }

    @Test
    void prime_whenAllStepsSucceed_logsOnlyTheSummary() {
        SnapStartPriming priming = new SnapStartPriming("test",
                List.of(new SnapStartPriming.Step("one", () -> ran.add("one")),
                        new SnapStartPriming.Step("two", () -> ran.add("two"))), log);

        assertThat(priming.prime()).isEmpty();

        assertThat(ran).containsExactly("one", "two");
        assertThat(logged.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .contains("\"failed\":0");
    }

    @Test
    void register_outsideACracRuntime_doesNothingHarmful() {
        SnapStartPriming priming = new SnapStartPriming("test", List.of(new SnapStartPriming.Step("one",
                () -> ran.add("one"))), log);

        assertThat(priming.register()).isSameAs(priming);
        assertThat(ran).isEmpty();
    }
}
