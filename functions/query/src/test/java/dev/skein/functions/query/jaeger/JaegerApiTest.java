package dev.skein.functions.query.jaeger;

import static dev.skein.functions.query.jaeger.JaegerFixture.A_HEX;
import static dev.skein.functions.query.jaeger.JaegerFixture.BASE_MILLIS;
import static dev.skein.functions.query.jaeger.JaegerFixture.B_HEX;
import static dev.skein.functions.query.jaeger.JaegerFixture.NOW;
import static dev.skein.functions.query.jaeger.JaegerFixture.TENANT;
import static dev.skein.functions.query.jaeger.JaegerFixture.assertError;
import static dev.skein.functions.query.jaeger.JaegerFixture.body;
import static dev.skein.functions.query.jaeger.JaegerFixture.enc;
import static dev.skein.functions.query.jaeger.JaegerFixture.envelope;
import static dev.skein.functions.query.jaeger.JsonTree.list;
import static dev.skein.functions.query.jaeger.JsonTree.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.functions.query.QueryRouter;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.model.SpanKind;
import dev.skein.model.TraceId;
import dev.skein.query.QueryLimits;
import dev.skein.storage.TraceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Jaeger's v1 routes through the query router, on the traces of {@link JaegerFixture}. */
class JaegerApiTest {
    private JaegerFixture fixture = new JaegerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Starts over with these limits. */
    private void use(QueryLimits limits) {
        fixture.close();
        fixture = new JaegerFixture(limits);
    }

    private HttpResponse get(String target) {
        return fixture.get(target);
    }

    /** The trace IDs of a traces answer, in order. */
    private static List<Object> traceIds(HttpResponse r) {
        return JaegerFixture.ids(r, "data", "traceID");
    }

    @Test
    void services_areListedInTheEnvelope() {
        HttpResponse r = get("/jaeger/api/services");

        assertThat(r.status()).isEqualTo(200);
        assertThat(new ArrayList<>(body(r).keySet())).containsExactly("data", "total", "limit", "offset", "errors");
        assertThat(body(r)).isEqualTo(envelope(List.of("payments", "web", "worker"), 3));
        assertThat(r.headers()).containsEntry("access-control-allow-origin", "*");
    }

    @Test
    void serviceOperations_areItsSpanNamesOfEveryKindOnce() {
        TraceBuilder d = TraceBuilder.trace(BASE_MILLIS);
        d.span(1, 0, "web", "charge", SpanKind.INTERNAL, 0, 1);
        fixture.stored().store(TENANT, d.spans());

        assertThat(body(get("/jaeger/api/services/web/operations")))
                .isEqualTo(envelope(List.of("GET /checkout", "GET /health", "charge"), 3));
    }

    @Test
    void serviceOperations_ofAnEscapedServiceName_areFound() {
        TraceBuilder d = TraceBuilder.trace(BASE_MILLIS);
        d.span(1, 0, "team/app+1 ü", "run", SpanKind.INTERNAL, 0, 1);
        fixture.stored().store(TENANT, d.spans());

        assertThat(body(get("/jaeger/api/services/team%2Fapp+1%20%C3%BC/operations")))
                .isEqualTo(envelope(List.of("run"), 1));
        assertError(get("/jaeger/api/services/team%2/operations"), 400, "broken percent-escape in service");
    }

    @Test
    void operations_areNameAndJaegersSpanKind_filteredBySpanKind() {
        assertThat(body(get("/jaeger/api/operations?service=web"))).isEqualTo(envelope(List.of(
                Map.of("name", "GET /checkout", "spanKind", "server"),
                Map.of("name", "GET /health", "spanKind", "server"),
                Map.of("name", "charge", "spanKind", "client")), 3));
        assertThat(body(get("/jaeger/api/operations?service=web&spanKind=client")))
                .isEqualTo(envelope(List.of(Map.of("name", "charge", "spanKind", "client")), 1));
        assertThat(body(get("/jaeger/api/operations?service=nobody"))).isEqualTo(envelope(List.of(), 0));
    }

