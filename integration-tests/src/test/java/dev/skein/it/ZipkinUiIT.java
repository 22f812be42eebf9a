package dev.skein.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skein.local.SkeinLocal;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesDecoder;

/**
 * The Zipkin UI that skein-local serves, in a real browser: a trace sent by the OpenTelemetry SDK
 * and a Zipkin reporter is found and shown by Lens in headless Chromium, driven by
 * browser/zipkin-ui.mjs (playwright-core; the build installs it and Chromium before this runs).
 * The script leaves a screenshot of the trace page in target/ui/.
 *
 * <p>Lens cannot send an API key: the address skein-local prints, {@code /zipkin/?key=…}, turns
 * the key into a cookie that the UI's API calls carry, and without it those calls are refused.
 */
class ZipkinUiIT {
    private static final Duration BROWSER_DEADLINE = Duration.ofMinutes(3);
    private static final long MILLI = 1_000_000L;
    private static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Optional<String> NO_COOKIE = Optional.empty();

    @TempDir
    static Path dataDir;
    static SkeinLocal skein;

    @BeforeAll
    static void start() throws Exception {
        skein = LocalSkein.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (skein != null) skein.close();
    }

    @Test
    void keyLink_setsTheKeyAsAnHttpOnlyCookieForTheUi_andRedirectsToTheAddressWithoutIt() throws Exception {
        HttpResponse<String> r = get("/zipkin/?key=" + QueryApi.encode(LocalSkein.devKey(skein)), NO_COOKIE);

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("location")).hasValue("/zipkin/");
        assertThat(r.headers().firstValue("set-cookie").orElseThrow().split(";\\s*"))
                .contains("skein-key=" + LocalSkein.devKey(skein), "Path=/zipkin", "HttpOnly");
    }

    @Test
    void ui_overPlainHttp_servesLensWithTheKeyCookie_andSaysHowToGiveTheKeyWithout() throws Exception {
        Optional<String> cookie = Optional.of(keyCookie());
        HttpResponse<String> index = get("/zipkin/", cookie);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        Matcher script = Pattern.compile("src=\"(/zipkin/static/js/[^\"]+\\.js)\"").matcher(index.body());
        assertThat(script.find()).as("index.html loads Lens's script: %s", index.body()).isTrue();

        // Lens's own files hold no data: a browser loads them before it has the key.
        HttpResponse<String> js = get(script.group(1), NO_COOKIE);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.body()).hasSizeGreaterThan(100_000);

        HttpResponse<String> tracePage = get("/zipkin/traces/463ac35c9f6413ad48485a3953bb6124", cookie);
        assertThat(tracePage.statusCode()).isEqualTo(200);
        assertThat(tracePage.body()).isEqualTo(index.body());

        // Without the key, a page load answers how to give it, not a UI whose every call fails.
        for (String page : List.of("/zipkin/", "/zipkin/traces/463ac35c9f6413ad48485a3953bb6124")) {
            HttpResponse<String> keyPage = get(page, NO_COOKIE);
            assertThat(keyPage.statusCode()).isEqualTo(401);
            assertThat(keyPage.body()).contains("This Zipkin UI needs an API key", "/zipkin/?key=");
        }

        // What the query function answers under /zipkin/: only for the key's holder.
        assertThat(get("/zipkin/config.json", NO_COOKIE).statusCode()).isEqualTo(401);
        assertThat(get("/zipkin/api/v2/services", NO_COOKIE).statusCode()).isEqualTo(401);
        HttpResponse<String> config = get("/zipkin/config.json", cookie);
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        assertThat(get("/zipkin/api/v2/services", cookie).statusCode()).isEqualTo(200);
    }

    /**
     * storefront (OTLP) → orders (OTLP) → payments (Zipkin reporter), five spans; Lens offers the
     * services, lists the trace for storefront, and its trace page shows every span by name and
     * service.
     */
    @Test
    void discoverPage_whenServiceSearched_listsTheTraceWhosePageShowsEverySpan() throws Exception {
        long t0 = System.currentTimeMillis() * MILLI;
        InMemorySpanExporter exported = InMemorySpanExporter.create();

        SdkTracerProvider storefront = otlpProvider("storefront", exported);
        Tracer storefrontTracer = storefront.get("dev.skein.it.storefront");
        Span checkout = start(storefrontTracer, "GET /checkout", SpanKind.SERVER, Context.root(), t0);
        Span callOrders = start(storefrontTracer, "POST /orders", SpanKind.CLIENT, Context.root().with(checkout),
                t0 + 5 * MILLI);
        SdkTracerProvider orders = otlpProvider("orders", exported);
        Tracer ordersTracer = orders.get("dev.skein.it.orders");
        Span createOrder = start(ordersTracer, "POST /orders", SpanKind.SERVER, Context.root().with(callOrders),
                t0 + 8 * MILLI);
        Span reserve = start(ordersTracer, "reserve stock", SpanKind.INTERNAL, Context.root().with(createOrder),
                t0 + 10 * MILLI);
        String traceId = checkout.getSpanContext().getTraceId();
        zipkin2.Span charge = zipkin2.Span.newBuilder().traceId(traceId)
                .parentId(createOrder.getSpanContext().getSpanId()).id("a1b2c3d4e5f60718")
                .name("charge card").kind(zipkin2.Span.Kind.SERVER).timestamp((t0 + 40 * MILLI) / 1000)
                .duration(50_000L).localEndpoint(Endpoint.newBuilder().serviceName("payments").build()).build();
        reserve.end(t0 + 30 * MILLI, TimeUnit.NANOSECONDS);
        createOrder.end(t0 + 98 * MILLI, TimeUnit.NANOSECONDS);
        callOrders.end(t0 + 105 * MILLI, TimeUnit.NANOSECONDS);
        checkout.end(t0 + 120 * MILLI, TimeUnit.NANOSECONDS);
        JavaSdk.flush(storefront);
        JavaSdk.flush(orders);
        // Span ID, service and name of each span sent; read before shutdown, which clears the copy.
        List<List<String>> sent = new ArrayList<>();
        for (SpanData s : exported.getFinishedSpanItems()) {
            sent.add(List.of(s.getSpanId(), s.getResource().getAttribute(AttributeKey.stringKey("service.name")),
                    s.getName()));
        }
        storefront.shutdown().join(10, TimeUnit.SECONDS);
        orders.shutdown().join(10, TimeUnit.SECONDS);
        ZipkinReporter.report(LocalSkein.zipkinSpansUrl(skein), List.of(charge));
        sent.add(List.of(charge.id(), charge.localServiceName(), charge.name()));
        assertThat(sent).hasSize(5);

        awaitSearchable(traceId, "storefront", List.of("orders", "payments", "storefront"), sent.size());

        JsonNode seen = runBrowser("storefront", traceId, MODULE.resolve("target/ui/zipkin-trace.png"));
        assertThat(seen.get("addressAfterKey").asText()).as("the key link leaves the key out of the address bar")
                .isEqualTo(zipkinUrl("/zipkin/"));
        assertThat(seen.path("keyCookie").path("httpOnly").asBoolean()).as("the UI's scripts cannot read the key")
                .isTrue();
        assertThat(seen.get("statusWithoutKey").asInt()).as("the UI's API call in a browser never given the key")
                .isEqualTo(401);
        assertThat(strings(seen.get("servicesOffered"))).containsExactlyInAnyOrder("orders", "payments", "storefront");
        assertThat(strings(seen.get("tracesListed"))).containsExactly(traceId);
        assertThat(seen.get("traceShown").asText()).isEqualTo(traceId);
        List<List<String>> shown = new ArrayList<>();
        for (JsonNode s : seen.get("spans")) {
            shown.add(List.of(s.get("spanId").asText(), s.get("service").asText(), s.get("name").asText()));
        }
        // As the Zipkin API gives them: Zipkin's model lower-cases span names.
        List<List<String>> expected = sent.stream()
                .map(s -> List.of(s.get(0), s.get(1), s.get(2).toLowerCase(Locale.ROOT))).toList();
        assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(strings(seen.get("httpErrors"))).as("requests the UI made that failed").isEmpty();
        assertThat(Path.of(seen.get("screenshot").asText())).isNotEmptyFile();
    }

    // ---- helpers

    /** One request per span, as each span ends, the receiver's answer checked at the flush. */
    private static SdkTracerProvider otlpProvider(String service, InMemorySpanExporter copy) {
        return JavaSdk.provider(service, copy,
                JavaSdk.otlp(LocalSkein.otlpTracesUrl(skein), LocalSkein.devKey(skein), false,
                        SimpleSpanProcessor::create));
    }

    private static Span start(Tracer tracer, String name, SpanKind kind, Context parent, long startNanos) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent)
                .setStartTimestamp(startNanos, TimeUnit.NANOSECONDS).startSpan();
    }

    /**
     * Until Lens's calls would find it: the services, the search for {@code service}, the whole
     * trace. One wait after the other, each a call at a time, within the tenant's query quota;
     * what each waits for stays true once it is.
     */
    private static void awaitSearchable(String traceId, String service, List<String> services, int spans)
            throws Exception {
        QueryApi lensApi = QueryApi.withKey(zipkinUrl(""), LocalSkein.devKey(skein));
        Eventually.until("the services " + services + " offered", () -> {
            Set<String> offered = new TreeSet<>();
            lensApi.json("/zipkin/api/v2/services").forEach(s -> offered.add(s.asText()));
            return offered;
        }, offered -> offered.containsAll(services), () -> LocalSkein.progress(skein));
        Eventually.until("trace " + traceId + " found by a search of " + service,
                () -> new ZipkinDialect().search(lensApi, Dialect.Search.of(service)),
                listed -> listed.contains(traceId), () -> LocalSkein.progress(skein));
        Eventually.until("all " + spans + " spans of trace " + traceId, () -> {
            QueryApi.Answer trace = lensApi.get("/zipkin/api/v2/trace/" + traceId);
            return trace.status() == 200 ? SpanBytesDecoder.JSON_V2.decodeList(trace.body()).size() : 0;
        }, found -> found == spans, () -> LocalSkein.progress(skein));
    }

    /** Runs browser/zipkin-ui.mjs on the UI and returns what it saw. */
    private static JsonNode runBrowser(String service, String traceId, Path screenshot) throws Exception {
        Path browser = MODULE.resolve("browser");
        Path out = Files.createTempFile(dataDir, "browser", ".out");
        Path err = Files.createTempFile(dataDir, "browser", ".err");
        Process node = new ProcessBuilder("node", browser.resolve("zipkin-ui.mjs").toString(),
                "--url", zipkinUrl("/zipkin/"), "--key", LocalSkein.devKey(skein), "--service", service,
                "--trace", traceId, "--screenshot", screenshot.toString())
                .directory(browser.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean exited = node.waitFor(BROWSER_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            // Chromium and its helpers are node's children: killing node alone would leave them running.
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String stdout = Files.readString(out);
        String report = "zipkin-ui.mjs " + (exited ? "exited " + node.exitValue() : "ran past " + BROWSER_DEADLINE)
                + "; stdout: " + stdout + "; stderr: " + Files.readString(err)
                + "; screenshot (if any): " + screenshot;
        assertThat(exited && node.exitValue() == 0).as(report).isTrue();
        return QueryApi.JSON.readTree(stdout);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String zipkinUrl(String path) {
        return "http://127.0.0.1:" + skein.zipkinPort() + path;
    }

    /** The cookie a browser keeps from the key link, as it sends it back: {@code skein-key=…}. */
    private static String keyCookie() throws Exception {
        HttpResponse<String> link = get("/zipkin/?key=" + QueryApi.encode(LocalSkein.devKey(skein)), NO_COOKIE);
        return link.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    }

    /** A GET on the Zipkin UI's port; a redirect is answered, not followed. */
    private static HttpResponse<String> get(String path, Optional<String> cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(zipkinUrl(path)))
                .timeout(Duration.ofSeconds(30)).GET();
        cookie.ifPresent(c -> request.header("Cookie", c));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
