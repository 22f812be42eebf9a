package dev.skein.functions.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.storage.MovableClock;
import dev.skein.tenancy.InMemoryApiKeyStore;
import dev.skein.tenancy.KeyManager;
import dev.skein.tenancy.Scope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizerHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final KeyManager keys = new KeyManager(store, clock, new SecureRandom());
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final AuthorizerHandler handler =
            new AuthorizerHandler(store, clock, Duration.ofSeconds(60), new PrintStream(log, true, StandardCharsets.UTF_8));

    private final String ingestKey = keys.create("team-a", EnumSet.of(Scope.INGEST), "ci").key().token();
    private final String queryKey = keys.create("team-a", EnumSet.of(Scope.QUERY), "grafana").key().token();
    private final String bothKey = keys.create("team.b", EnumSet.allOf(Scope.class), "").key().token();

    @Test
    void aKeyWithTheRoutesScopePassesItsTenantAndScopesOn() throws IOException {
        JsonNode answer = authorize(event("POST /v1/traces", "POST", "/v1/traces", "Bearer " + ingestKey, null));
        assertThat(answer.get("isAuthorized").asBoolean()).isTrue();
        assertThat(answer.get("context").get("tenant").asText()).isEqualTo("team-a");
        assertThat(answer.get("context").get("scopes").asText()).isEqualTo("ingest");

        JsonNode both = authorize(event("GET /zipkin/{proxy+}", "GET", "/zipkin/api/v2/services", "Bearer " + bothKey, null));
        assertThat(both.get("isAuthorized").asBoolean()).isTrue();
        assertThat(both.get("context").get("tenant").asText()).isEqualTo("team.b");
        assertThat(both.get("context").get("scopes").asText()).isEqualTo("ingest query");
    }

    @Test
    void aKeyWithoutTheRoutesScopeIsRefused() throws IOException {
        assertThat(allowed(event("GET /api/{proxy+}", "GET", "/api/traces", "Bearer " + ingestKey, null))).isFalse();
        assertThat(allowed(event("POST /v1/traces", "POST", "/v1/traces", "Bearer " + queryKey, null))).isFalse();
        assertThat(allowed(event("POST /api/v2/spans", "POST", "/api/v2/spans", "Bearer " + queryKey, null))).isFalse();
        assertThat(logLines()).anySatisfy(l -> assertThat(l).contains("lacks the 'query' scope"));
    }

    @Test
    void missingMalformedUnknownAndRevokedKeysAreRefused() throws IOException {
        String route = "POST /v1/traces";
        assertThat(allowed(event(route, "POST", "/v1/traces", null, null))).isFalse();
        assertThat(allowed(event(route, "POST", "/v1/traces", "Bearer nonsense", null))).isFalse();
        assertThat(allowed(event(route, "POST", "/v1/traces", "Token " + ingestKey, null))).isFalse();
        String forged = ingestKey.substring(0, ingestKey.length() - 4) + "AAAA";
        assertThat(allowed(event(route, "POST", "/v1/traces", "Bearer " + forged, null))).isFalse();
        String otherTenant = ingestKey.replace("skn1.team-a.", "skn1.team-c.");
        assertThat(allowed(event(route, "POST", "/v1/traces", "Bearer " + otherTenant, null))).isFalse();

        String revocable = keys.create("team-a", EnumSet.of(Scope.INGEST), "").key().token();
        keys.revoke("team-a", revocable.split("\\.")[2]);
        assertThat(allowed(event(route, "POST", "/v1/traces", "Bearer " + revocable, null))).isFalse();

        assertThat(logLines()).hasSize(6).allSatisfy(l -> assertThat(l).contains("\"event\":\"authorize\""));
        assertThat(String.join("\n", logLines())).doesNotContain(ingestKey.substring(ingestKey.lastIndexOf('.') + 1))
                .doesNotContain(revocable.substring(revocable.lastIndexOf('.') + 1));
    }

    @Test
    void aRevokedKeyWorksUntilTheCacheTimeHasPassed() throws IOException {
        String key = keys.create("team-a", EnumSet.of(Scope.INGEST), "").key().token();
        String event = event("POST /v1/traces", "POST", "/v1/traces", "Bearer " + key, null);
        assertThat(allowed(event)).isTrue();
        keys.revoke("team-a", key.split("\\.")[2]);
        clock.advance(Duration.ofSeconds(59));
        assertThat(allowed(event)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(allowed(event)).isFalse();
    }

    @Test
    void zipkinReportersMaySendTheKeyAsAQueryParameter() throws IOException {
        assertThat(allowed(event("POST /api/v2/spans", "POST", "/api/v2/spans", null, ingestKey))).isTrue();
        assertThat(allowed(event("POST /api/v2/spans", "POST", "/api/v2/spans", "Bearer " + bothKey, ingestKey)))
                .as("two different keys in one request").isFalse();
    }

    @Test
    void theDefaultRouteIsJudgedByMethodAndPath() throws IOException {
        assertThat(allowed(event("$default", "POST", "/v1/traces", "Bearer " + ingestKey, null))).isTrue();
        assertThat(allowed(event("$default", "GET", "/jaeger/api/services", "Bearer " + ingestKey, null))).isFalse();
        assertThat(allowed(event("$default", "DELETE", "/api/traces", "Bearer " + bothKey, null))).isFalse();
    }

    @Test
    void primingLooksUpAKeyThatCannotExistAndFailsNoStep() {
        assertThat(AuthorizerPriming.of(handler, new PrintStream(log, true, StandardCharsets.UTF_8)).prime()).isEmpty();
        assertThat(store.list("skein-priming")).isEmpty();
    }

    private boolean allowed(String event) throws IOException {
        return authorize(event).get("isAuthorized").asBoolean();
    }

    private JsonNode authorize(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        JsonNode answer = JSON.readTree(out.toByteArray());
        assertThat(answer.has("context")).isEqualTo(answer.get("isAuthorized").asBoolean());
        return answer;
    }

    private List<String> logLines() {
        return log.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The payload 2.0 authorizer event, with every field API Gateway documents, so the reader must skip what it does not use. */
    private static String event(String routeKey, String method, String path, String authorization, String keyParameter)
            throws IOException {
        var e = JSON.createObjectNode();
        e.put("version", "2.0");
        e.put("type", "REQUEST");
        e.put("routeArn", "arn:aws:execute-api:us-east-1:123456789012:abcdef123/$default/" + method + path);
        e.putArray("identitySource").add(authorization == null ? "" : authorization).add(routeKey);
        e.put("routeKey", routeKey);
        e.put("rawPath", path);
        e.put("rawQueryString", keyParameter == null ? "" : "key=" + keyParameter);
        e.putArray("cookies").add("a=b");
        var headers = e.putObject("headers");
        headers.put("content-type", "application/x-protobuf");
        headers.put("user-agent", "OTel-OTLP-Exporter-Java/1.44.0");
        if (authorization != null) headers.put("Authorization", authorization);
        if (keyParameter != null) e.putObject("queryStringParameters").put("key", keyParameter);
        var rc = e.putObject("requestContext");
        rc.put("accountId", "123456789012");
        rc.put("apiId", "abcdef123");
        rc.putObject("authentication").putObject("clientCert").put("subjectDN", "x");
        rc.put("domainName", "id.execute-api.us-east-1.amazonaws.com");
        var http = rc.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.7");
        rc.put("requestId", "id");
        rc.put("routeKey", routeKey);
        rc.put("stage", "$default");
        rc.put("time", "25/Nov/2026:10:00:00 +0000");
        rc.put("timeEpoch", 1795600800000L);
        e.putObject("pathParameters").put("proxy", "x");
        e.putObject("stageVariables");
        return JSON.writeValueAsString(e);
    }
}
