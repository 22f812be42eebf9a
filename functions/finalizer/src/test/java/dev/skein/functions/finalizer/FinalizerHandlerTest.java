package dev.skein.functions.finalizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.finalize.TraceFinalizer;
import dev.skein.model.SpanKind;
import dev.skein.query.TraceReader;
import dev.skein.storage.InMemoryStorage;
import dev.skein.storage.TimerMessages;
import dev.skein.storage.TraceBuilder;
import dev.skein.storage.TraceKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler on events as the Lambda runtime deserializes them, with in-memory storage. */
class FinalizerHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryStorage storage = new InMemoryStorage(clock);
    private final TraceReader reader = new TraceReader(storage, storage, PipelineSettings.DEFAULTS);
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final FinalizerHandler handler = new FinalizerHandler(
            new TraceFinalizer(reader, storage, storage, PipelineSettings.DEFAULTS, clock),
            new PrintStream(logged, true, StandardCharsets.UTF_8));

    private static SQSEvent event(List<String> bodies) {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            records.add("""
                {"messageId": "m-%d", "receiptHandle": "r-%d", "body": %s,
                 "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1795608000000"},
                 "messageAttributes": {}, "md5OfBody": "x", "eventSource": "aws:sqs",
                 "eventSourceARN": "arn:aws:sqs:eu-west-1:123456789012:skein-timers", "awsRegion": "eu-west-1"}
                """.formatted(i, i, quote(bodies.get(i))));
        }
        String json = "{\"Records\": [" + String.join(",", records) + "]}";
        PojoSerializer<SQSEvent> serializer = LambdaEventSerializers.serializerFor(
                SQSEvent.class, FinalizerHandlerTest.class.getClassLoader());
        return serializer.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void handleRequest_finalizesIdleTraces_andReportsBodiesThatAreNotTimers() {
        TraceBuilder t = TraceBuilder.trace(NOW.toEpochMilli() - 60_000);
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 100);
        t.span(2, 1, "api", "GET /v1", SpanKind.SERVER, 10, 50);
        List<BatchRecord> batch = new ArrayList<>();
        for (byte[] r : TraceBuilder.records("acme", t.spans())) {
            batch.add(new BatchRecord("1", NOW.toEpochMilli() - 30_000, r)); // idle for 30 s
        }
        new TraceAssembler(storage, storage, storage, PipelineSettings.DEFAULTS, clock).assemble(batch);
        TraceKey key = new TraceKey("acme", t.id());

        SQSBatchResponse response = handler.handleRequest(
                event(List.of(TimerMessages.encode(key), "{\"tenant\":\"acme\"}", TimerMessages.encode(key))), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-1");
        assertThat(reader.summary(key)).hasValueSatisfying(s -> assertThat(s.summary().spanCount()).isEqualTo(2));
        long now = NOW.toEpochMilli() * 1_000_000L;
        assertThat(reader.dependencies("acme", now - 3_600_000_000_000L, now)).hasSize(1);
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("message m-1: ", "no 32-digit traceId", "\"failed\":1");
    }

    @Test
    void handleRequest_forATraceStillReceivingSpans_reschedulesItsTimer() {
        TraceBuilder t = TraceBuilder.trace(NOW.toEpochMilli() - 1_000);
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 100);
        List<BatchRecord> batch = new ArrayList<>();
        for (byte[] r : TraceBuilder.records("acme", t.spans())) {
            batch.add(new BatchRecord("1", NOW.toEpochMilli() - 2_000, r)); // 2 s ago: not idle yet
        }
        new TraceAssembler(storage, storage, storage, PipelineSettings.DEFAULTS, clock).assemble(batch);
        int pending = storage.pendingTimers();
        TraceKey key = new TraceKey("acme", t.id());

        SQSBatchResponse response = handler.handleRequest(event(List.of(TimerMessages.encode(key))), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(reader.summary(key)).isEmpty();
        assertThat(storage.pendingTimers()).isEqualTo(pending + 1);
    }
}
