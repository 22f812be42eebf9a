package dev.skein.functions.query;

import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;

/**
 * One query API a console already speaks (Zipkin v2, Jaeger) or Skein's own, served under its
 * base path. A dialect only translates: parameters → a core query, the answer → its body shape.
 */
public interface Dialect {
    /** The base path, for example {@code /zipkin}; every path of the dialect lies below it. */
    String base();

    /**
     * Answers one GET request.
     *
     * @param path the request path below the base, starting with {@code /}
     * @param tenant the caller's tenant, established by the authorizer
     * @throws dev.skein.http.BadParameterException for a parameter it cannot accept (→ 400)
     */
    HttpResponse handle(HttpRequest request, String path, String tenant);

    /** An error as this dialect reports one: Zipkin in plain text, Jaeger in its envelope. */
    HttpResponse error(int status, String message);
}
