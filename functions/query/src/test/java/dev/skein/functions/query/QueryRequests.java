package dev.skein.functions.query;

import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.query.StoredTraces;
import java.util.List;
import java.util.Map;

/** Sends requests through the real router and dialects to traces stored in memory. */
public final class QueryRequests {
    public static final String TENANT = "acme";

    private final QueryRouter router;

    public QueryRequests(StoredTraces stored) {
        this.router = new QueryRouter(QueryHandler.dialects(stored.service(), stored.clock()), new Cors(List.of("*")),
                TestQuotas.generous(stored.clock()),
                System.out);
    }

    /** GET {@code pathAndQuery} (the query string percent-encoded as a client would send it). */
    public HttpResponse get(String pathAndQuery) {
        return send("GET", pathAndQuery, Map.of());
    }

    public HttpResponse send(String method, String pathAndQuery, Map<String, String> headers) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        return router.handle(new HttpRequest(method, path, query, headers, new byte[0]), TENANT);
    }
}
