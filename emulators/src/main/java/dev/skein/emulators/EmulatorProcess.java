package dev.skein.emulators;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An emulator running as a child process: output in a log file, readiness by HTTP, and a stop
 * that works even when the child ignores SIGTERM or the JVM exits without closing it.
 */
final class EmulatorProcess implements AutoCloseable {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Duration stopTimeout;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmulatorProcess(String name, Process process, Path logFile, Duration stopTimeout) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.stopTimeout = stopTimeout;
        // A JVM that exits without close() (a failed @AfterAll, System.exit, SIGTERM from a build
        // timeout) would otherwise leave the child holding its ports and a core. A hard kill runs
        // no hooks: children that can watch their stdin exit when it closes (KinesisEmulator).
        this.shutdownHook = new Thread(this::killNow, "skein-emulator-stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the command with stdout and stderr appended to {@code logFile}. */
    static EmulatorProcess start(String name, ProcessBuilder command, Path logFile,
            Duration stopTimeout) {
        try {
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            throw new EmulatorStartException("cannot create the log directory of " + name + ": "
                    + logFile.getParent(), e);
        }
        command.redirectErrorStream(true);
        command.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            return new EmulatorProcess(name, command.start(), logFile, stopTimeout);
        } catch (IOException e) {
            throw new EmulatorStartException("cannot run " + command.command().get(0) + " for "
                    + name + " (is it installed and on the PATH?)", e);
        }
    }

    /**
     * Waits until {@code uri} gives any HTTP answer: an emulator that answers 404 to a bare GET is
     * listening, which is all readiness means here.
     *
     * @throws EmulatorStartException when the process exits first or {@code timeout} passes
     */
    void awaitHttpAnswer(URI uri, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new EmulatorStartException(name + " exited with code " + process.exitValue()
                        + " before answering on " + uri + "; see " + logFile);
            }
            if (answersHttp(uri)) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new EmulatorStartException(name + " did not answer on " + uri + " within "
                        + timeout + "; see " + logFile);
            }
            sleep(POLL_INTERVAL);
        }
    }

    boolean exited() {
        return !process.isAlive();
    }

    /** The log so far; meant for deciding whether a failed start is worth another try. */
    String readLog() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "";
        }
    }

    Path logFile() {
        return logFile;
    }

    /** Asks politely, then forcibly after the stop timeout; children go down with the parent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it kills the process itself.
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!waitFor(process, stopTimeout)) {
            // kinesis-mock has been seen ignoring SIGTERM after serving requests.
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitFor(process, stopTimeout);
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        closeStdin();
    }

    private void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The process is gone; only our file descriptor was left to free.
        }
    }

    private void killNow() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static boolean answersHttp(URI uri) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) PROBE_TIMEOUT.toMillis());
            connection.setReadTimeout((int) PROBE_TIMEOUT.toMillis());
            connection.setUseCaches(false);
            connection.getResponseCode(); // any status will do
            return true;
        } catch (IOException notYet) {
            return false;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorStartException("interrupted while waiting for an emulator", e);
        }
    }
}
