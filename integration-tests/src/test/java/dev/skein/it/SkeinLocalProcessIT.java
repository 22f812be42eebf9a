package dev.skein.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as a user runs it: {@code java -jar local/target/skein-local.jar
 * --demo} in a process of its own. It must say where it listens, how long start-up took and which
 * API key to send, show the demo shop's services through the Zipkin UI's port, take spans on the
 * OTLP port, answer on the API port, stop cleanly on SIGTERM (what Ctrl-C sends through the
 * shutdown hook) with every child process ended, and find the same trace with the same key after
 * a restart on the same data directory.
 */
class SkeinLocalProcessIT {
    /** Built by the local module's package phase, before this module's integration tests. */
    private static final Path JAR = Path.of("..", "local", "target", "skein-local.jar");
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Pattern READY = Pattern.compile("Skein is running \\(ready in ([0-9.]+) s\\)\\.");
    private static final Pattern OTLP = Pattern.compile("OTLP/HTTP\\s+http://[^:]+:(\\d+)/v1/traces");
    private static final Pattern ZIPKIN_UI = Pattern.compile("Zipkin UI\\s+(http://[^:]+:(\\d+)/zipkin/\\S*)");
    private static final Pattern API_KEY = Pattern.compile("API key\\s+(skn1\\.\\S+)");
    private static final Pattern API = Pattern.compile("http://[^:]+:(\\d+)/api\\s");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Where skein-local keeps its development key, and where it says it runs, under the data directory. */
    private static final String KEY_FILE = "dev-api-key";
    private static final String INSTANCE_FILE = "skein-local.json";

    @TempDir
    Path dataDir;

    @Test
    void runCommand_startsAnnouncesTakesSpansStopsCleanlyAndKeepsTracesAcrossARestart() throws Exception {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String firstKey;
        try (Running first = Running.start(dataDir, "--demo")) {
            System.out.printf(Locale.ROOT, "skein-local start-up: ready in %.1f s (first start, empty data dir)%n",
                    first.readySeconds);
            assertThat(first.readySeconds).isPositive();
            assertThat(first.zipkinUiAddress).as("the Zipkin UI's address hands it the key")
                    .endsWith("/zipkin/?key=" + first.apiKey);
            assertThat(Files.readString(dataDir.resolve(KEY_FILE)).trim()).isEqualTo(first.apiKey);
            assertThat(Files.getPosixFilePermissions(dataDir.resolve(KEY_FILE))).as("readable by its owner only")
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(dataDir.resolve(INSTANCE_FILE)).as("what skein keys --local reads").isNotEmptyFile();

            HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + first.otlpPort + "/v1/traces"))
                    .header("content-type", "application/json")
                    .header("authorization", "Bearer " + first.apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(otlpJson(traceId))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            assertThat(first.awaitTrace(traceId)).contains("\"name\":\"GET /process\"");
            assertThat(first.get(first.zipkinUiPort, "/zipkin/").body()).as("the UI without its key link")
                    .contains("This Zipkin UI needs an API key");
            assertThat(first.awaitServices()).as("the demo shop's services, as the Zipkin UI lists them")
                    .contains("\"web\"", "\"checkout\"", "\"payments\"", "\"process-it\"");

            assertThat(first.children).as("the Kinesis emulator runs as a child process").isNotEmpty();
            first.stop();
            assertThat(first.process.exitValue()).as(first.output()).isIn(0, 130, 143);
            assertThat(first.children).as("child processes left running").noneMatch(ProcessHandle::isAlive);
            assertThat(first.output()).contains("Stopping Skein");
            assertThat(dataDir.resolve(INSTANCE_FILE)).as("removed at stop").doesNotExist();
            firstKey = first.apiKey;
        }

