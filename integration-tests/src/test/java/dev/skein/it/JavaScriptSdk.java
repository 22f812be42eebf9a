package dev.skein.it;

import static dev.skein.it.QueryApi.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry JavaScript SDK in Node, as otel-js/export-traces.js runs it: its services
 * export their traces over OTLP/HTTP JSON and it prints what they delivered. The packages are
 * the ones otel-js/package-lock.json pins, installed by the build (profile install-otel-js).
 */
final class JavaScriptSdk {
    private static final Path DIR = Path.of("otel-js");
    private static final long TIMEOUT_SECONDS = 120;

    private JavaScriptSdk() {}

    /**
     * Exports the script's traces with {@code key}, all times from {@code t0EpochNanos}; answers the
     * spans delivered.
     */
    static List<SentSpan> exportTraces(String otlpTracesUrl, String key, long t0EpochNanos)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(DIR.resolve("node_modules/@opentelemetry/sdk-trace-base"))) {
            throw new IllegalStateException("the OpenTelemetry JavaScript SDK is not installed: run npm ci in "
                    + DIR.toAbsolutePath() + " (the build does so when node_modules is missing)");
        }
        ProcessBuilder command = new ProcessBuilder("node", "export-traces.js", otlpTracesUrl,
                Long.toString(t0EpochNanos)).directory(DIR.toFile());
        // As a user configures the SDK; it URL-decodes each value, so the space is %20.
        command.environment().put("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer%20" + key);
        Process node = command.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(node.getInputStream()));
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(node.getErrorStream()));
        if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("node export-traces.js did not end within " + TIMEOUT_SECONDS + " s: "
                    + new String(errors.join(), StandardCharsets.UTF_8));
        }
        if (node.exitValue() != 0) {
            throw new IllegalStateException("node export-traces.js failed (exit " + node.exitValue() + "): "
                    + new String(errors.join(), StandardCharsets.UTF_8));
        }
        List<SentSpan> spans = new ArrayList<>();
        for (JsonNode s : JSON.readTree(out.join()).path("spans")) {
            spans.add(SentSpan.fromJavaScriptSdk(s));
        }
        return spans;
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
