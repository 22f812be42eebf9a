package dev.skein.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server under load as a process of its own: its output gathered line by line (and kept, to
 * explain a failure), a clean stop by SIGTERM, and every descendant seen while it ran ended too.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private List<ProcessHandle> descendants = List.of();

    private ServerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
            } catch (IOException e) {
                lines.add("(output ended: " + e + ")");
            }
        }, name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** {@code java [jvmOptions] -jar jar [args]} with the extra environment, output merged. */
    static ServerProcess startJar(String name, Path jar, List<String> jvmOptions, List<String> args,
            Map<String, String> environment) throws IOException {
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(name + ": no " + jar.toAbsolutePath() + "; build it with mvn package");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ServerProcess(name, builder.start());
    }

    /**
     * Reads output until {@code done} accepts the lines so far, giving each line to it; fails when
     * the process exits or {@code deadline} passes first.
     */
    void awaitOutput(Predicate<String> done, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (done.test(line)) return;
                continue;
            }
            check(end, deadline);
        }
    }

    /** Fails when the process has exited or {@code end} (a nanoTime) has passed. */
    void check(long end, Duration deadline) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited (" + process.exitValue() + "):\n" + output());
        }
        if (System.nanoTime() > end) {
            throw new IllegalStateException(name + " not ready in " + deadline + ":\n" + output());
        }
    }

    /** Remembers the descendants now alive (the Kinesis emulator), to end them after the stop. */
    void noteDescendants() {
        descendants = process.descendants().toList();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    String output() {
        lines.drainTo(seen);
        int from = Math.max(0, seen.size() - 40);
        return String.join("\n", seen.subList(from, seen.size()));
    }

    /** SIGTERM, then SIGKILL after a timeout; then the descendants seen, which may be orphans now. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            List<ProcessHandle> now = process.descendants().toList();
            if (!now.isEmpty()) descendants = now;
            // Through the handle: Process.destroy() would also close the output still to be read.
            process.toHandle().destroy();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                System.out.println(name + " ignored SIGTERM for " + STOP_TIMEOUT + "; killing it");
                process.toHandle().destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroy();
                child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
                child.destroyForcibly();
            }
        }
    }
}
