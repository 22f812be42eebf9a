package dev.skein.benchmarks.coldstart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What the runs of one function measured, each run paired with an empty-handler run on the same
 * event just before it.
 *
 * @param classes classes the function's cold start loaded
 * @param emptyClasses classes the empty handler's cold start loaded
 */
record FunctionColdStart(LambdaFunction function, Path jar, List<LaunchResult> runs, List<LaunchResult> emptyRuns,
        int classes, int emptyClasses) {

    FunctionColdStart {
        if (runs.isEmpty() || runs.size() != emptyRuns.size()) {
            throw new IllegalArgumentException("each run needs its empty-handler run");
        }
        runs = List.copyOf(runs);
        emptyRuns = List.copyOf(emptyRuns);
    }

    Spread construct() {
        return spread(runs, LaunchResult::constructNanos);
    }

    Spread invoke() {
        return spread(runs, LaunchResult::invokeNanos);
    }

    Spread total() {
        return spread(runs, LaunchResult::totalNanos);
    }

    Spread emptyTotal() {
        return spread(emptyRuns, LaunchResult::totalNanos);
    }

    /** What the function adds to a cold start: each run's total minus its paired empty run's. */
    Spread coldStart() {
        List<Long> differences = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            differences.add(runs.get(i).totalNanos() - emptyRuns.get(i).totalNanos());
        }
        return Spread.ofNanos(differences);
    }

    private static Spread spread(List<LaunchResult> results, ToLongFunction<LaunchResult> figure) {
        return Spread.ofNanos(results.stream().map(r -> figure.applyAsLong(r)).toList());
    }
}
