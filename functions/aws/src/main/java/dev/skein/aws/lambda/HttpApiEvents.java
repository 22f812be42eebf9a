package dev.skein.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.model.Tenants;
import dev.skein.tenancy.Scope;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway HTTP API events (payload format 2.0) ↔ Skein's {@link HttpRequest} and {@link
 * HttpResponse}, and the tenant an authorizer put in the event. Shared by every HTTP function.
 */
public final class HttpApiEvents {
    /** The key under {@code requestContext.authorizer.lambda} that Skein's authorizer sets. */
    public static final String TENANT_CONTEXT_KEY = "tenant";
    /** The key under {@code requestContext.authorizer.lambda} with the API key's scopes, e.g. {@code "ingest query"}. */
    public static final String SCOPES_CONTEXT_KEY = "scopes";

    private HttpApiEvents() {
    }

    /**
     * @throws IllegalArgumentException when the body is marked base64 but is not
     */
    public static HttpRequest request(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : "";
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        String path = event.getRawPath() == null ? "/" : event.getRawPath();
        return new HttpRequest(method, path, event.getRawQueryString(), headers, bodyOf(event));
    }

    /**
     * The tenant from the authorizer's context; without an authorizer, {@code defaultTenant};
     * null when neither gives one.
     */
    public static String tenant(APIGatewayV2HTTPEvent event, Optional<String> defaultTenant) {
        APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
        if (rc != null && rc.getAuthorizer() != null && rc.getAuthorizer().getLambda() != null) {
            Object tenant = rc.getAuthorizer().getLambda().get(TENANT_CONTEXT_KEY);
            return tenant == null ? null : tenant.toString();
        }
        return defaultTenant.orElse(null);
    }

    /**
     * {@code SKEIN_DEFAULT_TENANT}: the tenant when no authorizer runs; empty when unset.
     *
     * @throws IllegalArgumentException for a tenant ID Skein cannot store
     */
    public static Optional<String> defaultTenant(Map<String, String> env) {
        String tenant = env.getOrDefault("SKEIN_DEFAULT_TENANT", "").trim();
        if (tenant.isEmpty()) return Optional.empty();
        if (!Tenants.isValid(tenant)) {
            throw new IllegalArgumentException("SKEIN_DEFAULT_TENANT must be 1-64 of A-Z a-z 0-9 _ . -, got '" + tenant + "'");
        }
        return Optional.of(tenant);
    }

    /** The answer that refuses a request for want of a usable tenant; null when the tenant is one. */
    static HttpResponse tenantRefusal(String tenant) {
        if (tenant == null) return HttpResponse.text(401, "no tenant: this endpoint needs an API key");
        if (!Tenants.isValid(tenant)) {
            return HttpResponse.text(403, "the authorizer gave a tenant ID that Skein cannot store");
        }
        return null;
    }

    /**
     * The answer that refuses a request for want of a usable tenant ({@link #tenantRefusal}) or
     * of the scope {@code needed} ({@link #scopeRefusal}); null when it may go on.
     */
    public static HttpResponse accessRefusal(APIGatewayV2HTTPEvent event, String tenant, Scope needed) {
        HttpResponse refusal = tenantRefusal(tenant);
        return refusal != null ? refusal : scopeRefusal(event, needed);
    }

    /**
     * The answer that refuses a request whose key lacks {@code needed}; null when it holds it, or
     * when no authorizer ran (single-tenant mode, where the default tenant may do everything).
     * The authorizer already checks the route's scope; this check keeps a function safe behind
     * an authorizer that does not.
     */
    static HttpResponse scopeRefusal(APIGatewayV2HTTPEvent event, Scope needed) {
        APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
        if (rc == null || rc.getAuthorizer() == null || rc.getAuthorizer().getLambda() == null) {
            return null;
        }
        Object scopes = rc.getAuthorizer().getLambda().get(SCOPES_CONTEXT_KEY);
        boolean holds = scopes != null && Arrays.asList(scopes.toString().split("[,\\s]+")).contains(needed.label());
        return holds ? null : HttpResponse.text(403, "this API key lacks the '" + needed.label() + "' scope");
    }

    private static byte[] bodyOf(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        try {
            return event.getIsBase64Encoded()
                    ? Base64.getDecoder().decode(body)
                    : body.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("request body is marked base64 but is not valid base64", e);
        }
    }

    /** Text bodies travel as they are; any other body base64-encoded, as API Gateway requires. */
    public static APIGatewayV2HTTPResponse response(HttpResponse response) {
        boolean text = response.isTextual();
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(text ? response.bodyText() : Base64.getEncoder().encodeToString(response.body()))
                .withIsBase64Encoded(!text)
                .build();
    }
}
