package dev.skein.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How the reports run their JMH benchmarks (iterations and their length, under JMH's own option
 * names, and which methods) and the run itself through JMH's Runner: one thread, heap fixed at
 * 1 GiB, one fork per benchmark so no benchmark's JIT profile colours another's.
 */
final class JmhSettings {
    static final int DEFAULT_WARMUP_ITERATIONS = 4;
    static final int DEFAULT_WARMUP_SECONDS = 2;
    static final int DEFAULT_ITERATIONS = 5;
    static final int DEFAULT_ITERATION_SECONDS = 3;
    /** The options {@link #accept} takes, for usage lines. */
    static final String OPTIONS = "[-wi N] [-w SECONDS] [-i N] [-r SECONDS] [-only METHOD_REGEX]";
    static final String DEFAULTS = "-wi " + DEFAULT_WARMUP_ITERATIONS + " -w " + DEFAULT_WARMUP_SECONDS
            + " -i " + DEFAULT_ITERATIONS + " -r " + DEFAULT_ITERATION_SECONDS;

    int warmupIterations = DEFAULT_WARMUP_ITERATIONS;
    TimeValue warmupTime = TimeValue.seconds(DEFAULT_WARMUP_SECONDS);
    int iterations = DEFAULT_ITERATIONS;
    TimeValue iterationTime = TimeValue.seconds(DEFAULT_ITERATION_SECONDS);
    int forks = 1;
    String only = ".*";

    /**
     * In this JVM, no warmup, one iteration of 100 ms: the same code paths in well under a second
     * per benchmark, for smoke tests. The figures mean nothing.
     */
    static JmhSettings quick() {
        JmhSettings s = new JmhSettings();
        s.warmupIterations = 0;
        s.iterations = 1;
        s.iterationTime = TimeValue.milliseconds(100);
        s.forks = 0;
        return s;
    }

    /** Takes one option of {@link #OPTIONS} and its value; false when the option is not one of them. */
    boolean accept(String option, String value) {
        switch (option) {
            case "-wi" -> warmupIterations = CountOption.parse(option, value, 0);
            case "-w" -> warmupTime = TimeValue.seconds(CountOption.parse(option, value, 1));
            case "-i" -> iterations = CountOption.parse(option, value, 1);
            case "-r" -> iterationTime = TimeValue.seconds(CountOption.parse(option, value, 1));
            case "-only" -> {
                Pattern.compile(value); // fail here, not after the benchmarks
                only = value;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The settings in a few words, for a report's heading. */
    String describe() {
        String warmup = warmupIterations == 0 ? "no warmup" : "warmup " + warmupIterations + " x " + warmupTime;
        return warmup + ", measurement " + iterations + " x "
                + iterationTime + ", " + (forks == 0 ? "no fork (in the report's JVM)" : forks + " fork");
    }

    /** Whether {@code method} is one this run was asked for (one that has no result then failed). */
    boolean selects(String method) {
        return Pattern.compile(only).matcher(method).matches();
    }

    /**
     * Runs the selected methods of the benchmark classes. The result maps each method name to its
     * primary result; a method that failed (for example its setup refused the fixture) has none.
     */
    Map<String, Result<?>> run(List<Class<?>> benchmarks) throws RunnerException {
        String classes = benchmarks.stream().map(c -> Pattern.quote(c.getName()))
                .collect(Collectors.joining("|", "(", ")"));
        Options options = new OptionsBuilder()
                .include("^" + classes + "\\." + only + "$")
                .forks(forks)
                .threads(1)
                .warmupIterations(warmupIterations)
                .warmupTime(warmupTime)
                .measurementIterations(iterations)
                .measurementTime(iterationTime)
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .shouldFailOnError(false)
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        Map<String, Result<?>> scores = new HashMap<>();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            if (scores.put(method, run.getPrimaryResult()) != null) {
                throw new IllegalStateException("two benchmarks are named " + method + "; reports key scores by method");
            }
        }
        return scores;
    }
}
