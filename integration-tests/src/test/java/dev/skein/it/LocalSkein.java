package dev.skein.it;

import dev.skein.local.SkeinLocal;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How every integration test starts skein-local: ephemeral (the stream, table, bucket and queues
 * live in memory), in the test's own temporary directory, on free ports.
 *
 * <p>This is the one place the suite builds {@link SkeinLocal.Options}, so it is the one place to
 * point the whole suite at another AWS endpoint: LocalStack, named by the environment variable
 * {@code SKEIN_IT_AWS_ENDPOINT}, once the options can take an endpoint.
 */
final class LocalSkein {
    private LocalSkein() {}

    static SkeinLocal start(Path dataDir) throws IOException {
        return SkeinLocal.start(SkeinLocal.Options.ephemeral(dataDir));
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
