package dev.skein.functions.query.skein;

import dev.skein.functions.query.Dialect;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.query.QueryService;
import java.time.Clock;

/** Skein's own query API under {@code /api}. */
public final class SkeinApi implements Dialect {
    private final QueryService service;
    private final Clock clock;

    public SkeinApi(QueryService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public String base() {
        return "/api";
    }

    @Override
    public HttpResponse handle(HttpRequest request, String path, String tenant) {
        return error(404, path + " is not a route of this API");
    }

    @Override
    public HttpResponse error(int status, String message) {
        return HttpResponse.text(status, message);
    }
}
