package dev.skein.benchmarks.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColdStartSectionTest {

    private static FunctionColdStart measured(LambdaFunction function, long totalMillis, long emptyMillis) {
        return new FunctionColdStart(function, Path.of("f.jar"),
                List.of(new LaunchResult(1, 1, totalMillis * 1_000_000, "ok")),
                List.of(new LaunchResult(1, 1, emptyMillis * 1_000_000, "null")), 10, 5);
    }

    @Test
    void goals_eachFromItsOwnFunctionsColdStart() {
        String goals = ColdStartSection.goals(List.of(measured(LambdaFunction.INGEST, 600, 200),
                measured(LambdaFunction.QUERY, 900, 200), measured(LambdaFunction.AUTHORIZER, 350, 100)));

        assertThat(goals.split("\n")).containsExactly(
                "ingest cold start\t≤ 300 ms\t400 ms (median of 1, 400)\tno",
                "authorizer cold start\t≤ 300 ms\t250 ms (median of 1, 250)\tyes");
    }

    @Test
    void goals_ofAFunctionNotMeasured_sayItWasNot() {
        String goals = ColdStartSection.goals(List.of(measured(LambdaFunction.INGEST, 600, 200)));

        assertThat(goals.split("\n")[1]).isEqualTo("authorizer cold start\t≤ 300 ms\tnot measured in this run\tn/a");
    }
}