    @Test
    void operations_withoutServiceOrWithAnUnknownKind_are400() {
        assertError(get("/jaeger/api/operations"), 400, "service is required");
        assertError(get("/jaeger/api/operations?service=web&spanKind=sideways"), 400,
                "spanKind must be one of server, client, producer, consumer or internal, got 'sideways'");
    }

    @Test
    void search_findsTheServicesTracesNewestFirst() {
        assertThat(traceIds(get("/jaeger/api/traces?service=web"))).containsExactly(B_HEX, A_HEX);
        assertThat(traceIds(get("/jaeger/api/traces?service=worker"))).containsExactly("0000000000c0ffee");
        assertThat(body(get("/jaeger/api/traces?service=web&limit=1")).get("total")).isEqualTo(1L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "operation=charge | " + A_HEX,
        "minDuration=90ms | " + A_HEX,
        "maxDuration=5ms | " + B_HEX,
        "minDuration=1ms&maxDuration=0.002s | " + B_HEX,
        "tag=http.method:GET | " + B_HEX + " " + A_HEX,
        "tag=http.method:POST | ",
        "limit=1 | " + B_HEX,
    })
    void search_filtersAsJaegerDoes(String filter, String expected) {
        List<Object> want = expected == null ? List.of() : List.of((Object[]) expected.split(" "));
        assertThat(traceIds(get("/jaeger/api/traces?service=web&" + filter))).isEqualTo(want);
    }

    @Test
    void search_tagsJsonAndTagsAreAnded_andErrorMeansAnErrorStatus() {
        assertThat(traceIds(get("/jaeger/api/traces?service=payments&tags=" + enc("{\"error\":\"true\"}"))))
                .containsExactly(A_HEX);
        assertThat(traceIds(get("/jaeger/api/traces?service=web&tags=" + enc("{\"error\":\"true\"}")))).isEmpty();
        assertThat(traceIds(get("/jaeger/api/traces?service=payments&tag=error:true&tags="
                + enc("{\"http.status_code\":\"500\"}")))).containsExactly(A_HEX);
        assertThat(traceIds(get("/jaeger/api/traces?service=payments&tag=error:true&tags="
                + enc("{\"http.status_code\":\"200\"}")))).isEmpty();
    }

    @Test
    void search_window_isStartToEndInMicroseconds() {
        long aStartMicros = BASE_MILLIS * 1000;
        assertThat(traceIds(get("/jaeger/api/traces?service=web&start=" + aStartMicros + "&end=" + (aStartMicros + 1000))))
                .containsExactly(A_HEX);
        assertThat(traceIds(get("/jaeger/api/traces?service=web&start=0&end=" + (aStartMicros - 1_000_000)))).isEmpty();
    }

    @Test
    void search_asJaegerUiAndGrafanaSendIt_isAnswered() {
        long end = NOW.toEpochMilli() * 1000;
        // Jaeger UI 1.x/2.14: null fields as bare keys, a lookback beside start and end.
        assertThat(traceIds(get("/jaeger/api/traces?end=" + end + "&limit=20&lookback=1h&maxDuration&minDuration"
                + "&service=web&start=" + (end - 3_600_000_000L)))).containsExactly(B_HEX, A_HEX);
        // Grafana: tags as JSON from logfmt, lookback=custom.
        assertThat(traceIds(get("/jaeger/api/traces?service=web&operation=" + enc("GET /checkout")
                + "&tags=" + enc("{\"http.method\":\"GET\"}") + "&minDuration=1ms&limit=20&start=" + (end - 3_600_000_000L)
                + "&end=" + end + "&lookback=custom"))).containsExactly(A_HEX);
    }

    @Test
    void search_traces_areWholeJaegerTraces() {
        Map<String, Object> a = map(list(body(get("/jaeger/api/traces?service=payments")).get("data")).get(0));

        assertThat(a.get("traceID")).isEqualTo(A_HEX);
        assertThat(list(a.get("spans"))).extracting(s -> map(s).get("operationName"))
                .containsExactly("GET /checkout", "charge", "POST /charge");
        assertThat(a.get("processes")).isEqualTo(Map.of(
                "p1", Map.of("serviceName", "web", "tags", List.of()),
                "p2", Map.of("serviceName", "payments", "tags", List.of())));
    }

