package dev.skein.functions.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.aws.dynamodb.DynamoApiKeyStore;
import dev.skein.aws.lambda.HttpApiEvents;
import dev.skein.aws.lambda.LogLine;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.codec.Json;
import dev.skein.tenancy.AccessControl;
import dev.skein.tenancy.ApiKeyStore;
import dev.skein.tenancy.KeyVerifier;
import dev.skein.tenancy.RouteScopes;
import dev.skein.tenancy.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway HTTP API Lambda authorizer with simple responses: is the request's API key good,
 * and does it hold the scope its route needs? If so, the tenant and the key's scopes go on to
 * the function as context ({@code requestContext.authorizer.lambda}); if not, API Gateway
 * answers 403 and no function runs. The decision itself is {@link AccessControl}'s.
 *
 * <p>API Gateway caches answers by the identity sources Skein's stack gives it (the
 * Authorization header and the route), and this function caches them too, for the one route
 * that cannot be cached there (Zipkin reporters may send {@code ?key=}).
 */
public final class AuthorizerHandler implements RequestStreamHandler {
    static final String CACHE_SECONDS = "SKEIN_AUTH_CACHE_SECONDS";
    public static final Duration DEFAULT_CACHE_TIME = Duration.ofSeconds(60);

    private final AccessControl access;
    private final PrintStream log;
    /** Held because the checkpoint context may hold it weakly; Lambda's constructor only. */
    @SuppressWarnings("unused")
    private SnapStartPriming priming;

    /** The Lambda runtime's constructor: the key table from the environment, and SnapStart priming. */
    public AuthorizerHandler() {
        this(System.getenv(), new AwsClients(AwsClientSettings.fromEnvironment(System.getenv())));
    }

    private AuthorizerHandler(Map<String, String> env, AwsClients clients) {
        this(new DynamoApiKeyStore(clients.dynamoDb(), required(env, "SKEIN_TABLE")), Clock.systemUTC(),
                cacheTime(env), System.out);
        this.priming = AuthorizerPriming.of(this, System.out).register();
    }

    /** For hosts that bring their own key store: skein-local, tests. */
    public AuthorizerHandler(ApiKeyStore keys, Clock clock, Duration cacheTime, PrintStream log) {
        this.access = new AccessControl(new KeyVerifier(keys, clock, cacheTime));
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        AccessControl.Decision decision = decide(AuthorizerRequest.read(input));
        try (JsonGenerator json = Json.FACTORY.createGenerator(output)) {
            json.writeStartObject();
            json.writeBooleanField("isAuthorized", decision.allowed());
            if (decision.allowed()) {
                json.writeObjectFieldStart("context");
                json.writeStringField(HttpApiEvents.TENANT_CONTEXT_KEY, decision.tenant().orElseThrow());
                json.writeStringField(HttpApiEvents.SCOPES_CONTEXT_KEY, Scope.format(decision.scopes()));
                json.writeEndObject();
            }
            json.writeEndObject();
        }
    }

    AccessControl.Decision decide(AuthorizerRequest request) {
        Optional<Scope> scope = AuthorizerRequest.DEFAULT_ROUTE.equals(request.routeKey()) || request.routeKey() == null
                ? RouteScopes.required(request.method(), request.path())
                : RouteScopes.ofRouteKey(request.routeKey());
        AccessControl.Decision decision = access.decide(scope, request.headers()::get, request.queryParameters()::get);
        if (!decision.allowed()) {
            // Denials only: a healthy authorizer logs nothing, and the line never holds the key.
            LogLine.of("authorize").field("route", request.routeKey()).field("status", decision.status())
                    .field("problem", decision.message()).printTo(log);
        }
        return decision;
    }

    private static Duration cacheTime(Map<String, String> env) {
        String value = env.getOrDefault(CACHE_SECONDS, "").trim();
        if (value.isEmpty()) return DEFAULT_CACHE_TIME;
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0 || seconds > 3600) throw new NumberFormatException();
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CACHE_SECONDS + " must be 0-3600 seconds, got '" + value + "'");
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "").trim();
        if (value.isEmpty()) throw new IllegalStateException(name + " is not set: the authorizer needs the key table");
        return value;
    }
}
