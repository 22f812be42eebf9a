package dev.skein.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.storage.MovableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AccessControlTest {
    private static final Function<String, String> NONE = name -> null;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final KeyManager keys = new KeyManager(store, clock, new SecureRandom());
    private final AccessControl access = new AccessControl(new KeyVerifier(store, clock, Duration.ofSeconds(60)));

    private final String ingestKey = keys.create("acme", EnumSet.of(Scope.INGEST), "collector").key().token();
    private final String queryKey = keys.create("acme", EnumSet.of(Scope.QUERY), "grafana").key().token();
    private final String bothKey = keys.create("team.b", EnumSet.allOf(Scope.class), "dev").key().token();

    private static Function<String, String> bearer(String token) {
        return Map.of("authorization", "Bearer " + token)::get;
    }

    private AccessControl.Decision decide(String method, String path, String token) {
        return access.decide(method, path, bearer(token), NONE);
    }

    @Test
    void noKey_is401_askingForOne() {
        AccessControl.Decision d = access.decide("POST", "/v1/traces", NONE, NONE);

        assertThat(d.status()).isEqualTo(401);
        assertThat(d.allowed()).isFalse();
        assertThat(d.tenant()).isEmpty();
        assertThat(d.message()).contains("Authorization: Bearer <key>");
    }

    @Test
    void ingestKey_onEachIngestRoute_isAllowed_withItsTenantAndScopes() {
        for (String path : new String[] {"/v1/traces", "/api/v2/spans"}) {
            AccessControl.Decision d = decide("POST", path, ingestKey);

            assertThat(d.status()).isEqualTo(200);
            assertThat(d.allowed()).isTrue();
            assertThat(d.tenant()).contains("acme");
            assertThat(d.scopes()).containsExactly(Scope.INGEST);
            assertThat(d.message()).isEmpty();
        }
    }

    @Test
    void queryKey_onAReadRoute_isAllowed() {
        AccessControl.Decision d = decide("GET", "/zipkin/api/v2/services", queryKey);

        assertThat(d.allowed()).isTrue();
        assertThat(d.tenant()).contains("acme");
        assertThat(d.scopes()).containsExactly(Scope.QUERY);
    }

    @Test
    void keyWithBothScopes_isAllowedEverywhere_carryingBoth() {
        assertThat(decide("POST", "/v1/traces", bothKey).scopes()).isEqualTo(Set.of(Scope.INGEST, Scope.QUERY));
        assertThat(decide("HEAD", "/jaeger/api/services", bothKey).tenant()).contains("team.b");
    }

    @Test
    void ingestOnlyKey_onAReadRoute_is403_namingTheMissingScope() {
        AccessControl.Decision d = decide("GET", "/api/traces", ingestKey);

        assertThat(d.status()).isEqualTo(403);
        assertThat(d.allowed()).isFalse();
        assertThat(d.tenant()).isEmpty();
        assertThat(d.scopes()).isEmpty();
        assertThat(d.message()).contains("'query' scope");
    }

    @Test
    void queryOnlyKey_onIngest_is403_namingTheMissingScope() {
        AccessControl.Decision d = decide("POST", "/v1/traces", queryKey);

        assertThat(d.status()).isEqualTo(403);
        assertThat(d.message()).contains("'ingest' scope");
    }

    @Test
    void malformedCredential_is403_sayingWhatIsWrong() {
        AccessControl.Decision d = access.decide("POST", "/v1/traces", Map.of("authorization", "Token abc")::get, NONE);

        assertThat(d.status()).isEqualTo(403);
        assertThat(d.message()).contains("Bearer <key>");
    }

    @Test
    void somethingThatIsNoSkeinKey_is403_malformed() {
        AccessControl.Decision d = decide("POST", "/v1/traces", "hunter2");

        assertThat(d.status()).isEqualTo(403);
        assertThat(d.message()).isEqualTo(KeyVerifier.Problem.MALFORMED.message());
    }

    @Test
    void unknownKey_is403() {
        AccessControl.Decision d = decide("POST", "/v1/traces", ApiKey.generate("acme", new SecureRandom()).token());

        assertThat(d.status()).isEqualTo(403);
        assertThat(d.message()).isEqualTo(KeyVerifier.Problem.UNKNOWN.message());
    }

    @Test
    void revokedKey_is403() {
        keys.revoke("acme", ApiKey.parse(ingestKey).orElseThrow().keyId());

        AccessControl.Decision d = decide("POST", "/v1/traces", ingestKey);

        assertThat(d.status()).isEqualTo(403);
        assertThat(d.message()).isEqualTo(KeyVerifier.Problem.REVOKED.message());
    }

    @Test
    void goodKey_onNoRoute_is403() {
        for (String[] route : new String[][] {{"PUT", "/v1/traces"}, {"GET", "/apix"}, {"POST", "/api/traces"},
                {"OPTIONS", "/zipkin/api/v2/services"}}) {
            AccessControl.Decision d = decide(route[0], route[1], bothKey);

            assertThat(d.status()).as(route[0] + " " + route[1]).isEqualTo(403);
            assertThat(d.message()).isEqualTo("no API key opens this route");
        }
    }

    @Test
    void knownScope_decidesWithoutAPath() {
        assertThat(access.decide(Optional.of(Scope.INGEST), bearer(ingestKey), NONE).allowed()).isTrue();
        assertThat(access.decide(Optional.of(Scope.QUERY), bearer(ingestKey), NONE).status()).isEqualTo(403);
        assertThat(access.decide(Optional.empty(), bearer(ingestKey), NONE).status()).isEqualTo(403);
    }

    @Test
    void keyParameter_isAllowedLikeAHeader() {
        AccessControl.Decision d = access.decide("POST", "/api/v2/spans", NONE, Map.of("key", ingestKey)::get);

        assertThat(d.allowed()).isTrue();
        assertThat(d.tenant()).contains("acme");
    }

    @Test
    void basicCredentials_areAllowedLikeAHeader() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("grafana:" + queryKey).getBytes(StandardCharsets.UTF_8));

        assertThat(access.decide("GET", "/jaeger/api/traces", Map.of("authorization", basic)::get, NONE).allowed()).isTrue();
    }

    /** The Zipkin UI's autocomplete has a {@code key} parameter of its own, beside the Authorization header. */
    @Test
    void zipkinAutocompleteKeyParameter_doesNotCountAsASecondKey() {
        AccessControl.Decision d = access.decide("GET", "/zipkin/api/v2/autocompleteValues", bearer(queryKey),
                Map.of("key", "http.method")::get);

        assertThat(d.allowed()).isTrue();
    }

    @Test
    void twoDifferentKeys_is403() {
        AccessControl.Decision d = access.decide("POST", "/api/v2/spans", bearer(ingestKey), Map.of("key", bothKey)::get);

        assertThat(d.status()).isEqualTo(403);
        assertThat(d.message()).contains("different keys");
    }
}
