package dev.skein.functions.query;

import static dev.skein.storage.TraceBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.model.SpanKind;
import dev.skein.query.StoredTraces;
import dev.skein.storage.TraceBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A query as API Gateway delivers it, read by the Lambda Java runtime's own deserializer, and
 * the answer written back by its serializer: what the function sees in AWS.
 */
class LambdaRuntimeEventTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static APIGatewayV2HTTPEvent fixture(String name) throws Exception {
        try (InputStream in = LambdaRuntimeEventTest.class.getResourceAsStream("/events/" + name)) {
            PojoSerializer<APIGatewayV2HTTPEvent> serializer = LambdaEventSerializers.serializerFor(
                    APIGatewayV2HTTPEvent.class, LambdaRuntimeEventTest.class.getClassLoader());
            return serializer.fromJson(new ByteArrayInputStream(in.readAllBytes()));
        }
    }

    @Test
    void search_takesTheTenantFromTheAuthorizer_andRepeatedParametersFromTheRawQuery() throws Exception {
        try (StoredTraces stored = new StoredTraces(NOW)) {
            TraceBuilder mine = TraceBuilder.trace(NOW.toEpochMilli() - 60_000);
            mine.span(1, 0, "web", "GET /checkout", SpanKind.SERVER, 0, 10,
                    attr("http.route", "/checkout"), attr("region", "eu,us"));
            TraceBuilder theirs = TraceBuilder.trace(NOW.toEpochMilli() - 60_000);
            theirs.span(1, 0, "web", "GET /checkout", SpanKind.SERVER, 0, 10,
                    attr("http.route", "/checkout"), attr("region", "eu,us"));
            for (int i = 2; i < 12; i++) mine.span(i, 1, "db", "SELECT", SpanKind.CLIENT, i, 1, attr("db.statement", "SELECT 1"));
            stored.store("team-payments", mine.spans()).store("spoofed", theirs.spans());
            QueryHandler handler = new QueryHandler(stored.service(), new Cors(List.of("*")), Optional.empty(),
                    System.out, stored.clock());

            APIGatewayV2HTTPResponse response = handler.handleRequest(fixture("api-search.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getHeaders()).containsEntry("content-encoding", "gzip")
                    .containsEntry("access-control-allow-origin", "*");
            assertThat(response.getIsBase64Encoded()).isTrue();
            byte[] body;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(
                    Base64.getDecoder().decode(response.getBody())))) {
                body = in.readAllBytes();
            }
            JsonNode traces = MAPPER.readTree(body).get("traces");
            assertThat(traces).hasSize(1);
            assertThat(traces.get(0).get("traceId").asText()).isEqualTo(mine.id().toHex());

            PojoSerializer<APIGatewayV2HTTPResponse> out = LambdaEventSerializers.serializerFor(
                    APIGatewayV2HTTPResponse.class, LambdaRuntimeEventTest.class.getClassLoader());
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            out.toJson(response, json);
            assertThat(json.toString(StandardCharsets.UTF_8)).contains("\"statusCode\":200").contains("\"isBase64Encoded\":true");
        }
    }

    @Test
    void withoutAnAuthorizerOrDefaultTenant_is401() throws Exception {
        try (StoredTraces stored = new StoredTraces(NOW)) {
            QueryHandler handler = new QueryHandler(stored.service(), new Cors(List.of("*")), Optional.empty(),
                    System.out, stored.clock());
            APIGatewayV2HTTPEvent event = fixture("api-search.json");
            event.getRequestContext().setAuthorizer(null);

            assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(401);
        }
    }
}
