package dev.skein.functions.query.jaeger;

import static dev.skein.functions.query.jaeger.JaegerFixture.A_HEX;
import static dev.skein.functions.query.jaeger.JaegerFixture.B_HEX;
import static dev.skein.functions.query.jaeger.JaegerFixture.assertError;
import static dev.skein.functions.query.jaeger.JaegerFixture.body;
import static dev.skein.functions.query.jaeger.JaegerFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.functions.query.QueryRouter;
import dev.skein.http.HttpResponse;
import dev.skein.model.SpanKind;
import dev.skein.query.QueryLimits;
import dev.skein.storage.TraceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The v3 routes Jaeger UI 2.15 and later calls, on the traces of {@link JaegerFixture}. */
class ApiV3Test {
    private static final String HOUR = "&query.startTimeMin=2026-11-20T09:00:00Z&query.startTimeMax=2026-11-20T10:00:00Z";
    private JaegerFixture api = new JaegerFixture();

    @AfterEach
    void close() {
        api.close();
    }

    /** The trace IDs of a summaries answer, in order. */
    private static List<Object> summaryIds(HttpResponse r) {
        return JaegerFixture.ids(r, "summaries", "traceId");
    }

    @Test
    void services_areListed() {
        HttpResponse r = api.get("/jaeger/api/v3/services");

        assertThat(r.status()).isEqualTo(200);
        assertThat(body(r)).isEqualTo(Map.of("services", List.of("payments", "web", "worker")));
    }

    @Test
    void operations_areNamesAndKinds_anUnspecifiedKindBeingInternal() {
        TraceBuilder d = TraceBuilder.trace(JaegerFixture.BASE_MILLIS);
        d.span(1, 0, "web", "tick", SpanKind.UNSPECIFIED, 0, 1);
        api.stored().store(JaegerFixture.TENANT, d.spans());

        assertThat(body(api.get("/jaeger/api/v3/operations?service=web"))).isEqualTo(Map.of("operations", List.of(
                Map.of("name", "GET /checkout", "spanKind", "server"),
                Map.of("name", "GET /health", "spanKind", "server"),
                Map.of("name", "charge", "spanKind", "client"),
                Map.of("name", "tick", "spanKind", "internal"))));
        assertThat(body(api.get("/jaeger/api/v3/operations?service=web&spanKind=client")))
                .isEqualTo(Map.of("operations", List.of(Map.of("name", "charge", "spanKind", "client"))));
        assertError(api.get("/jaeger/api/v3/operations"), 400, "service is required");
    }

    @Test
    void traceSummaries_describeEachTraceFound() {
        HttpResponse r = api.get("/jaeger/api/v3/trace-summaries?query.serviceName=payments" + HOUR);

        long start = JaegerFixture.BASE_MILLIS * 1_000_000;
        assertThat(body(r)).isEqualTo(Map.of("summaries", List.of(Map.of(
                "traceId", A_HEX,
                "rootServiceName", "web",
                "rootOperationName", "GET /checkout",
                "minStartTimeUnixNano", Long.toString(start),
                "maxEndTimeUnixNano", Long.toString(start + 100_000_000),
                "spanCount", 3L,
                "errorSpanCount", 1L,
                "orphanSpanCount", 0L,
                "services", List.of(
                        Map.of("name", "payments", "spanCount", 1L, "errorSpanCount", 1L),
                        Map.of("name", "web", "spanCount", 2L, "errorSpanCount", 0L))))));
    }

    @Test
    void traceSummaries_withoutService_searchEveryService() {
        assertThat(summaryIds(api.get("/jaeger/api/v3/trace-summaries?" + HOUR.substring(1))))
                .containsExactly("00000000000000000000000000c0ffee", B_HEX, A_HEX);
        assertThat(summaryIds(api.get("/jaeger/api/v3/trace-summaries?query.searchDepth=1" + HOUR)))
                .containsExactly("00000000000000000000000000c0ffee");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "query.serviceName=web&query.operationName=charge | " + A_HEX,
        "query.serviceName=web&query.durationMax=5ms | " + B_HEX,
        "query.serviceName=web&query.durationMin=50ms | " + A_HEX,
        "query.serviceName=payments&query.attributes=%7B%22error%22%3A%22true%22%7D | " + A_HEX,
        "query.serviceName=web&query.attributes=%7B%22http.method%22%3A%22POST%22%7D | ",
    })
    void traceSummaries_filterAsTheSearchDoes(String filter, String expected) {
        List<Object> want = expected == null ? List.of() : List.of((Object[]) expected.split(" "));
        assertThat(summaryIds(api.get("/jaeger/api/v3/trace-summaries?" + filter + HOUR))).isEqualTo(want);
    }

    @Test
    void traceSummaries_asJaegerUiSendsThem_areAnswered() {
        // Jaeger UI 2.19: Date#toISOString() times, the limit as searchDepth.
        assertThat(summaryIds(api.get("/jaeger/api/v3/trace-summaries?query.serviceName=web&query.startTimeMin="
                + enc("2026-11-20T09:00:00.000Z") + "&query.startTimeMax=" + enc("2026-11-20T10:00:00.000+00:00")
                + "&query.searchDepth=20&query.durationMin=1ms"))).containsExactly(B_HEX, A_HEX);
    }

    @Test
    void traceSummaries_stoppedAtTheBudget_areMarkedIncomplete() {
        api.close();
        api = new JaegerFixture(new QueryLimits(10_000, 1, 100, 2));

        HttpResponse r = api.get("/jaeger/api/v3/trace-summaries?query.serviceName=web" + HOUR);

        assertThat(summaryIds(r)).containsExactly(B_HEX);
        assertThat(r.headers()).containsEntry(QueryRouter.INCOMPLETE_HEADER, "true");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "query.serviceName=web | query.startTimeMin and query.startTimeMax are required",
        "query.startTimeMin=2026-11-20T09:00:00Z | query.startTimeMin and query.startTimeMax are required",
        "query.startTimeMin=yesterday&query.startTimeMax=2026-11-20T10:00:00Z | query.startTimeMin must be an RFC 3339"
                + " time such as 2026-08-20T10:00:00Z, got 'yesterday'",
        "query.startTimeMin=2026-11-20T10:00:00Z&query.startTimeMax=2026-11-20T10:00:00Z | query.startTimeMax must be"
                + " after query.startTimeMin",
        "query.startTimeMin=1900-01-01T00:00:00Z&query.startTimeMax=2026-11-20T10:00:00Z | query.startTimeMin is out"
                + " of range, got '1900-01-01T00:00:00Z'",
        "query.attributes=x" + HOUR + " | query.attributes must be a JSON object of string values, such as"
                + " {\"http.status_code\":\"500\"}, got 'x': it is not valid JSON (Unrecognized token 'x': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))",
        "query.durationMin=fast" + HOUR + " | query.durationMin must be a duration such as 1.5s, 100ms or 20us (units"
                + " ns, us, ms, s, m, h), got 'fast': expected a number at position 0",
        "query.searchDepth=0" + HOUR + " | query.searchDepth must be at least 1, got 0",
    })
    void traceSummaries_badParameters_are400NamingTheParameter(String query, String message) {
        assertError(api.get("/jaeger/api/v3/trace-summaries?" + query), 400, message);
    }
}
