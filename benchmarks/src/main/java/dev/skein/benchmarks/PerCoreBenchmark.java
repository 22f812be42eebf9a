package dev.skein.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every benchmark of the reports shares (JMH inherits these annotations): throughput per
 * second on one thread, in a forked JVM with its heap fixed at 1 GiB, the reports' default
 * iterations. A subclass says with {@code @OperationsPerInvocation} how many spans one call
 * handles, so its scores read as spans/s per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = JmhSettings.DEFAULT_WARMUP_ITERATIONS, time = JmhSettings.DEFAULT_WARMUP_SECONDS)
@Measurement(iterations = JmhSettings.DEFAULT_ITERATIONS, time = JmhSettings.DEFAULT_ITERATION_SECONDS)
public abstract class PerCoreBenchmark {
}
