package dev.skein.functions.assembler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.model.SpanKind;
import dev.skein.query.TraceReader;
import dev.skein.storage.InMemoryStorage;
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
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler on events as the Lambda runtime deserializes them, with in-memory storage. */
class AssemblerHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryStorage storage = new InMemoryStorage(clock);
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final AssemblerHandler handler = new AssemblerHandler(
            new TraceAssembler(storage, storage, storage, PipelineSettings.DEFAULTS, clock),
            new PrintStream(logged, true, StandardCharsets.UTF_8));
    private final TraceReader reader = new TraceReader(storage, storage, PipelineSettings.DEFAULTS);

    /** A Kinesis event in the JSON shape Lambda delivers it. */
    private static KinesisEvent event(List<byte[]> data) {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            records.add("""
                {"kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "local/abc",
                  "sequenceNumber": "4959000000000000000000000000000000000000000000000000%04d",
                  "data": "%s", "approximateArrivalTimestamp": %d.123},
                 "eventSource": "aws:kinesis", "eventVersion": "1.0",
                 "eventID": "shardId-000000000000:4959000000000000000000000000000000000000000000000000%04d",
                 "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::123456789012:role/skein",
                 "awsRegion": "eu-west-1",
                 "eventSourceARN": "arn:aws:kinesis:eu-west-1:123456789012:stream/skein-spans"}
                """.formatted(i, Base64.getEncoder().encodeToString(data.get(i)), NOW.getEpochSecond(), i));
        }
        String json = "{\"Records\": [" + String.join(",", records) + "]}";
        PojoSerializer<KinesisEvent> serializer = LambdaEventSerializers.serializerFor(
                KinesisEvent.class, AssemblerHandlerTest.class.getClassLoader());
        return serializer.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void handleRequest_withAnUndecodableRecord_reportsItAloneAndStoresTheRest() {
        TraceBuilder a = TraceBuilder.trace(NOW.toEpochMilli() - 1_000);
        a.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 10);
        TraceBuilder b = TraceBuilder.trace(NOW.toEpochMilli() - 1_000);
        b.span(1, 0, "api", "GET /v1", SpanKind.SERVER, 0, 10);
        List<byte[]> data = new ArrayList<>(TraceBuilder.records("acme", a.spans()));
        data.add("garbage".getBytes(StandardCharsets.UTF_8));
        data.addAll(TraceBuilder.records("acme", b.spans()));

        StreamsEventResponse response = handler.handleRequest(event(data), null);

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("49590000000000000000000000000000000000000000000000000001");
        assertThat(reader.trace(new TraceKey("acme", a.id()))).isPresent();
        assertThat(reader.trace(new TraceKey("acme", b.id()))).isPresent();
        assertThat(reader.entries(new TraceKey("acme", a.id())).pointers().get(0).arrivalEpochMillis())
                .isEqualTo(NOW.toEpochMilli() + 123);
        String log = logged.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("\"failed\":1", "49590000000000000000000000000000000000000000000000000001")
                .doesNotContain("garbage");
    }

    @Test
    void handleRequest_withAHealthyBatch_reportsNoFailureAndLogsOneLineOfCounts() {
        TraceBuilder a = TraceBuilder.trace(NOW.toEpochMilli() - 1_000);
        a.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 10);

        StreamsEventResponse response = handler.handleRequest(event(TraceBuilder.records("acme", a.spans())), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(logged.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("{\"event\":\"assemble\",\"records\":1,\"spans\":1,\"traces\":1,\"failed\":0,")
                .doesNotContain("failures");
        assertThat(storage.pendingTimers()).isEqualTo(1);
    }
}
