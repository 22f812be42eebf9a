package dev.skein.functions.query.jaeger;

import dev.skein.functions.query.TestQuotas;
import static dev.skein.storage.TraceBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.assembly.PipelineSettings;
import dev.skein.functions.query.Cors;
import dev.skein.functions.query.QueryRouter;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.SpanKind;
import dev.skein.model.TraceId;
import dev.skein.query.QueryLimits;
import dev.skein.query.StoredTraces;
import dev.skein.storage.TraceBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Three traces stored by the assembler and finalizer in memory, and a query router with the
 * Jaeger dialect in front of them, answering as the Lambda function would:
 *
 * <ul>
 *   <li>A (128-bit): web's {@code GET /checkout} calls payments, whose {@code POST /charge}
 *       fails with an ERROR status and {@code http.status_code=500};
 *   <li>B (128-bit), a minute later: web's 2 ms {@code GET /health};
 *   <li>C (64-bit), two minutes after A: worker's {@code consume}, linked to A's {@code charge}.
 * </ul>
 */
final class JaegerFixture implements AutoCloseable {
    static final String TENANT = "acme";
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final long BASE_MILLIS = NOW.toEpochMilli() - 600_000;
    static final TraceId A = new TraceId(0x1111222233334444L, 0x5555666677778888L);
    static final TraceId B = new TraceId(0x0123456789abcdefL, 0x0fedcba987654321L);
    static final TraceId C = new TraceId(0, 0xc0ffeeL);
    static final String A_HEX = "11112222333344445555666677778888";
    static final String B_HEX = "0123456789abcdef0fedcba987654321";

    private StoredTraces stored;
    private QueryRouter router;

    JaegerFixture() {
        this(QueryLimits.DEFAULTS);
    }

    JaegerFixture(QueryLimits limits) {
        stored = new StoredTraces(NOW, PipelineSettings.DEFAULTS, limits);
        router = new QueryRouter(List.of(new JaegerApi(stored.service(), stored.clock())), new Cors(List.of("*")),
                TestQuotas.generous(stored.clock()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        TraceBuilder a = TraceBuilder.trace(A, BASE_MILLIS);
        a.span(1, 0, "web", "GET /checkout", SpanKind.SERVER, 0, 100, attr("http.method", "GET"));
        a.span(2, 1, "web", "charge", SpanKind.CLIENT, 10, 50, attr("peer.service", "payments"));
        a.failed(a.span(3, 2, "payments", "POST /charge", SpanKind.SERVER, 15, 40,
                new Attribute("http.status_code", AnyValue.of(500L))));
        TraceBuilder b = TraceBuilder.trace(B, BASE_MILLIS + 60_000);
        b.span(1, 0, "web", "GET /health", SpanKind.SERVER, 0, 2, attr("http.method", "GET"));
        TraceBuilder c = TraceBuilder.trace(C, BASE_MILLIS + 120_000);
        c.linkedTo(c.span(1, 0, "worker", "consume", SpanKind.CONSUMER, 0, 5), A, 2);
        stored.store(TENANT, a.spans()).store(TENANT, b.spans()).store(TENANT, c.spans());
    }

    StoredTraces stored() {
        return stored;
    }

    QueryRouter router() {
        return router;
    }

    /** A GET of {@code target} (path and query string) from a browser on another origin. */
    HttpResponse get(String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        return router.handle(new HttpRequest("GET", path, query, Map.of("origin", "https://grafana.example"), null),
                TENANT);
    }

    @Override
    public void close() {
        stored.close();
    }

    /** The JSON body of an answer, which must say it is JSON. */
    static Map<String, Object> body(HttpResponse r) {
        assertThat(r.headers()).containsEntry("content-type", "application/json");
        return JsonTree.object(r.bodyText());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Jaeger's envelope around {@code data}, fields in Jaeger's order. */
    static Map<String, Object> envelope(Object data, long total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("total", total);
        m.put("limit", 0L);
        m.put("offset", 0L);
        m.put("errors", null);
        return m;
    }

    /** A 200 answer's {@code idField} of each object in its {@code listField}, in order. */
    static List<Object> ids(HttpResponse r, String listField, String idField) {
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        List<Object> ids = new ArrayList<>();
        for (Object o : JsonTree.list(body(r).get(listField))) ids.add(JsonTree.map(o).get(idField));
        return ids;
    }

    /** The answer is {@code status} with Jaeger's error envelope holding {@code message}. */
    static void assertError(HttpResponse r, int status, String message) {
        assertThat(r.status()).as(r.bodyText()).isEqualTo(status);
        Map<String, Object> expected = envelope(null, 0);
        expected.put("errors", List.of(Map.of("code", (long) status, "msg", message)));
        assertThat(body(r)).isEqualTo(expected);
        assertThat(new ArrayList<>(body(r).keySet())).containsExactly("data", "total", "limit", "offset", "errors");
    }
}
