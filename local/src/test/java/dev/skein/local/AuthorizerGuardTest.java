package dev.skein.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.skein.functions.authorizer.AuthorizerHandler;
import dev.skein.storage.MovableClock;
import dev.skein.tenancy.InMemoryApiKeyStore;
import dev.skein.tenancy.KeyManager;
import dev.skein.tenancy.Scope;
import java.io.OutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** API Gateway's side of the authorizer, as the stack wires it, in front of skein-local's functions. */
class AuthorizerGuardTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final KeyManager keys = new KeyManager(store, clock, new SecureRandom());
    private final AuthorizerGuard guard = new AuthorizerGuard(new AuthorizerHandler(store, clock, Duration.ZERO,
            new PrintStream(OutputStream.nullOutputStream())));
    private final String ingest = keys.create("team-a", EnumSet.of(Scope.INGEST), "").key().token();
    private final String query = keys.create("team-a", EnumSet.of(Scope.QUERY), "").key().token();

    @Test
    void aGoodKeyPassesTheAuthorizersContextOn() {
        Guard.Outcome o = guard.check(event("POST", "/v1/traces", null, Map.of("authorization", "Bearer " + ingest)));
        assertThat(o.refusal()).isNull();
        assertThat(o.context()).contains(Map.of("tenant", "team-a", "scopes", "ingest"));
    }

    @Test
    void withoutAnAuthorizationHeaderTheCachedRoutesAnswer401AndTheZipkinRouteAsksTheAuthorizer() {
        assertThat(guard.check(event("POST", "/v1/traces", null, Map.of())).refusal().getStatusCode()).isEqualTo(401);
        assertThat(guard.check(event("GET", "/api/traces", "key=" + query, Map.of())).refusal().getStatusCode())
                .as("?key= opens the Zipkin ingest route only").isEqualTo(401);
        assertThat(guard.check(event("POST", "/api/v2/spans", null, Map.of())).refusal().getStatusCode()).isEqualTo(403);
        assertThat(guard.check(event("POST", "/api/v2/spans", "key=" + ingest, Map.of())).context())
                .contains(Map.of("tenant", "team-a", "scopes", "ingest"));
    }

    @Test
    void aBadOrWrongScopeKeyIsAPlain403AsApiGatewayAnswers() {
        var refusal = guard.check(event("GET", "/zipkin/api/v2/services", null, Map.of("authorization", "Bearer " + ingest)))
                .refusal();
        assertThat(refusal.getStatusCode()).isEqualTo(403);
        assertThat(refusal.getBody()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(guard.check(event("GET", "/zipkin/api/v2/services", null, Map.of("authorization", "Bearer x")))
                .refusal().getStatusCode()).isEqualTo(403);
    }

    @Test
    void theZipkinUisCookieStandsForTheHeaderAndPreflightsPassUnguarded() {
        Guard.Outcome o = guard.check(event("GET", "/zipkin/api/v2/services", null,
                Map.of("cookie", "theme=dark; skein-key=" + query)));
        assertThat(o.context()).contains(Map.of("tenant", "team-a", "scopes", "query"));
        Guard.Outcome preflight = guard.check(event("OPTIONS", "/zipkin/api/v2/services", null, Map.of()));
        assertThat(preflight.refusal()).isNull();
        assertThat(preflight.context()).isEmpty();
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, String query, Map<String, String> headers) {
        Map<String, List<String>> h = new java.util.HashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return ApiGatewayEvents.request(method, path, query, h, new byte[0], "127.0.0.1", "localhost",
                Optional.empty(), Instant.parse("2026-11-25T12:00:00Z"));
    }
}
