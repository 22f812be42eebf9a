package dev.skein.functions.query.zipkin;

import dev.skein.functions.query.Dialect;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.query.QueryService;
import java.time.Clock;

/** The Zipkin API v2 under {@code /zipkin}. */
public final class ZipkinApi implements Dialect {
    private final QueryService service;
    private final Clock clock;

    public ZipkinApi(QueryService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public String base() {
        return "/zipkin";
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