    @Test
    void search_stoppedAtItsBudget_isMarkedIncomplete() {
        assertThat(get("/jaeger/api/traces?service=web").headers()).doesNotContainKey(QueryRouter.INCOMPLETE_HEADER);

        use(new QueryLimits(10_000, 1, 100, 2)); // one span per search answer

        HttpResponse r = get("/jaeger/api/traces?service=web");
        assertThat(traceIds(r)).containsExactly(B_HEX);
        assertThat(r.headers()).containsEntry(QueryRouter.INCOMPLETE_HEADER, "true");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'' | service is required to search (or give traceID to look traces up)",
        "service=web&minDuration=10 | minDuration must be a duration such as 1.5s, 100ms or 20us (units ns, us, ms,"
                + " s, m, h), got '10': '10' has no unit",
        "service=web&maxDuration=1d | maxDuration must be a duration such as 1.5s, 100ms or 20us (units ns, us, ms,"
                + " s, m, h), got '1d': unknown unit 'd'",
        "service=web&minDuration=-5ms | minDuration must not be negative, got '-5ms'",
        "service=web&minDuration=2s&maxDuration=1s | maxDuration (1s) must not be below minDuration (2s)",
        "service=web&tags=%7Bnope | tags must be a JSON object of string values, such as {\"http.status_code\":\"500\"},"
                + " got '{nope': it is not valid JSON (Unexpected character ('n' (code 110)): was expecting double-quote"
                + " to start field name)",
        "service=web&tags=%7B%22a%22%3A1%7D | tags must be a JSON object of string values, such as"
                + " {\"http.status_code\":\"500\"}, got '{\"a\":1}': the value of 'a' is not a string",
        "service=web&tags=%5B%5D | tags must be a JSON object of string values, such as {\"http.status_code\":\"500\"},"
                + " got '[]': it is not a JSON object",
        "service=web&tag=error | tag must be key:value, such as tag=http.status_code:500, got 'error'",
        "service=web&limit=0 | limit must be at least 1, got 0",
        "service=web&limit=ten | limit must be a whole number, got 'ten'",
        "service=web&start=abc | start must be a whole number, got 'abc'",
        "service=web&start=2000&end=1000 | end (1000) is before start (2000)",
        "service=web&start=-1 | start must not be negative, got -1",
        "service=web&end=9223372036854776 | end is too large, got 9223372036854776",
        "service=web&lookback=1y | lookback must be a count and a unit of s, m, h, d or w, such as 1h or 2d (or"
                + " custom), got '1y'",
        "traceID=nothex! | traceID must be 1 to 32 hex digits (or the ID's bytes in base64), got 'nothex!'",
        "service=web&service=api | service is given 2 times; give it once",
        "service=web&operation=%E0 | operation is not valid UTF-8 once decoded",
    })
    void search_badParameters_are400NamingTheParameter(String query, String message) {
        assertError(get("/jaeger/api/traces?" + query), 400, message);
    }

    @Test
    void lookup_byTraceIds_answersThoseFoundAndListsTheOthersAsErrors() {
        HttpResponse r = get("/jaeger/api/traces?traceID=" + A_HEX + "&traceID=c0ffee&traceID=abc");

        assertThat(traceIds(r)).containsExactly(A_HEX, "0000000000c0ffee");
        assertThat(body(r).get("total")).isEqualTo(2L);
        assertThat(body(r).get("errors")).isEqualTo(List.of(Map.of("msg", "trace not found",
                "traceID", "0000000000000abc")));
    }

    @Test
    void lookup_needsNoServiceButChecksTheOtherParameters() {
        assertThat(traceIds(get("/jaeger/api/traces?traceID=" + B_HEX + "&lookback=custom"))).containsExactly(B_HEX);
        assertError(get("/jaeger/api/traces?traceID=" + B_HEX + "&minDuration=x"), 400,
                "minDuration must be a duration such as 1.5s, 100ms or 20us (units ns, us, ms, s, m, h), got 'x':"
                        + " expected a number at position 0");
    }

    @Test
    void lookup_ofMoreTraceIdsThanALookupMayAnswer_is400() {
        StringBuilder q = new StringBuilder("/jaeger/api/traces?traceID=1");
        for (int i = 2; i <= 101; i++) q.append("&traceID=").append(Integer.toHexString(i));

        assertError(get(q.toString()), 400, "traceID is given 101 times; at most 100 traces per request");
    }

    @Test
    void trace_byId_isTheTraceInJaegersModel() {
        HttpResponse r = get("/jaeger/api/traces/" + A_HEX);

        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> body = body(r);
        assertThat(body.get("total")).isEqualTo(1L);
        assertThat(body).containsEntry("errors", null);
        Map<String, Object> trace = map(list(body.get("data")).get(0));
        assertThat(trace.get("traceID")).isEqualTo(A_HEX);
        List<Object> spans = list(trace.get("spans"));
        Map<String, Object> payments = map(spans.get(2));
        assertThat(payments.get("spanID")).isEqualTo("0000000000000003");
        assertThat(payments.get("processID")).isEqualTo("p2");
        assertThat(payments.get("references")).isEqualTo(List.of(Map.of("refType", "CHILD_OF", "traceID", A_HEX,
                "spanID", "0000000000000002")));
        assertThat(payments.get("startTime")).isEqualTo((BASE_MILLIS + 15) * 1000);
        assertThat(payments.get("duration")).isEqualTo(40_000L);
        assertThat(list(payments.get("tags"))).contains(
                Map.of("key", "http.status_code", "type", "int64", "value", 500L),
                Map.of("key", "span.kind", "type", "string", "value", "server"),
                Map.of("key", "otel.status_code", "type", "string", "value", "ERROR"),
                Map.of("key", "error", "type", "bool", "value", true),
                Map.of("key", "otel.status_description", "type", "string", "value", "boom"));
        assertThat(trace).containsEntry("warnings", null);
    }

    @Test
    void trace_withALinkToAnotherTrace_hasAFollowsFromReference() {
        Map<String, Object> trace = map(list(body(get("/jaeger/api/traces/c0ffee")).get("data")).get(0));

        assertThat(trace.get("traceID")).isEqualTo("0000000000c0ffee");
        assertThat(map(list(trace.get("spans")).get(0)).get("references")).isEqualTo(List.of(
                Map.of("refType", "FOLLOWS_FROM", "traceID", A_HEX, "spanID", "0000000000000002")));
    }

    @Test
    void trace_byTheLowHalfOfA128BitId_findsIt() {
        assertThat(traceIds(get("/jaeger/api/traces/5555666677778888"))).containsExactly(A_HEX);
        assertThat(traceIds(get("/jaeger/api/traces/EREiIjMzRERVVWZmd3eIiA=="))).containsExactly(A_HEX);
    }

    @Test
    void trace_withoutItsRootYet_carriesAWarning() {
        TraceId id = new TraceId(9, 9);
        TraceBuilder d = TraceBuilder.trace(id, BASE_MILLIS);
        d.span(2, 1, "web", "orphan", SpanKind.INTERNAL, 0, 1);
        fixture.stored().store(TENANT, d.spans());

        Map<String, Object> trace = map(list(body(get("/jaeger/api/traces/" + id.toHex())).get("data")).get(0));
        assertThat(trace.get("warnings")).isEqualTo(List.of(JaegerTraces.PARTIAL_WARNING));
    }

    @Test
    void trace_thatIsAbsent_is404InTheEnvelope() {
        assertError(get("/jaeger/api/traces/abcdef"), 404, "trace not found");
    }

    @Test
    void trace_withAMalformedIdOrTime_is400() {
        assertError(get("/jaeger/api/traces/xyz!"), 400,
                "traceID must be 1 to 32 hex digits (or the ID's bytes in base64), got 'xyz!'");
        assertError(get("/jaeger/api/traces/" + A_HEX + "0"), 400, "traceID must be 1 to 32 hex digits (or the ID's"
                + " bytes in base64), got '" + A_HEX + "0'");
        assertError(get("/jaeger/api/traces/0"), 400, "traceID must not be zero");
        assertError(get("/jaeger/api/traces/" + A_HEX + "?start=yesterday"), 400,
                "start must be a whole number, got 'yesterday'");
    }

    @Test
    void trace_withStartAndEnd_isFoundWhateverTheirUnit() {
        // Grafana sends milliseconds here; Jaeger reads microseconds. The ID alone finds the trace.
        assertThat(traceIds(get("/jaeger/api/traces/" + A_HEX + "?start=1&end=2"))).containsExactly(A_HEX);
    }

    @Test
    void trace_overTheSpanLimit_is422() {
        use(new QueryLimits(2, 20_000, 100, 2));

        HttpResponse r = get("/jaeger/api/traces/" + A_HEX);

        assertThat(r.status()).isEqualTo(422);
        assertThat(list(body(r).get("errors"))).singleElement().satisfies(e -> {
            assertThat(map(e).get("code")).isEqualTo(422L);
            assertThat((String) map(e).get("msg")).startsWith("trace " + A_HEX + " holds about 3 spans");
        });
    }

    @Test
    void dependencies_areTheSettledEdgesWithCallCounts() {
        fixture.stored().settle();

        Map<String, Object> webToPayments = Map.of("parent", "web", "child", "payments", "callCount", 1L);
        Map<String, Object> webToWorker = Map.of("parent", "web", "child", "worker", "callCount", 1L); // by the link
        assertThat(body(get("/jaeger/api/dependencies"))).isEqualTo(envelope(List.of(webToPayments, webToWorker), 2));
        assertThat(body(get("/jaeger/api/dependencies?endTs=" + NOW.toEpochMilli() + "&lookback=604800000")))
                .isEqualTo(envelope(List.of(webToPayments, webToWorker), 2));
        assertThat(body(get("/jaeger/api/dependencies?service=worker"))).isEqualTo(envelope(List.of(webToWorker), 1));
        assertThat(body(get("/jaeger/api/dependencies?endTs=" + (BASE_MILLIS - 3_600_000) + "&lookback=60000")))
                .isEqualTo(envelope(List.of(), 0));
    }

    @Test
    void dependencies_withBadTimes_are400() {
        assertError(get("/jaeger/api/dependencies?endTs=now"), 400, "endTs must be a whole number, got 'now'");
        assertError(get("/jaeger/api/dependencies?lookback=-1"), 400, "lookback must not be negative, got -1");
        assertError(get("/jaeger/api/dependencies?endTs=9223372036855"), 400, "endTs is too large, got 9223372036855");
    }

    @Test
    void unknownRoutes_are404InTheEnvelope_withCors() {
        HttpResponse r = get("/jaeger/api/nothing");
        assertError(r, 404, "/api/nothing is not a route of the Jaeger API (under /jaeger)");
        assertThat(r.headers()).containsEntry("access-control-allow-origin", "*");
        assertError(get("/jaeger"), 404, "/ is not a route of the Jaeger API (under /jaeger)");
        assertError(get("/jaeger/api/traces/" + A_HEX + "/x"), 404,
                "/api/traces/" + A_HEX + "/x is not a route of the Jaeger API (under /jaeger)");
        assertError(get("/jaeger/api/v3/nothing"), 404, "/api/v3/nothing is not a route of the Jaeger API (under /jaeger)");
    }

    @Test
    void otherMethods_are405InTheEnvelope() {
        HttpResponse r = fixture.router().handle(new HttpRequest("POST", "/jaeger/api/services", Map.of(), null), TENANT);

        assertError(r, 405, "POST is not allowed here; the query API answers GET");
        assertThat(r.headers()).containsEntry("allow", "GET, HEAD, OPTIONS");
    }
}
