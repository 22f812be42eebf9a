package dev.skein.it;

import dev.skein.local.SkeinLocal;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How every integration test starts skein-local: ephemeral (the stream, table, bucket and queues
 * live in memory), in the test's own temporary directory, on free ports.
 *
 * <p>This is the one place the suite builds {@link SkeinLocal.Options}, so it is the one place
 * that points the whole suite at another AWS endpoint: with {@code SKEIN_AWS_ENDPOINT} set (a
 * system property or the environment, e.g. LocalStack's {@code http://localhost:4566}, the same
 * setting the storage suites read), skein-local runs on that endpoint instead of its emulators
 * and creates the stream, table, bucket and queues there when missing.
 *
 * <p>API keys are asked for, as in the cloud: what this class hands out (query clients, the Zipkin
 * reporter's URL) carries the development key unless given another, and {@link JavaSdk} and
 * {@link JavaScriptSdk} take the key as users configure their exporters.
 */
final class LocalSkein {
    private LocalSkein() {}

    static final String AWS_ENDPOINT = "SKEIN_AWS_ENDPOINT";
    /** The emulators accept any; LocalStack too. */
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it"));

    static SkeinLocal start(Path dataDir) throws IOException {
        return start(dataDir, UnaryOperator.identity());
    }

    /** @param customize changes the suite's options, e.g. {@code o -> o.withAuthCacheTime(Duration.ZERO)} */
    static SkeinLocal start(Path dataDir, UnaryOperator<SkeinLocal.Options> customize) throws IOException {
        SkeinLocal.Options options = SkeinLocal.Options.ephemeral(dataDir);
        String endpoint = System.getProperty(AWS_ENDPOINT, System.getenv(AWS_ENDPOINT));
        if (endpoint != null && !endpoint.isBlank()) {
            options = options.withAwsEndpoint(URI.create(endpoint.trim()));
        }
        return SkeinLocal.start(customize.apply(options));
    }

    /** The development key skein-local printed at start: tenant {@value SkeinLocal#TENANT}, ingest and query. */
    static String devKey(SkeinLocal skein) {
        return skein.devKey().orElseThrow(() -> new IllegalStateException("skein-local runs without auth: no key"));
    }

    /** Where the OpenTelemetry SDKs' OTLP/HTTP exporters send. */
    static String otlpTracesUrl(SkeinLocal skein) {
        return "http://127.0.0.1:" + skein.otlpPort() + "/v1/traces";
    }

    /** Where a Zipkin reporter sends, with the development key. */
    static String zipkinSpansUrl(SkeinLocal skein) {
        return zipkinSpansUrl(skein, devKey(skein));
    }

    /** Where a Zipkin reporter sends, with {@code key} in the URL: a reporter sets no headers. */
    static String zipkinSpansUrl(SkeinLocal skein, String key) {
        return "http://127.0.0.1:" + skein.zipkinPort() + "/api/v2/spans?key=" + URLEncoder.encode(key,
                StandardCharsets.UTF_8);
    }

    /** A client of skein-local's Kinesis, for a test that reads the stream or writes to it itself. */
    static KinesisClient kinesisClient(SkeinLocal skein) {
        return KinesisClient.builder().endpointOverride(skein.kinesisEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A client of skein-local's SQS, for a test that reads a queue itself. */
    static SqsClient sqsClient(SkeinLocal skein) {
        return SqsClient.builder().endpointOverride(skein.sqsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Skein's query APIs on the API port, asked with the development key. */
    static QueryApi queryApi(SkeinLocal skein) {
        return queryApi(skein, devKey(skein));
    }

    static QueryApi queryApi(SkeinLocal skein, String key) {
        return QueryApi.withKey(apiBase(skein), key);
    }

    /** Where the query APIs are: {@code /api}, {@code /zipkin/api/v2} and {@code /jaeger/api}. */
    static String apiBase(SkeinLocal skein) {
        return "http://127.0.0.1:" + skein.apiPort();
    }

    /** The write path's progress, for a test that gave up waiting to say where things stand. */
    static String progress(SkeinLocal skein) {
        return "assembler source " + skein.spanStreamStats() + "; finalizer source " + skein.timerQueueStats();
    }
}
