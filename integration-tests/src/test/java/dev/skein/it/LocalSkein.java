package dev.skein.it;

import dev.skein.local.SkeinLocal;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * How every integration test starts skein-local: ephemeral (the stream, table, bucket and queues
 * live in memory), in the test's own temporary directory, on free ports.
 *
 * <p>This is the one place the suite builds {@link SkeinLocal.Options}, so it is the one place
 * that points the whole suite at another AWS endpoint: with {@code SKEIN_AWS_ENDPOINT} set (a
 * system property or the environment, e.g. LocalStack's {@code http://localhost:4566}, the same
 * setting the storage suites read), skein-local runs on that endpoint instead of its emulators
 * and creates the stream, table, bucket and queues there when missing.
 */
final class LocalSkein {
    private LocalSkein() {}

    static final String AWS_ENDPOINT = "SKEIN_AWS_ENDPOINT";

    static SkeinLocal start(Path dataDir) throws IOException {
        SkeinLocal.Options options = SkeinLocal.Options.ephemeral(dataDir);
        String endpoint = System.getProperty(AWS_ENDPOINT, System.getenv(AWS_ENDPOINT));
        if (endpoint != null && !endpoint.isBlank()) {
            options = options.withAwsEndpoint(URI.create(endpoint.trim()));
        }
        return SkeinLocal.start(options);
    }

    /** Where the OpenTelemetry SDKs' OTLP/HTTP exporters send. */
    static String otlpTracesUrl(SkeinLocal skein) {
        return "http://127.0.0.1:" + skein.otlpPort() + "/v1/traces";
    }

    /** Where a Zipkin reporter sends. */
    static String zipkinSpansUrl(SkeinLocal skein) {
        return "http://127.0.0.1:" + skein.zipkinPort() + "/api/v2/spans";
    }

    static QueryApi queryApi(SkeinLocal skein) {
        return new QueryApi("http://127.0.0.1:" + skein.apiPort());
    }

    /** The write path's progress, for a test that gave up waiting to say where things stand. */
    static String progress(SkeinLocal skein) {
        return "assembler source " + skein.spanStreamStats() + "; finalizer source " + skein.timerQueueStats();
    }
}
