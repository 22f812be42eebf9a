package dev.skein.functions.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.skein.query.StoredTraces;
import dev.skein.tenancy.InMemoryQuotaLedger;
import dev.skein.tenancy.QuotaGate;
import dev.skein.tenancy.QuotaPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who may ask the query function, and how often: the key's scope, preflights, and the query rate per tenant. */
class QueryAccessTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final StoredTraces stored = new StoredTraces(NOW);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final QueryHandler handler = new QueryHandler(stored.service(), new Cors(List.of("*")), Optional.empty(),
            new QuotaGate(new InMemoryQuotaLedger(),
                    QuotaPolicy.parse("{\"default\":{\"queriesPerSecond\":1,\"burstSeconds\":2}}"), stored.clock()),
            new PrintStream(log, true, StandardCharsets.UTF_8), stored.clock());

    @AfterEach
    void close() {
        stored.close();
    }

    @Test
    void preflightsNeedNoKey() {
        APIGatewayV2HTTPEvent preflight = event("OPTIONS", "/zipkin/api/v2/services", null);
        preflight.setHeaders(Map.of("origin", "https://grafana.example", "access-control-request-method", "GET",
                "access-control-request-headers", "authorization"));
        APIGatewayV2HTTPResponse r = handler.handleRequest(preflight, null);
        assertThat(r.getStatusCode()).isEqualTo(204);
        assertThat(r.getHeaders()).containsEntry("access-control-allow-origin", "*");
    }

    @Test
    void aKeyWithoutTheQueryScopeIsRefused() {
        APIGatewayV2HTTPResponse r = handler.handleRequest(event("GET", "/api/services",
                Map.of("tenant", "acme", "scopes", "ingest")), null);
        assertThat(r.getStatusCode()).isEqualTo(403);
        assertThat(r.getBody()).contains("'query' scope");
        assertThat(handler.handleRequest(event("GET", "/api/services", Map.of("tenant", "acme")), null)
                .getStatusCode()).isEqualTo(403);
    }

    @Test
    void aTenantOverItsQueryRateGets429WithRetryAfterWhileAnotherIsAnswered() {
        Map<String, Object> acme = Map.of("tenant", "acme", "scopes", "query");
        for (int i = 0; i < 2; i++) {
            assertThat(handler.handleRequest(event("GET", "/zipkin/api/v2/services", acme), null).getStatusCode())
                    .isEqualTo(200);
        }
        APIGatewayV2HTTPResponse refused = handler.handleRequest(event("GET", "/zipkin/api/v2/services", acme), null);
        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertThat(refused.getHeaders()).containsEntry("retry-after", "1").containsEntry("access-control-allow-origin", "*");
        assertThat(refused.getBody()).contains("query rate quota");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"status\":429")
                .contains("\"refusedReason\":\"queries_per_second\"").contains("\"tenant\":\"acme\"");

        assertThat(handler.handleRequest(event("GET", "/zipkin/api/v2/services",
                Map.of("tenant", "globex", "scopes", "ingest query")), null).getStatusCode()).isEqualTo(200);

        stored.clock().advance(Duration.ofSeconds(1));
        assertThat(handler.handleRequest(event("GET", "/zipkin/api/v2/services", acme), null).getStatusCode())
                .isEqualTo(200);
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, Map<String, Object> authorizer) {
        APIGatewayV2HTTPEvent.RequestContext.RequestContextBuilder rc = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build());
        if (authorizer != null) {
            rc.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(authorizer).build());
        }
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(path).withRawQueryString("")
                .withHeaders(Map.of()).withRequestContext(rc.build()).build();
    }
}
