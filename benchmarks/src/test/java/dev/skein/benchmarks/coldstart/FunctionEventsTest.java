package dev.skein.benchmarks.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.skein.ingest.StreamRecord;
import dev.skein.model.TraceId;
import dev.skein.storage.TimerMessages;
import dev.skein.storage.TraceKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The events as the Lambda runtime's own deserializer reads them, as the launcher does. */
class FunctionEventsTest {
    private static final FunctionEvents EVENTS = FunctionEvents.fromFixtures(ColdStartReport.repository());
    private static final TraceKey TRACE = new TraceKey(FunctionEvents.TENANT, new TraceId(0x1234L, 0x5678L));

    private static <T> T read(Class<T> type, String json) {
        return LambdaEventSerializers.serializerFor(type, FunctionEventsTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ingest_isAnOtlpProtobufPostWithTheGzippedBodyAndTheAuthorizersTenant() throws IOException {
        byte[] otlp = {10, 20, 30, 40};

        APIGatewayV2HTTPEvent event = read(APIGatewayV2HTTPEvent.class, EVENTS.ingest(otlp));

        assertThat(event.getRawPath()).isEqualTo("/v1/traces");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getHeaders()).containsEntry("content-type", "application/x-protobuf")
                .containsEntry("content-encoding", "gzip");
        assertThat(event.getRequestContext().getAuthorizer().getLambda()).containsEntry("tenant", FunctionEvents.TENANT);
        assertThat(event.getIsBase64Encoded()).isTrue();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(
                Base64.getDecoder().decode(event.getBody())))) {
            assertThat(in.readAllBytes()).isEqualTo(otlp);
        }
    }

    @Test
    void query_isAGetOfOneTraceWithoutSearchParameters() {
        APIGatewayV2HTTPEvent event = read(APIGatewayV2HTTPEvent.class, EVENTS.query(TRACE));

        assertThat(event.getRawPath()).isEqualTo("/api/traces/" + TRACE.traceId().toHex());
        assertThat(event.getRequestContext().getHttp().getPath()).isEqualTo(event.getRawPath());
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("GET");
        assertThat(event.getRawQueryString()).isEmpty();
        assertThat(event.getQueryStringParameters()).isNullOrEmpty();
        assertThat(event.getRequestContext().getAuthorizer().getLambda()).containsEntry("tenant", FunctionEvents.TENANT);
    }

    @Test
    void kinesis_carriesEachRecordsBytesAndArrivalTime() {
        List<StreamRecord> records = List.of(new StreamRecord("a/1", new byte[] {1, 2}),
                new StreamRecord("a/2", new byte[] {3}));

        KinesisEvent event = read(KinesisEvent.class, FunctionEvents.kinesis(records, 1_795_000_000_123L));

        assertThat(event.getRecords()).hasSize(2);
        KinesisEvent.Record second = event.getRecords().get(1).getKinesis();
        assertThat(bytes(second.getData())).containsExactly(3);
        assertThat(second.getPartitionKey()).isEqualTo("a/2");
        assertThat(second.getApproximateArrivalTimestamp().getTime()).isEqualTo(1_795_000_000_123L);
    }

    @Test
    void sqs_carriesOneTimerPerTrace() {
        TraceKey other = new TraceKey(FunctionEvents.TENANT, new TraceId(0x9L, 0xaL));

        SQSEvent event = read(SQSEvent.class, FunctionEvents.sqs(List.of(TRACE, other), 1_795_000_000_000L));

        assertThat(event.getRecords()).extracting(m -> TimerMessages.decode(m.getBody())).containsExactly(TRACE, other);
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.duplicate().get(b);
        return b;
    }
}
