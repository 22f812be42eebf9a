package dev.skein.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.StorageProvisioning;
import dev.skein.emulators.DynamoDbEmulator;
import dev.skein.emulators.KinesisEmulator;
import dev.skein.emulators.S3Emulator;
import dev.skein.emulators.SingleEndpointRouter;
import dev.skein.emulators.SqsEmulator;
import dev.skein.model.TraceId;
import dev.skein.storage.StoredSummary;
import dev.skein.storage.TraceKey;
import dev.skein.trace.CombinedTrace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * skein-local on one AWS endpoint, as against LocalStack: here a {@link SingleEndpointRouter} in
 * front of the four emulators, which start empty. Spans go in over OTLP/HTTP and come back out
 * of the trace reader; everything in between crossed the one port.
 */
class AwsEndpointIT {
    /** Generous: every wait ends as soon as what it waits for is there. */
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;
    static KinesisEmulator kinesis;
    static DynamoDbEmulator dynamoDb;
    static S3Emulator s3;
    static SqsEmulator sqs;
    static SingleEndpointRouter router;

    @BeforeAll
    static void startEmulatorsBehindOnePort() throws Exception {
        kinesis = KinesisEmulator.builder().logDirectory(temp.resolve("logs")).start();
        dynamoDb = DynamoDbEmulator.start();
        s3 = S3Emulator.start();
        sqs = SqsEmulator.start();
        router = SingleEndpointRouter.start(Map.of("kinesis", kinesis.endpoint(), "dynamodb", dynamoDb.endpoint(),
                "s3", s3.endpoint(), "sqs", sqs.endpoint()));
    }

    @AfterAll
    static void stop() {
        Closing.closeAllOrThrow(router, sqs, s3, dynamoDb, kinesis);
    }

    @Test
    void start_whenAwsEndpointGiven_createsTheResourcesThereRoundTripsATraceAndReusesThemOnRestart()
            throws Exception {
        Path dataDir = temp.resolve("data");
        SkeinLocal.Options options = SkeinLocal.Options.ephemeral(dataDir).withAwsEndpoint(router.endpoint());
        String traceHex = randomHex(16);
        TraceKey key = new TraceKey(SkeinLocal.TENANT, TraceId.fromHex(traceHex));

        String timerQueueUrl;
        try (SkeinLocal skein = SkeinLocal.start(options)) {
            assertThat(skein.kinesisEndpoint()).isEqualTo(router.endpoint());
            assertThat(skein.s3Endpoint()).isEqualTo(router.endpoint());
            assertThat(postOtlpJson(skein.otlpPort(), skein.devKey().orElseThrow(), traceHex, randomHex(8)))
                    .isEqualTo(200);

            // The summary is written by the finalizer, after the assembler's timer came back
            // through SQS: every service took part.
            StoredSummary summary = eventually(skein, "the summary of " + traceHex,
                    () -> skein.traceReader().summary(key), Optional::isPresent).orElseThrow();
            assertThat(summary.summary().rootService()).isEqualTo("checkout");
            assertThat(summary.summary().spanCount()).isEqualTo(1);
            timerQueueUrl = queueUrl(SkeinLocal.TIMER_QUEUE);
        }

        assertThat(router.forwarded()).containsOnlyKeys("kinesis", "dynamodb", "s3", "sqs");
        // Only skein-local.json was there, while it ran, for skein keys --local; the directory goes with it.
        assertThat(dataDir).as("the data directory is left as it was: absent").doesNotExist();
        Instant streamCreated;
        try (KinesisClient k = kinesis.kinesisClient(); DynamoDbClient d = dynamoDb.dynamoDbClient();
                S3Client s = s3.s3Client()) {
            streamCreated = k.describeStreamSummary(r -> r.streamName(SkeinLocal.STREAM))
                    .streamDescriptionSummary().streamCreationTimestamp();
            assertThat(StorageProvisioning.tableExists(d, SkeinLocal.TABLE)).isTrue();
            assertThat(s.listObjectsV2(r -> r.bucket(SkeinLocal.BUCKET)).contents()).isNotEmpty();
        }
        assertThat(queueUrl(SkeinLocal.TIMER_DEAD_LETTER_QUEUE)).isNotNull();
        assertThat(queueUrl(SkeinLocal.STREAM_FAILURE_QUEUE)).isNotNull();

        try (SkeinLocal again = SkeinLocal.start(options)) {
            // What the first run stored is there at once: the same table and bucket.
            Optional<CombinedTrace> trace = again.traceReader().trace(key);
            assertThat(trace).hasValueSatisfying(t -> assertThat(t.spans()).hasSize(1));
            assertThat(again.traceReader().summary(key)).isPresent();
            assertThat(again.streamFailureQueueUrl()).isEqualTo(queueUrl(SkeinLocal.STREAM_FAILURE_QUEUE));
        }
        try (KinesisClient k = kinesis.kinesisClient()) {
            assertThat(k.describeStreamSummary(r -> r.streamName(SkeinLocal.STREAM))
                    .streamDescriptionSummary().streamCreationTimestamp()).isEqualTo(streamCreated);
        }
        assertThat(queueUrl(SkeinLocal.TIMER_QUEUE)).isEqualTo(timerQueueUrl);
    }

