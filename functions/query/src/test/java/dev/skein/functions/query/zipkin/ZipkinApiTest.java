package dev.skein.functions.query.zipkin;

import dev.skein.functions.query.TestQuotas;
import static dev.skein.storage.TraceBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.skein.assembly.PipelineSettings;
import dev.skein.codec.Json;
import dev.skein.functions.query.Cors;
import dev.skein.functions.query.QueryRouter;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.model.SpanKind;
import dev.skein.model.TraceId;
import dev.skein.query.QueryLimits;
import dev.skein.query.QueryService;
import dev.skein.query.StoredTraces;
import dev.skein.query.TraceReader;
import dev.skein.storage.TraceBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesDecoder;

/**
 * The Zipkin dialect through the query router, on traces stored by the assembler and finalizer,
 * checked against Zipkin's OpenAPI description and what Zipkin's UI and Grafana's Zipkin data
 * source read.
 */
class ZipkinApiTest {
    private static final String TENANT = "acme";
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final long T0 = NOW.minus(Duration.ofMinutes(10)).toEpochMilli();
    private static final TraceId CHECKOUT_ID = new TraceId(0x5af7183fb1d4cf5fL, 0x1111111111111111L);
    private static final TraceId HOME_ID = new TraceId(0, 0x2222222222222222L);
    private static final Endpoint FRONTEND = Endpoint.newBuilder().serviceName("frontend").build();
    private static final Endpoint PAYMENTS = Endpoint.newBuilder().serviceName("payments").build();

    private StoredTraces stored;
    private QueryRouter router;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private TraceBuilder inventory1;
    private TraceBuilder inventory2;
    private TraceBuilder old;

    @BeforeEach
    void storeTraces() {
        useStore(new StoredTraces(NOW));
    }

    @AfterEach
    void close() {
        stored.close();
        assertThat(log.toString(StandardCharsets.UTF_8)).as("nothing failed unexpectedly").isEmpty();
    }

    private void useStore(StoredTraces traces) {
        if (stored != null) stored.close();
        stored = traces;
        router = routerOver(stored.service());

        TraceBuilder checkout = TraceBuilder.trace(CHECKOUT_ID, T0);
        checkout.span(1, 0, "frontend", "GET /checkout", SpanKind.SERVER, 0, 100, attr("http.method", "POST"));
        checkout.span(2, 1, "frontend", "charge", SpanKind.CLIENT, 10, 60, attr("peer.service", "payments"));
        checkout.failed(checkout.span(3, 2, "payments", "charge", SpanKind.SERVER, 15, 50));

        TraceBuilder home = TraceBuilder.trace(HOME_ID, T0 + 120_000);
        home.span(0x21, 0, "frontend", "GET /home", SpanKind.SERVER, 0, 20, attr("http.method", "GET"));
        home.span(0x22, 0x21, "frontend", "render", SpanKind.INTERNAL, 5, 5);

        // One service reported under two spellings: Zipkin knows it as one, "inventory".
        inventory1 = TraceBuilder.trace(T0 - 3_600_000);
        inventory1.span(0x31, 0, "Inventory", "Reserve", SpanKind.SERVER, 0, 30);
        inventory1.span(0x32, 0x31, "Inventory", "select", SpanKind.CLIENT, 5, 10, attr("peer.service", "warehouse-db"));
        inventory2 = TraceBuilder.trace(T0 - 3_000_000);
        inventory2.span(0x41, 0, "INVENTORY", "Release", SpanKind.SERVER, 0, 30);
        inventory2.span(0x42, 0x41, "INVENTORY", "select", SpanKind.CLIENT, 5, 10, attr("peer.service", "warehouse-db"));

        old = TraceBuilder.trace(NOW.minus(Duration.ofDays(3)).toEpochMilli());
        old.span(0x51, 0, "frontend", "GET /old", SpanKind.SERVER, 0, 40);

        for (TraceBuilder t : List.of(checkout, home, inventory1, inventory2, old)) stored.store(TENANT, t.spans());
        stored.settle();
    }

    // --- names

    @Test
    void services_answersNamesLowerCasedDistinctAndSorted() {
        HttpResponse r = get("/zipkin/api/v2/services", "");

        assertJson(r, "[\"frontend\",\"inventory\",\"payments\"]");
    }

