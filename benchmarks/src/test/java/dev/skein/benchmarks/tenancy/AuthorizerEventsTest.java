package dev.skein.benchmarks.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.functions.authorizer.AuthorizerHandler;
import dev.skein.tenancy.InMemoryApiKeyStore;
import dev.skein.tenancy.KeyManager;
import dev.skein.tenancy.Scope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The event as the authorizer itself reads it: its key, and its route's scope. */
class AuthorizerEventsTest {
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final KeyManager keys = new KeyManager(store, Clock.systemUTC(), new SecureRandom());
    private final AuthorizerHandler authorizer = new AuthorizerHandler(store, Clock.systemUTC(), Duration.ZERO,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    private String answer(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        authorizer.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void otlpExport_withAnIngestKey_isLetThroughAsItsTenant() throws IOException {
        String key = keys.create("team-payments", EnumSet.of(Scope.INGEST), "").key().token();

        assertThat(answer(AuthorizerEvents.otlpExport(key)))
                .isEqualTo("{\"isAuthorized\":true,\"context\":{\"tenant\":\"team-payments\",\"scopes\":\"ingest\"}}");
    }

    @Test
    void otlpExport_withAQueryKey_isRefusedForItsRoute() throws IOException {
        String key = keys.create("team-payments", EnumSet.of(Scope.QUERY), "").key().token();

        assertThat(answer(AuthorizerEvents.otlpExport(key))).isEqualTo("{\"isAuthorized\":false}");
    }
}