    @Test
    void existing_whenNothingExists_namesEveryMissingResourceAndHowToCreateThem() {
        AwsResourceNames names = new AwsResourceNames("absent-stream", "absent-table", "absent-bucket",
                "absent-timers");

        assertThatThrownBy(() -> RemoteAws.existing(settings(), names))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Skein's resources are missing in AWS at " + router.endpoint()
                        + ", region us-east-1:")
                .hasMessageContaining("\n  Kinesis stream 'absent-stream' does not exist")
                .hasMessageContaining("\n  DynamoDB table 'absent-table' does not exist")
                .hasMessageContaining("\n  S3 bucket 'absent-bucket' does not exist")
                .hasMessageContaining("\n  SQS queue 'absent-timers' does not exist")
                .hasMessageContaining("Deploy the Skein CDK stack (infra-cdk: cdk deploy)")
                .hasMessageEndingWith("SKEIN_STREAM_NAME, SKEIN_TABLE, SKEIN_BUCKET and SKEIN_TIMER_QUEUE_URL.");
    }

    @Test
    void existing_whenSomeExist_namesOnlyTheMissingOnes_andOnceAllExistUsesThemWithoutCreatingAny() {
        String table = "checked-table";
        String bucket = "checked-bucket";
        String stream = "checked-stream";
        String queueUrl;
        try (DynamoDbClient d = dynamoDb.dynamoDbClient(); SqsClient q = sqs.sqsClient()) {
            StorageProvisioning.createTableIfMissing(d, table, Duration.ofSeconds(30));
            queueUrl = StorageProvisioning.createQueueIfMissing(q, "checked-timers");
        }
        AwsResourceNames names = new AwsResourceNames(stream, table, bucket, queueUrl);

        assertThatThrownBy(() -> RemoteAws.existing(settings(), names))
                .hasMessageContaining("Kinesis stream 'checked-stream' does not exist")
                .hasMessageContaining("S3 bucket 'checked-bucket' does not exist")
                .hasMessageNotContaining("DynamoDB")
                .hasMessageNotContaining("SQS");
        assertThatThrownBy(() -> RemoteAws.existing(settings(), new AwsResourceNames(stream, table, bucket,
                queueUrl + "-gone"))).hasMessageContaining("SQS queue '" + queueUrl + "-gone' does not exist");

        kinesis.createStream(stream, 1);
        try (S3Client s = s3.s3Client()) {
            StorageProvisioning.createBucketIfMissing(s, bucket);
        }
        try (RemoteAws aws = RemoteAws.existing(settings(), names)) {
            assertThat(aws.resources()).isEqualTo(new AwsResources(stream, table, bucket, queueUrl, Optional.empty()));
        }
    }

    /** The functions' settings pointed at the router, as LocalStack would be. */
    private static AwsClientSettings settings() {
        return AwsClientSettings.fromEnvironment(Map.of(AwsClientSettings.ENDPOINT, router.endpoint().toString()));
    }

    private static String queueUrl(String name) {
        try (SqsClient q = sqs.sqsClient()) {
            return q.getQueueUrl(r -> r.queueName(name)).queueUrl();
        }
    }

    /** One SERVER span of service checkout, as an OpenTelemetry SDK exports it in OTLP/JSON with an API key. */
    private static int postOtlpJson(int port, String key, String traceHex, String spanHex) throws Exception {
        long start = System.currentTimeMillis() * 1_000_000L;
        String body = """
                {"resourceSpans":[{"resource":{"attributes":[
                {"key":"service.name","value":{"stringValue":"checkout"}}]},"scopeSpans":[{"scope":{"name":"it"},"spans":[{"traceId":"%s","spanId":"%s","name":"GET /cart",
                "kind":2,"startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}
                """.formatted(traceHex, spanHex, start, start + 5_000_000L);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros
        return HexFormat.of().formatHex(b);
    }

    private static <T> T eventually(SkeinLocal skein, String what, Supplier<T> probe, Predicate<T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            T last = probe.get();
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("gave up waiting for " + what + " after " + DEADLINE + "; last answer: "
                        + last + "; assembler source " + skein.spanStreamStats() + "; finalizer source "
                        + skein.timerQueueStats());
            }
            Thread.sleep(100);
        }
    }
}
