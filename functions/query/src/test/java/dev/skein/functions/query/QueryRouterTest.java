package dev.skein.functions.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.http.BadParameterException;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.model.TraceId;
import dev.skein.query.StoredTraces;
import dev.skein.query.TraceTooLargeException;
import dev.skein.storage.StorageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The router's own duties, with a dialect whose answers the test chooses. */
class QueryRouterTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** A dialect under /t that answers what {@code answer} says for every path. */
    private QueryRouter router(Function<String, HttpResponse> answer, Cors cors) {
        Dialect d = new Dialect() {
            @Override
            public String base() {
                return "/t";
            }

            @Override
            public HttpResponse handle(HttpRequest request, String path, String tenant) {
                return answer.apply(path);
            }

            @Override
            public HttpResponse error(int status, String message) {
                return HttpResponse.text(status, "t: " + message);
            }
        };
        return new QueryRouter(List.of(d), cors, TestQuotas.generous(java.time.Clock.systemUTC()), new PrintStream(log, true));
    }

    private static HttpResponse get(QueryRouter r, String path, Map<String, String> headers) {
        return r.handle(new HttpRequest("GET", path, "", headers, new byte[0]), "acme");
    }

    @Test
    void pathBelowTheBase_reachesTheDialect_withoutTheBase() {
        QueryRouter r = router(path -> HttpResponse.text(200, path), new Cors(List.of("*")));

        assertThat(get(r, "/t/a/b", Map.of()).bodyText()).isEqualTo("/a/b");
        assertThat(get(r, "/t", Map.of()).bodyText()).isEqualTo("/");
        assertThat(get(r, "/tx", Map.of()).status()).isEqualTo(404);
        assertThat(get(r, "/other", Map.of()).bodyText()).contains("/t");
    }

    @Test
    void failures_becomeTheDialectsErrors_withTheRightStatus() {
        QueryRouter r = router(path -> {
            switch (path) {
                case "/bad" -> throw new BadParameterException("limit", "limit must be between 1 and 10");
                case "/large" -> throw new TraceTooLargeException(new TraceId(1, 2), "too many spans");
                case "/down" -> throw new StorageException("table is throttled");
                default -> throw new IllegalStateException("bug");
            }
        }, new Cors(List.of("*")));

        assertThat(get(r, "/t/bad", Map.of())).satisfies(x -> {
            assertThat(x.status()).isEqualTo(400);
            assertThat(x.bodyText()).isEqualTo("t: limit must be between 1 and 10");
        });
        assertThat(get(r, "/t/large", Map.of()).status()).isEqualTo(422);
        assertThat(get(r, "/t/down", Map.of())).satisfies(x -> {
            assertThat(x.status()).isEqualTo(503);
            assertThat(x.bodyText()).doesNotContain("throttled"); // storage details stay in the log
        });
        assertThat(get(r, "/t/bug", Map.of()).status()).isEqualTo(500);
        assertThat(log.toString()).contains("table is throttled").contains("IllegalStateException");
    }

    @Test
    void theListedBases_areTheDialectsBases() {
        try (StoredTraces stored = new StoredTraces(java.time.Instant.parse("2026-11-25T12:00:00Z"))) {
            assertThat(QueryHandler.dialects(stored.service(), stored.clock())).extracting(Dialect::base)
                    .containsExactlyElementsOf(QueryHandler.BASES);
        }
    }

    @Test
    void methodsOtherThanGet_are405WithAllow() {
        QueryRouter r = router(path -> HttpResponse.text(200, "ok"), new Cors(List.of("*")));

        HttpResponse post = r.handle(new HttpRequest("POST", "/t/x", "", Map.of(), new byte[0]), "acme");

        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void head_answersHeadersWithoutBody() {
        QueryRouter r = router(path -> HttpResponse.text(200, "ok"), new Cors(List.of("*")));

        HttpResponse head = r.handle(new HttpRequest("HEAD", "/t/x", "", Map.of(), new byte[0]), "acme");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers()).containsEntry("content-type", "text/plain; charset=utf-8");
    }

    @Test
    void anyOrigin_isAllowed_byDefault_andPreflightIsAnswered() {
        QueryRouter r = router(path -> HttpResponse.text(200, "ok"), Cors.fromEnvironment(Map.of()));

        assertThat(get(r, "/t/x", Map.of("Origin", "https://grafana.example")).headers())
                .containsEntry("access-control-allow-origin", "*")
                .containsEntry("access-control-expose-headers", "skein-incomplete, skein-trace-partial");
        HttpResponse pre = r.handle(new HttpRequest("OPTIONS", "/t/x", "",
                Map.of("Origin", "https://grafana.example", "Access-Control-Request-Headers", "x-api-key"),
                new byte[0]), "acme");
        assertThat(pre.status()).isEqualTo(204);
        assertThat(pre.headers()).containsEntry("access-control-allow-methods", "GET, HEAD, OPTIONS")
                .containsEntry("access-control-allow-headers", "x-api-key")
                .containsEntry("access-control-allow-origin", "*");
    }

    @Test
    void listedOrigins_onlyThoseAreAllowed() {
        QueryRouter r = router(path -> HttpResponse.text(200, "ok ".repeat(1000)),
                Cors.fromEnvironment(Map.of("SKEIN_CORS_ORIGINS", "https://a.example, https://b.example")));

        assertThat(get(r, "/t/x", Map.of("Origin", "https://b.example")).headers())
                .containsEntry("access-control-allow-origin", "https://b.example")
                .containsEntry("vary", "Origin");
        assertThat(get(r, "/t/x", Map.of("Origin", "https://b.example", "Accept-Encoding", "gzip")).headers())
                .containsEntry("vary", "Accept-Encoding, Origin");
        assertThat(get(r, "/t/x", Map.of("Origin", "https://evil.example")).headers())
                .doesNotContainKey("access-control-allow-origin");
    }

    @Test
    void largeAnswers_areCompressed_forClientsThatAcceptGzip() throws IOException {
        byte[] text = "span ".repeat(10_000).getBytes();
        QueryRouter r = router(path -> HttpResponse.of(200, "application/json", text), new Cors(List.of("*")));

        HttpResponse plain = get(r, "/t/x", Map.of());
        HttpResponse zipped = get(r, "/t/x", Map.of("Accept-Encoding", "gzip, deflate, br"));

        assertThat(plain.body()).isEqualTo(text);
        assertThat(zipped.headers()).containsEntry("content-encoding", "gzip");
        assertThat(zipped.body().length).isLessThan(text.length / 10);
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(text);
        }
    }

    @Test
    void answersOverTheLambdaResponseLimit_are422() {
        byte[] random = new byte[7 * 1024 * 1024];
        new Random(1).nextBytes(random);
        String big = Arrays.toString(random); // text that does not compress below the limit
        QueryRouter r = router(path -> HttpResponse.of(200, "application/json", big.getBytes()), new Cors(List.of("*")));

        HttpResponse plain = get(r, "/t/x", Map.of());

        assertThat(plain.status()).isEqualTo(422);
        assertThat(plain.bodyText()).contains("fewer traces");
    }
}
