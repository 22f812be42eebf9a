package dev.skein.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.skein.codec.StreamRecordCodec;
import dev.skein.ingest.IngestLimits;
import dev.skein.ingest.StreamRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The event as API Gateway sends it, read by the Lambda Java runtime's own deserializer, and
 * the answer written back by its serializer: what the function sees in AWS, byte for byte.
 */
class LambdaRuntimeEventTest {

    private static APIGatewayV2HTTPEvent fixture(String name, byte[] body) throws Exception {
        String json;
        try (InputStream in = LambdaRuntimeEventTest.class.getResourceAsStream("/events/" + name)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("%BODY%", Base64.getEncoder().encodeToString(body))
                    .replace("%LENGTH%", Integer.toString(body.length));
        }
        PojoSerializer<APIGatewayV2HTTPEvent> serializer = LambdaEventSerializers.serializerFor(
                APIGatewayV2HTTPEvent.class, LambdaRuntimeEventTest.class.getClassLoader());
        return serializer.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void handleRequest_withTheRuntimesDeserializer_takesTheTenantFromTheAuthorizerAndInflatesGzip() throws Exception {
        List<StreamRecord> stored = new ArrayList<>();
        IngestHandler handler = new IngestHandler(new IngestConfig("spans", Optional.empty(), IngestLimits.DEFAULTS,
                6, Duration.ofSeconds(2)), stored::addAll, Clock.fixed(IngestHandlerTest.NOW, ZoneOffset.UTC));
        byte[] body = IngestHandlerTest.gzip(IngestHandlerTest.zipkin("72485a3953bb6124").getBytes(StandardCharsets.UTF_8));

        APIGatewayV2HTTPResponse response = handler.handleRequest(fixture("zipkin-post.json", body), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).partitionKey()).isEqualTo("team-payments/0000000000000000463ac35c9f6413ad");
        assertThat(StreamRecordCodec.decode(stored.get(0).data()).spans().get(0).serviceName()).isEqualTo("frontend");

        // And the answer survives the runtime's serializer in the shape API Gateway expects.
        PojoSerializer<APIGatewayV2HTTPResponse> out = LambdaEventSerializers.serializerFor(
                APIGatewayV2HTTPResponse.class, LambdaRuntimeEventTest.class.getClassLoader());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        out.toJson(response, json);
        assertThat(json.toString(StandardCharsets.UTF_8)).contains("\"statusCode\":202");
    }
}