    @Test
    void spans_whenServiceNameInAnyCase_answersTheSpanNamesOfEverySpellingLowerCased() {
        assertJson(get("/zipkin/api/v2/spans", "serviceName=Inventory"), "[\"release\",\"reserve\",\"select\"]");
        assertJson(get("/zipkin/api/v2/spans", "serviceName=frontend"),
                "[\"charge\",\"get /checkout\",\"get /home\",\"get /old\",\"render\"]");
        assertJson(get("/zipkin/api/v2/spans", "serviceName=nobody"), "[]");
    }

    @Test
    void remoteServices_whenServiceCalledNoPeer_answersAnEmptyList() {
        assertJson(get("/zipkin/api/v2/remoteServices", "serviceName=Payments"), "[]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/zipkin/api/v2/spans", "/zipkin/api/v2/remoteServices"})
    void names_whenServiceNameMissing_is400NamingIt(String path) {
        assertText(get(path, ""), 400, "serviceName is required");
        assertText(get(path, "serviceName="), 400, "serviceName is required");
    }

    @Test
    void autocompleteKeys_answersTheKeysTheCatalogueKeepsValuesFor() {
        TraceReader reader = new TraceReader(stored.storage(), stored.storage(), PipelineSettings.DEFAULTS);
        try (QueryService withKeys = new QueryService(reader, stored.storage(), QueryLimits.DEFAULTS,
                List.of("http.method", "deployment.environment"))) {
            QueryRouter withKeysRouter = routerOver(withKeys);

            assertJson(get(withKeysRouter, "/zipkin/api/v2/autocompleteKeys", ""),
                    "[\"deployment.environment\",\"http.method\"]");
            assertJson(get(withKeysRouter, "/zipkin/api/v2/autocompleteValues", "key=no.such.key"), "[]");
            assertText(get(withKeysRouter, "/zipkin/api/v2/autocompleteValues", ""), 400, "key is required");
        }
        // The default keys, and values the assembler recorded for one of them.
        assertThat(get("/zipkin/api/v2/autocompleteKeys", "").bodyText()).contains("\"http.method\"");
        assertJson(get("/zipkin/api/v2/autocompleteValues", "key=http.method"), "[\"GET\",\"POST\"]");
    }

    @Test
    void remoteServices_answersThePeersAServiceCalled_lowerCased() {
        assertJson(get("/zipkin/api/v2/remoteServices", "serviceName=frontend"), "[\"payments\"]");
        assertJson(get("/zipkin/api/v2/remoteServices", "serviceName=Inventory"), "[\"warehouse-db\"]");
    }

    // --- one trace

    @Test
    void trace_by128BitId_answersEverySpanInZipkinsShape() throws Exception {
        HttpResponse r = get("/zipkin/api/v2/trace/5af7183fb1d4cf5f1111111111111111", "");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("content-type", "application/json; charset=utf-8");
        long t0Micros = T0 * 1000;
        assertThat(SpanBytesDecoder.JSON_V2.decodeList(r.body())).containsExactly(
                zipkin2.Span.newBuilder().traceId("5af7183fb1d4cf5f1111111111111111").id(1)
                        .kind(zipkin2.Span.Kind.SERVER).name("get /checkout").timestamp(t0Micros).duration(100_000)
                        .localEndpoint(FRONTEND).putTag("http.method", "POST").build(),
                zipkin2.Span.newBuilder().traceId("5af7183fb1d4cf5f1111111111111111").parentId(1).id(2)
                        .kind(zipkin2.Span.Kind.CLIENT).name("charge").timestamp(t0Micros + 10_000).duration(60_000)
                        .localEndpoint(FRONTEND).remoteEndpoint(PAYMENTS).build(),
                zipkin2.Span.newBuilder().traceId("5af7183fb1d4cf5f1111111111111111").parentId(2).id(3)
                        .kind(zipkin2.Span.Kind.SERVER).name("charge").timestamp(t0Micros + 15_000).duration(50_000)
                        .localEndpoint(PAYMENTS).putTag("error", "boom").putTag("otel.status_code", "ERROR").build());
        // The wire form, field by field as zipkin2-api.yaml names them: IDs in hex, times in µs.
        assertThat(r.bodyText()).contains("{\"traceId\":\"5af7183fb1d4cf5f1111111111111111\","
                + "\"parentId\":\"0000000000000001\",\"id\":\"0000000000000002\",\"kind\":\"CLIENT\","
                + "\"name\":\"charge\",\"timestamp\":" + (t0Micros + 10_000) + ",\"duration\":60000,"
                + "\"localEndpoint\":{\"serviceName\":\"frontend\"},\"remoteEndpoint\":{\"serviceName\":\"payments\"}}");
    }

