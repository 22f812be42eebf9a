package dev.skein.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Lens as the zipkin-lens jar on the test classpath holds it, through API Gateway's events. */
class ZipkinUiTest {
    private static final ZipkinUi UI = ZipkinUi.fromClasspath();

    @Test
    void get_whenRoot_servesIndexThatIsNeverCachedStale() {
        APIGatewayV2HTTPResponse r = get("/zipkin/", Map.of());

        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getHeaders()).containsEntry("content-type", "text/html; charset=utf-8")
                .containsEntry("cache-control", "no-cache");
        assertThat(text(r)).contains("<base href=\"/zipkin/\"");
    }

    @Test
    void get_whenBaseWithoutSlash_redirectsToTheSlashKeepingTheQuery() {
        APIGatewayV2HTTPResponse r = request("GET", "/zipkin", "serviceName=frontend", Map.of());

        assertThat(r.getStatusCode()).isEqualTo(302);
        assertThat(r.getHeaders()).containsEntry("location", "/zipkin/?serviceName=frontend");
    }

    @Test
    void get_whenScriptTheIndexNames_servesItImmutableAsJavaScript() {
        String script = scriptPath();

        APIGatewayV2HTTPResponse r = get(script, Map.of());

        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getHeaders()).containsEntry("content-type", "text/javascript; charset=utf-8")
                .containsEntry("cache-control", "public, max-age=31536000, immutable")
                .containsEntry("vary", "Accept-Encoding")
                .doesNotContainKey("content-encoding");
        assertThat(r.getIsBase64Encoded()).as("text travels as it is").isFalse();
        assertThat(r.getBody().length()).isGreaterThan(1_000_000);
    }

    @Test
    void get_whenClientAcceptsGzip_sendsTheScriptCompressedAndBase64Encoded() throws IOException {
        String script = scriptPath();
        byte[] plain = get(script, Map.of()).getBody().getBytes(StandardCharsets.UTF_8);

        APIGatewayV2HTTPResponse r = get(script, Map.of("Accept-Encoding", "gzip, deflate, br"));

        assertThat(r.getHeaders()).containsEntry("content-encoding", "gzip")
                .containsEntry("content-type", "text/javascript; charset=utf-8");
        assertThat(r.getIsBase64Encoded()).isTrue();
        byte[] compressed = ApiGatewayEvents.responseBody(r);
        assertThat(compressed.length).isLessThan(plain.length / 2);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
    }

    @Test
    void get_whenImage_servesItsBytesBase64AndUncompressed() {
        APIGatewayV2HTTPResponse r = get("/zipkin/static/media/zipkin-logo.png", Map.of("accept-encoding", "gzip"));

        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getHeaders()).containsEntry("content-type", "image/png").doesNotContainKey("content-encoding")
                .as("a name without a hash may change content").containsEntry("cache-control", "public, max-age=86400");
        assertThat(r.getIsBase64Encoded()).isTrue();
        byte[] png = ApiGatewayEvents.responseBody(r);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void get_whenFavicon_servesAnIconCachedForADay() {
        APIGatewayV2HTTPResponse r = get("/zipkin/favicon.ico", Map.of());

        assertThat(r.getHeaders()).containsEntry("content-type", "image/x-icon")
                .containsEntry("cache-control", "public, max-age=86400");
        assertThat(ApiGatewayEvents.responseBody(r)).isNotEmpty();
    }

    @Test
    void get_whenLensRouteIsNoFile_servesIndexForTheBrowserToRoute() {
        for (String route : List.of("/zipkin/traces/463ac35c9f6413ad48485a3953bb6124", "/zipkin/dependency")) {
            APIGatewayV2HTTPResponse r = get(route, Map.of());

            assertThat(r.getStatusCode()).as(route).isEqualTo(200);
            assertThat(r.getHeaders()).as(route).containsEntry("content-type", "text/html; charset=utf-8");
            assertThat(text(r)).as(route).contains("<div id=\"root\">");
        }
    }

    @Test
    void get_whenHashedFileIsMissing_answers404NotTheIndex() {
        APIGatewayV2HTTPResponse r = get("/zipkin/static/js/index.gone.js", Map.of());

        assertThat(r.getStatusCode()).isEqualTo(404);
    }

    @Test
    void get_whenPathStepsUp_refusesIt() {
        for (String path : List.of("/zipkin/../pom.xml", "/zipkin/static/../../x", "/zipkin/%2e%2e/x")) {
            assertThat(get(path, Map.of()).getStatusCode()).as(path).isEqualTo(400);
        }
    }

    @Test
    void get_whenPathIsNotUnderTheBase_answers404() {
        assertThat(get("/zipkinx/", Map.of()).getStatusCode()).isEqualTo(404);
    }

    @Test
    void head_answersGetsHeadersWithoutBody() {
        APIGatewayV2HTTPResponse r = request("HEAD", "/zipkin/", "", Map.of());

        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getHeaders()).containsEntry("content-type", "text/html; charset=utf-8");
        assertThat(ApiGatewayEvents.responseBody(r)).isEmpty();
    }

    @Test
    void post_isRefusedWithTheMethodsAllowed() {
        APIGatewayV2HTTPResponse r = request("POST", "/zipkin/", "", Map.of());

        assertThat(r.getStatusCode()).isEqualTo(405);
        assertThat(r.getHeaders()).containsEntry("allow", "GET, HEAD");
    }

    /** The script index.html loads, whose name changes with every Lens build. */
    private static String scriptPath() {
        String index = text(get("/zipkin/", Map.of()));
        int start = index.indexOf("/zipkin/static/js/");
        return index.substring(start, index.indexOf('"', start));
    }

    @Test
    void aKeyInTheAddressBecomesACookieForZipkinPathsOnlyAndLeavesTheAddress() {
        String key = "skn1.local.abcdefghijkl." + "A".repeat(43);
        APIGatewayV2HTTPResponse r = request("GET", "/zipkin/traces/abc", "key=" + key, Map.of());
        assertThat(r.getStatusCode()).isEqualTo(302);
        assertThat(r.getHeaders()).containsEntry("location", "/zipkin/traces/abc")
                .containsEntry("set-cookie", "skein-key=" + key + "; Path=/zipkin; HttpOnly; SameSite=Strict");
        assertThat(request("GET", "/zipkin/", "key=nonsense", Map.of()).getStatusCode()).isEqualTo(400);
    }

    @Test
    void whenTheApiNeedsAKeyAPageLoadWithoutOneSaysHowToGiveIt() {
        ZipkinUi keyed = ZipkinUi.fromClasspath(true);
        APIGatewayV2HTTPResponse page = keyed.apply(ApiGatewayEvents.request("GET", "/zipkin/", "", Map.of(),
                new byte[0], "127.0.0.1", "localhost", java.util.Optional.empty(), java.time.Instant.now()));
        assertThat(page.getStatusCode()).isEqualTo(401);
        assertThat(page.getBody()).contains("/zipkin/?key=");
        APIGatewayV2HTTPResponse withCookie = keyed.apply(ApiGatewayEvents.request("GET", "/zipkin/", "",
                Map.of("Cookie", List.of("skein-key=x")), new byte[0], "127.0.0.1", "localhost",
                java.util.Optional.empty(), java.time.Instant.now()));
        assertThat(withCookie.getStatusCode()).isEqualTo(200);
    }

    private static APIGatewayV2HTTPResponse get(String path, Map<String, String> headers) {
        return request("GET", path, "", headers);
    }

    private static APIGatewayV2HTTPResponse request(String method, String path, String query,
            Map<String, String> headers) {
        Map<String, List<String>> h = new HashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return UI.apply(ApiGatewayEvents.request(method, path, query, h, new byte[0], "127.0.0.1", "localhost",
                Optional.empty(), Instant.EPOCH));
    }

    private static String text(APIGatewayV2HTTPResponse r) {
        return new String(ApiGatewayEvents.responseBody(r), StandardCharsets.UTF_8);
    }
}
