package dev.skein.benchmarks.coldstart;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Starts fresh JVMs that run {@link ColdStartLauncher} on a classpath of the runtime directory and
 * one function jar, with Lambda-like flags and environment, and reads what they report.
 */
final class ChildJvm {
    /**
     * The tiered-compilation flags Lambda's java21 runtime sets by default (C1 only), class data
     * sharing as the JDK ships it, and the serial collector, which the JVM picks itself with
     * Lambda's fraction of a vCPU.
     */
    static final List<String> FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-XX:+UseSerialGC");
    /** A run that hangs (an emulator that stopped answering) fails rather than stalls the report. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Lines of the child's output kept for the message of a failed run. */
    private static final int KEPT_LINES = 40;

    private final Path runtimeDirectory;
    private final Map<String, String> environment;

    /**
     * @param environment the whole environment of every child, nothing inherited from this JVM
     */
    ChildJvm(Path runtimeDirectory, Map<String, String> environment) {
        this.runtimeDirectory = runtimeDirectory;
        this.environment = Map.copyOf(environment);
    }

    /**
     * One cold start of {@code handlerClass} from {@code functionJar} on the event in {@code eventFile}.
     *
     * @param handled true for the answer (its {@code toString}) to an event handled in full
     * @throws IllegalStateException when the JVM failed, or the handler answered otherwise, with
     *     the end of its output
     */
    LaunchResult run(Path functionJar, String handlerClass, String eventClass, Path eventFile,
            Predicate<String> handled) {
        return launch(functionJar, handlerClass, eventClass, eventFile, handled, List.of());
    }

    /** A run with class loading logged: its result (times skewed by the logging) and the classes it loaded. */
    record Counted(LaunchResult result, int classes) {}

    /** The same cold start with the classes it loads counted (the logging skews its times). */
    Counted counted(Path functionJar, String handlerClass, String eventClass, Path eventFile,
            Predicate<String> handled, Path logFile) {
        LaunchResult result = launch(functionJar, handlerClass, eventClass, eventFile, handled,
                List.of("-Xlog:class+load=info:file=" + logFile));
        try (Stream<String> lines = Files.lines(logFile)) {
            return new Counted(result, (int) lines.filter(l -> !l.isBlank()).count());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LaunchResult launch(Path functionJar, String handlerClass, String eventClass, Path eventFile,
            Predicate<String> handled, List<String> extraFlags) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLAGS);
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(runtimeDirectory + File.pathSeparator + functionJar);
        command.add(ColdStartLauncher.class.getName());
        command.add(handlerClass);
        command.add(eventClass);
        command.add(eventFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);

        Deque<String> output = new ArrayDeque<>();
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        try {
            Optional<LaunchResult> result = readResult(process, started, output);
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw failure("did not exit", handlerClass, output);
            }
            if (result.isEmpty() || process.exitValue() != 0) {
                throw failure("exited " + process.exitValue() + " without a result", handlerClass, output);
            }
            if (!handled.test(result.get().response())) {
                throw failure("did not handle its event", handlerClass, output);
            }
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Reads the child's output up to its end, timing the result line when it appears. */
    private static Optional<LaunchResult> readResult(Process process, long started, Deque<String> output) {
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                // the run ended first
            }
        }, "cold-start-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Optional<LaunchResult> result = Optional.empty();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                long now = System.nanoTime();
                Optional<LaunchResult> parsed = LaunchResult.parse(line, now - started);
                if (parsed.isPresent()) result = parsed;
                output.addLast(line);
                if (output.size() > KEPT_LINES) output.removeFirst();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a cold-start JVM's output", e);
        } finally {
            watchdog.interrupt();
        }
        return result;
    }

    private static IllegalStateException failure(String what, String handlerClass, Deque<String> output) {
        return new IllegalStateException("the cold-start JVM of " + handlerClass + " " + what + "; its last output:\n  "
                + String.join("\n  ", output));
    }
}