    @Test
    void trace_by64BitLowHalf_findsThe128BitTrace() {
        HttpResponse r = get("/zipkin/api/v2/trace/1111111111111111", "");

        assertThat(r.status()).isEqualTo(200);
        assertThat(SpanBytesDecoder.JSON_V2.decodeList(r.body())).extracting(zipkin2.Span::traceId)
                .containsOnly("5af7183fb1d4cf5f1111111111111111").hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2222222222222222", "00000000000000002222222222222222", "%202222222222222222%20"})
    void trace_by64BitTraceInAnyForm_answersItWithSixteenDigits(String id) {
        HttpResponse r = get("/zipkin/api/v2/trace/" + id.replace("%20", " "), "");

        assertThat(r.status()).isEqualTo(200);
        assertThat(SpanBytesDecoder.JSON_V2.decodeList(r.body())).extracting(zipkin2.Span::traceId, zipkin2.Span::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2222222222222222", "get /home"),
                        org.assertj.core.groups.Tuple.tuple("2222222222222222", "render"));
    }

    @Test
    void trace_whenUnknown_is404NamingTheId() {
        assertText(get("/zipkin/api/v2/trace/BAD", ""), 404, "0000000000000bad not found");
        assertText(get("/zipkin/api/v2/trace/463ac35c9f6413ad48485a3953bb6124", ""), 404,
                "463ac35c9f6413ad48485a3953bb6124 not found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/zipkin/api/v2/trace/xyz                                | trace ID 'xyz' in traceId is not hex",
            "/zipkin/api/v2/trace/463ac35c9f6413ad48485a3953bb6124ff | a trace ID in traceId is at most 32 hex digits, got 34",
            "/zipkin/api/v2/trace/0000000000000000                   | trace ID '0000000000000000' in traceId is all zeros",
            "/zipkin/api/v2/trace/                                   | traceId holds an empty trace ID",
            "/zipkin/api/v2/trace/2222222222222222/spans             | is not hex"})
    void trace_whenIdMalformed_is400(String path, String message) {
        assertText(get(path, ""), 400, message);
    }

    // --- search

    @Test
    void traces_withoutParameters_answersTheLastDaysTracesNewestFirst() throws Exception {
        HttpResponse r = get("/zipkin/api/v2/traces", "");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("content-type", "application/json; charset=utf-8")
                .doesNotContainKey(QueryRouter.INCOMPLETE_HEADER);
        assertThat(traceIds(r)).containsExactly("2222222222222222", "5af7183fb1d4cf5f1111111111111111",
                ZipkinTraceIds.hex(inventory2.id()), ZipkinTraceIds.hex(inventory1.id()));
        assertThat(traces(r).get(1)).hasSize(3);
    }

    @Test
    void traces_whenFiltered_answersOnlyMatchingTraces() throws Exception {
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=frontend&spanName=charge")))
                .containsExactly("5af7183fb1d4cf5f1111111111111111");
        assertThat(traceIds(get("/zipkin/api/v2/traces", "annotationQuery=http.method%3DGET")))
                .containsExactly("2222222222222222");
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=frontend&minDuration=80000")))
                .containsExactly("5af7183fb1d4cf5f1111111111111111");
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=frontend&maxDuration=30000")))
                .containsExactly("2222222222222222");
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=frontend&limit=1"))).hasSize(1);
    }

    @Test
    void traces_matchNamesInAnyCase_asZipkinStoresThemLowerCased() throws Exception {
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=inventory")))
                .containsExactly(ZipkinTraceIds.hex(inventory2.id()), ZipkinTraceIds.hex(inventory1.id()));
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=inventory&spanName=reserve")))
                .containsExactly(ZipkinTraceIds.hex(inventory1.id()));
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=INVENTORY&spanName=RELEASE")))
                .containsExactly(ZipkinTraceIds.hex(inventory2.id()));
    }

    @Test
    void traces_byRemoteServiceName_andByKeyOnlyAnnotationQuery_scopedToTheService() throws Exception {
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=frontend&remoteServiceName=payments")))
                .containsExactly("5af7183fb1d4cf5f1111111111111111");
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=inventory&remoteServiceName=Warehouse-DB")))
                .hasSize(2);
        // "error" alone: a span of the service whose status is ERROR (Zipkin's error tag).
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=payments&annotationQuery=error")))
                .containsExactly("5af7183fb1d4cf5f1111111111111111");
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=frontend&annotationQuery=error"))).isEmpty();
        // Terms are AND-ed: a bare key and a key=value, both on frontend's spans.
        assertThat(traceIds(get("/zipkin/api/v2/traces",
                "serviceName=frontend&annotationQuery=peer.service%20and%20http.method%3DPOST")))
                .containsExactly("5af7183fb1d4cf5f1111111111111111");
        assertThat(traceIds(get("/zipkin/api/v2/traces",
                "serviceName=frontend&annotationQuery=peer.service%20and%20http.method%3DGET"))).isEmpty();
    }

    @Test
    void traces_whenWindowMoves_answersTheTracesInIt() throws Exception {
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=frontend")))
                .doesNotContain(ZipkinTraceIds.hex(old.id()));
        assertThat(traceIds(get("/zipkin/api/v2/traces", "serviceName=frontend&lookback=" + Duration.ofDays(4).toMillis())))
                .contains(ZipkinTraceIds.hex(old.id()));
        HttpResponse before = get("/zipkin/api/v2/traces", "endTs=" + (T0 - 7_200_000) + "&lookback=3600000");
        assertJson(before, "[]");
    }

    @Test
    void traces_whenSearchStoppedAtItsBudget_saysItIsIncomplete() throws Exception {
        useStore(new StoredTraces(NOW, PipelineSettings.DEFAULTS, new QueryLimits(10_000, 3, 100, 2)));

        HttpResponse r = get("/zipkin/api/v2/traces", "serviceName=frontend");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry(QueryRouter.INCOMPLETE_HEADER, "true")
                .hasEntrySatisfying("access-control-expose-headers", v -> assertThat(v).contains(QueryRouter.INCOMPLETE_HEADER));
        assertThat(traceIds(r)).containsExactly("2222222222222222"); // the next trace's 3 spans did not fit
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "limit=0                          | limit must be between 1 and 1000, got 0",
            "limit=1001                       | limit must be between 1 and 1000, got 1001",
            "limit=all                        | limit must be a whole number, got 'all'",
            "minDuration=-1                   | minDuration must be between 1 and",
            "minDuration=500&maxDuration=100  | maxDuration (100 µs) is below minDuration (500 µs)",
            "endTs=yesterday                  | endTs must be a whole number, got 'yesterday'",
            "lookback=-86400000               | lookback must be between 1 and",
            "annotationQuery=%3DGET           | annotationQuery term '=GET' has no key"})
    void traces_whenParameterIsBad_is400NamingIt(String query, String message) {
        assertText(get("/zipkin/api/v2/traces", query), 400, message);
    }

