package dev.skein.functions.query;

import dev.skein.functions.query.skein.SkeinApi;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Cross-origin access for browser consoles served from another origin (Grafana, a Zipkin or
 * Jaeger UI). {@code *} allows any origin, which is safe here because the API authenticates with
 * an API key header, never with cookies; a list allows those origins only.
 */
public final class Cors {
    /** Headers a browser may read from an answer besides the CORS-safelisted ones. */
    static final String EXPOSED_HEADERS = QueryRouter.INCOMPLETE_HEADER + ", " + SkeinApi.PARTIAL_HEADER;

    private final List<String> allowedOrigins;

    public Cors(List<String> allowedOrigins) {
        if (allowedOrigins.isEmpty()) throw new IllegalArgumentException("CORS needs at least one origin, or *");
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** {@code SKEIN_CORS_ORIGINS}: comma-separated origins, or {@code *} (the default). */
    public static Cors fromEnvironment(Map<String, String> env) {
        String v = env.getOrDefault("SKEIN_CORS_ORIGINS", "*").trim();
        return new Cors(List.of(v.isEmpty() ? new String[] {"*"} : v.split("\\s*,\\s*")));
    }

    /** Adds the CORS headers an answer to this request needs; none for a foreign origin. */
    HttpResponse apply(HttpRequest request, HttpResponse response) {
        String origin = request.header("origin");
        if (allowedOrigins.contains("*")) {
            return response.withHeader("access-control-allow-origin", "*")
                    .withHeader("access-control-expose-headers", EXPOSED_HEADERS);
        }
        HttpResponse varied = varyOnOrigin(response);
        if (origin == null || !allowedOrigins.contains(origin)) return varied;
        return varied.withHeader("access-control-allow-origin", origin)
                .withHeader("access-control-expose-headers", EXPOSED_HEADERS);
    }

    /** The answer depends on the origin too: added to what it already varies on (gzip). */
    private static HttpResponse varyOnOrigin(HttpResponse response) {
        String vary = response.headers().get("vary");
        return response.withHeader("vary", vary == null ? "Origin" : vary + ", Origin");
    }

    /** The answer to a preflight {@code OPTIONS} request. */
    HttpResponse preflight(HttpRequest request) {
        String asked = request.header("access-control-request-headers");
        HttpResponse r = HttpResponse.empty(204)
                .withHeader("access-control-allow-methods", "GET, HEAD, OPTIONS")
                .withHeader("access-control-allow-headers", asked == null ? "authorization, x-api-key" : asked)
                .withHeader("access-control-max-age", "600");
        return apply(request, r);
    }
}