        try (Running second = Running.start(dataDir)) {
            System.out.printf(Locale.ROOT, "skein-local start-up: ready in %.1f s (restart on kept data)%n",
                    second.readySeconds);
            assertThat(second.apiKey).as("the development key kept in the data directory").isEqualTo(firstKey);
            assertThat(second.awaitTrace(traceId)).contains("\"name\":\"GET /process\"");
        }
    }

    private static String otlpJson(String traceId) {
        long now = System.currentTimeMillis() * 1_000_000L;
        return """
                {"resourceSpans":[{"resource":{"attributes":[
                  {"key":"service.name","value":{"stringValue":"process-it"}}]},
                 "scopeSpans":[{"spans":[{"traceId":"%s","spanId":"%s","name":"GET /process","kind":2,
                  "startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}
                """.formatted(traceId, HexFormat.of().formatHex(randomBytes(8)), now - 5_000_000L, now);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros
        return b;
    }

    /** skein-local as a child process, its output gathered line by line. */
    private static final class Running implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();
        List<ProcessHandle> children = List.of();
        double readySeconds;
        String apiKey;
        String zipkinUiAddress;
        int otlpPort;
        int zipkinUiPort;
        int apiPort;

        private Running(Process process) {
            this.process = process;
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) lines.add(line);
                } catch (IOException e) {
                    lines.add("(output ended: " + e + ")");
                }
            }, "skein-local-output");
            pump.setDaemon(true);
            pump.start();
        }

        static Running start(Path dataDir, String... extraArgs) throws Exception {
            assertThat(JAR).as("the runnable jar; build it with mvn package").exists();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", JAR.toString(),
                    "--data-dir", dataDir.toString(), "--otlp-port", "0", "--zipkin-port", "0", "--api-port", "0"));
            command.addAll(List.of(extraArgs));
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .start();
            Running running = new Running(p);
            try {
                running.awaitReady();
            } catch (Exception | AssertionError e) {
                running.close();
                throw e;
            }
            return running;
        }

        private void awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (apiPort == 0) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    assertThat(process.isAlive()).as("skein-local exited before it was ready:%n%s", output()).isTrue();
                    assertThat(System.nanoTime()).as("not ready in %s:%n%s", DEADLINE, output()).isLessThan(deadline);
                    continue;
                }
                seen.add(line);
                Matcher m;
                if ((m = READY.matcher(line)).find()) readySeconds = Double.parseDouble(m.group(1));
                if ((m = OTLP.matcher(line)).find()) otlpPort = Integer.parseInt(m.group(1));
                if ((m = API_KEY.matcher(line)).find()) apiKey = m.group(1);
                if ((m = ZIPKIN_UI.matcher(line)).find()) {
                    zipkinUiAddress = m.group(1);
                    zipkinUiPort = Integer.parseInt(m.group(2));
                }
                if (readySeconds > 0 && (m = API.matcher(line)).find()) apiPort = Integer.parseInt(m.group(1));
            }
            assertThat(otlpPort).as(output()).isPositive();
            assertThat(apiKey).as("the API key line in:%n%s", output()).isNotNull();
            children = process.descendants().toList();
        }

        /** A GET with the printed key. */
        HttpResponse<String> get(int port, String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The trace as Skein's API returns it, once it is readable. */
        String awaitTrace(String traceId) throws Exception {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (true) {
                HttpResponse<String> r = get(apiPort, "/api/traces/" + traceId);
                if (r.statusCode() == 200) return r.body();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
                assertThat(System.nanoTime()).as("trace %s not readable in %s", traceId, DEADLINE).isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        /** The Zipkin API's service list on the Zipkin UI's port, once the demo's shop is in it. */
        String awaitServices() throws Exception {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (true) {
                HttpResponse<String> r = get(zipkinUiPort, "/zipkin/api/v2/services");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                if (r.body().contains("\"payments\"")) return r.body();
                assertThat(System.nanoTime()).as("services so far: %s", r.body()).isLessThan(deadline);
                Thread.sleep(200);
            }
        }

        /** SIGTERM, as Ctrl-C ends up: the shutdown hook stops everything in order. */
        void stop() throws InterruptedException {
            // Through the handle: Process.destroy() would also close the output still to be read.
            process.toHandle().destroy();
            assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("stopped in time").isTrue();
        }

        String output() {
            lines.drainTo(seen);
            return String.join("\n", seen);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                stop();
            }
            // Orphans are no longer the process's descendants once it has exited: end the ones seen.
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
