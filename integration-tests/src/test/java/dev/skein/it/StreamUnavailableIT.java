package dev.skein.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.aws.kinesis.KinesisRecordSink;
import dev.skein.aws.kinesis.KinesisSinkSettings;
import dev.skein.emulators.KinesisEmulator;
import dev.skein.functions.ingest.IngestConfig;
import dev.skein.functions.ingest.IngestHandler;
import dev.skein.ingest.IngestLimits;
import dev.skein.local.FrontDoor;
import dev.skein.local.Guard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When the stream cannot take the spans, the client hears 503 with Retry-After through the
 * whole real path (HTTP, front door, handler, SDK, emulator) and nothing is acknowledged.
 */
class StreamUnavailableIT {
    static KinesisEmulator kinesis;
    static AwsClients clients;
    static FrontDoor door;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        kinesis = KinesisEmulator.start();
        clients = new AwsClients(AwsClientSettings.fromEnvironment(
                Map.of(AwsClientSettings.ENDPOINT, kinesis.endpoint().toString())));
        // The stream was never created: Kinesis answers ResourceNotFoundException to every call.
        KinesisRecordSink sink = new KinesisRecordSink(clients.kinesis(), "no-such-stream",
                KinesisSinkSettings.defaults().withDeadline(Duration.ofSeconds(2)));
        IngestHandler ingest = new IngestHandler(new IngestConfig("no-such-stream", Optional.of("t1"),
                IngestLimits.DEFAULTS, 6, Duration.ofSeconds(3)), sink, Clock.systemUTC());
        door = new FrontDoor(Map.of("/", event -> ingest.handleRequest(event, null)), Guard.everyone("t1", "ingest"),
                Clock.systemUTC(), 2);
        port = door.listen("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (door != null) {
            door.close();
        }
        if (clients != null) {
            clients.close();
        }
        if (kinesis != null) {
            kinesis.close();
        }
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void otlpJson_whenTheStreamIsUnavailable_answers503WithRetryAfterAndAStatus() throws Exception {
        long start = System.currentTimeMillis() * 1_000_000L;
        HttpResponse<String> r = post("/v1/traces", "application/json", """
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10",
                "spanId":"0102030405060708","name":"x","startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}
                """.formatted(start, start + 1000));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("retry-after")).contains("3");
        assertThat(r.body()).startsWith("{\"code\":14,\"message\":\"span stream is unavailable");
    }

    @Test
    void zipkin_whenTheStreamIsUnavailable_answers503WithRetryAfter() throws Exception {
        HttpResponse<String> r = post("/api/v2/spans", "application/json", """
                [{"traceId":"463ac35c9f6413ad","id":"72485a3953bb6124","name":"get",
                  "timestamp":%d,"duration":10}]""".formatted(System.currentTimeMillis() * 1000));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("retry-after")).contains("3");
    }
}
