package dev.skein.functions.query.jaeger;

import dev.skein.functions.query.Dialect;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.query.QueryService;
import java.time.Clock;

/** Jaeger's query HTTP API under {@code /jaeger}. */
public final class JaegerApi implements Dialect {
    private final QueryService service;
    private final Clock clock;

    public JaegerApi(QueryService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public String base() {
        return "/jaeger";
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
