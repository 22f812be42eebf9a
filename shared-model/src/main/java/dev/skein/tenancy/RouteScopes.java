package dev.skein.tenancy;

import java.util.Optional;

/**
 * The scope each route needs: writing spans needs {@code ingest}, every read needs {@code query}.
 * The authorizer decides by it, and each function checks it again on the scopes the authorizer
 * passed on.
 */
public final class RouteScopes {
    private RouteScopes() {}

    /** The scope {@code method path} needs; empty for a route Skein does not serve (refuse it). */
    public static Optional<Scope> required(String method, String path) {
        if (method == null || path == null) return Optional.empty();
        if (method.equals("POST") && (path.equals("/v1/traces") || path.equals("/api/v2/spans"))) {
            return Optional.of(Scope.INGEST);
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (read && (under(path, "/zipkin") || under(path, "/jaeger") || under(path, "/api"))) {
            return Optional.of(Scope.QUERY);
        }
        return Optional.empty();
    }

    /**
     * The scope of an API Gateway route key such as {@code POST /v1/traces} or {@code GET
     * /zipkin/{proxy+}}.
     */
    public static Optional<Scope> ofRouteKey(String routeKey) {
        if (routeKey == null) return Optional.empty();
        int space = routeKey.indexOf(' ');
        return space < 0 ? Optional.empty() : required(routeKey.substring(0, space), routeKey.substring(space + 1));
    }

    private static boolean under(String path, String base) {
        return path.equals(base) || path.startsWith(base + "/");
    }
}