    // --- several traces

    @Test
    void traceMany_answersTheTracesFound() throws Exception {
        HttpResponse r = get("/zipkin/api/v2/traceMany",
                "traceIds=2222222222222222,5af7183fb1d4cf5f1111111111111111,0000000000000bad");

        assertThat(r.status()).isEqualTo(200);
        assertThat(traceIds(r)).containsExactlyInAnyOrder("2222222222222222", "5af7183fb1d4cf5f1111111111111111");
        assertJson(get("/zipkin/api/v2/traceMany", "traceIds=bad,0bad1"), "[]");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''                                                 | traceIds is required",
            "traceIds=2222222222222222                          | traceIds needs at least two trace IDs",
            "traceIds=2222222222222222,00000000000000002222222222222222 | names trace 2222222222222222 more than once",
            "traceIds=2222222222222222,nope                     | trace ID 'nope' in traceIds is not hex",
            "traceIds=a,b,c                                     | traceIds holds 3 trace IDs; at most 2 per request"})
    void traceMany_whenNotTwoOrMoreDistinctIds_is400(String query, String message) {
        useStore(new StoredTraces(NOW, PipelineSettings.DEFAULTS, new QueryLimits(10_000, 20_000, 2, 2)));

        assertText(get("/zipkin/api/v2/traceMany", query), 400, message);
    }

    // --- dependencies

    @Test
    void dependencies_answersTheLinksOfTheWindowWithNamesLowerCased() {
        long endTs = stored.clock().millis();

        // inventory's two spellings add up; errorCount is left out when zero, as Zipkin writes it
        assertJson(get("/zipkin/api/v2/dependencies", "endTs=" + endTs),
                "[{\"parent\":\"frontend\",\"child\":\"payments\",\"callCount\":1,\"errorCount\":1},"
                        + "{\"parent\":\"inventory\",\"child\":\"warehouse-db\",\"callCount\":2}]");
        assertJson(get("/zipkin/api/v2/dependencies", "endTs=" + endTs + "&lookback=" + Duration.ofMinutes(30).toMillis()),
                "[{\"parent\":\"frontend\",\"child\":\"payments\",\"callCount\":1,\"errorCount\":1}]");
        assertJson(get("/zipkin/api/v2/dependencies", "endTs=" + (T0 - 7_200_000) + "&lookback=60000"), "[]");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''                                  | endTs is required",
            "lookback=60000                      | endTs is required",
            "endTs=0                             | endTs must be between 1 and",
            "endTs=1772452800000&lookback=-1     | lookback must be between 1 and",
            "endTs=1772452800000&lookback=1h     | lookback must be a whole number, got '1h'"})
    void dependencies_whenWindowIsBad_is400(String query, String message) {
        assertText(get("/zipkin/api/v2/dependencies", query), 400, message);
    }

    // --- the UI's settings and everything else

    @Test
    void configJson_answersTheUiSettingsZipkinDefaultsTo() {
        HttpResponse r = get("/zipkin/config.json", "");

        assertJson(r, "{\"environment\":\"\",\"queryLimit\":10,\"defaultLookback\":900000,\"searchEnabled\":true,"
                + "\"dependency\":{\"enabled\":true,\"lowErrorRate\":0.5,\"highErrorRate\":0.75}}");
        assertThat(r.headers()).containsEntry("cache-control", "max-age=600");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/zipkin", "/zipkin/", "/zipkin/api/v2", "/zipkin/api/v2/", "/zipkin/api/v2/span",
            "/zipkin/api/v1/services", "/zipkin/index.html"})
    void unknownRoute_is404NamingThePath(String path) {
        HttpResponse r = get(path, "");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.bodyText()).contains(" is not a route of the Zipkin API");
        assertThat(r.headers()).containsEntry("content-type", "text/plain; charset=utf-8");
    }

    @Test
    void post_isRefusedWithTheMethodsAllowed() {
        HttpResponse r = router.handle(new HttpRequest("POST", "/zipkin/api/v2/spans", Map.of(), "[]".getBytes()), TENANT);

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers()).containsEntry("allow", "GET, HEAD, OPTIONS");
    }

    // --- helpers

    private QueryRouter routerOver(QueryService service) {
        return new QueryRouter(List.of(new ZipkinApi(service, stored.clock())), new Cors(List.of("*")),
                TestQuotas.generous(stored.clock()),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private HttpResponse get(String path, String rawQuery) {
        return get(router, path, rawQuery);
    }

    /** A GET as a browser console sends it; every answer, error or not, must carry CORS headers. */
    private static HttpResponse get(QueryRouter router, String path, String rawQuery) {
        HttpResponse r = router.handle(
                new HttpRequest("GET", path, rawQuery, Map.of("Origin", "https://grafana.example"), null), TENANT);
        assertThat(r.headers()).containsEntry("access-control-allow-origin", "*");
        return r;
    }

    private static void assertJson(HttpResponse r, String body) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("content-type", "application/json; charset=utf-8");
        assertThat(r.bodyText()).isEqualTo(body);
    }

    private static void assertText(HttpResponse r, int status, String message) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.headers()).containsEntry("content-type", "text/plain; charset=utf-8");
        assertThat(r.bodyText()).contains(message);
    }

    private static List<String> traceIds(HttpResponse r) throws IOException {
        List<String> ids = new ArrayList<>();
        for (List<zipkin2.Span> trace : traces(r)) ids.add(trace.get(0).traceId());
        return ids;
    }

    /** A list of traces, each decoded by zipkin2's own reader. */
    private static List<List<zipkin2.Span>> traces(HttpResponse r) throws IOException {
        assertThat(r.status()).isEqualTo(200);
        List<List<zipkin2.Span>> out = new ArrayList<>();
        try (JsonParser p = Json.FACTORY.createParser(r.body())) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_ARRAY) {
                StringWriter trace = new StringWriter();
                try (JsonGenerator g = Json.FACTORY.createGenerator(trace)) {
                    g.copyCurrentStructure(p);
                }
                out.add(SpanBytesDecoder.JSON_V2.decodeList(trace.toString().getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_ARRAY);
        }
        return out;
    }
}
