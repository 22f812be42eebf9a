package dev.skein.functions.query.skein;

import static dev.skein.functions.query.QueryRequests.TENANT;
import static dev.skein.storage.TraceBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.assembly.PipelineSettings;
import dev.skein.codec.OtlpJsonDecoder;
import dev.skein.functions.query.QueryRequests;
import dev.skein.http.HttpResponse;
import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.query.QueryLimits;
import dev.skein.query.StoredTraces;
import dev.skein.storage.TraceBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SkeinApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final StoredTraces stored = new StoredTraces(NOW);
    private final QueryRequests api = new QueryRequests(stored);
    private final TraceBuilder checkout = TraceBuilder.trace(NOW.toEpochMilli() - 60_000);

    SkeinApiTest() {
        checkout.span(1, 0, "web", "GET /checkout", SpanKind.SERVER, 0, 120, attr("http.route", "/checkout"));
        checkout.span(2, 1, "web", "charge", SpanKind.CLIENT, 10, 80);
        checkout.failed(checkout.span(3, 2, "payments", "charge", SpanKind.SERVER, 12, 70, attr("card", "visa")));
        checkout.span(4, 3, "payments", "SELECT", SpanKind.CLIENT, 20, 30, attr("db.system", "postgresql"),
                attr("server.address", "db1"));
        stored.store(TENANT, checkout.spans()).settle();
    }

    @AfterEach
    void close() {
        stored.close();
    }

    @Test
    void trace_answersOtlpJsonThatDecodesToTheStoredSpans() throws Exception {
        HttpResponse r = api.get("/api/traces/" + checkout.id().toHex().toUpperCase());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("content-type", "application/json")
                .containsEntry(SkeinApi.PARTIAL_HEADER, "false");
        List<Span> spans = new OtlpJsonDecoder().decode(r.body(), 100).spans();
        assertThat(spans).containsExactlyInAnyOrderElementsOf(checkout.spans());
    }

    @Test
    void trace_withoutItsRoot_isMarkedPartial() {
        TraceBuilder headless = TraceBuilder.trace(NOW.toEpochMilli() - 30_000);
        headless.span(7, 99, "worker", "consume", SpanKind.CONSUMER, 0, 5);
        stored.store(TENANT, headless.spans());

        HttpResponse r = api.get("/api/traces/" + headless.id().toHex());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry(SkeinApi.PARTIAL_HEADER, "true");
    }

    @Test
    void trace_thatIsNotStored_is404InJson() throws Exception {
        HttpResponse r = api.get("/api/traces/0123456789abcdef0123456789abcdef");

        assertThat(r.status()).isEqualTo(404);
        JsonNode body = MAPPER.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("message").asText()).isEqualTo("trace 0123456789abcdef0123456789abcdef not found");
    }

    @ParameterizedTest
    @CsvSource({"abc", "0123456789abcdef0", "zz23456789abcdef", "00000000000000000000000000000000"})
    void trace_withAMalformedId_is400NamingIt(String id) throws Exception {
        HttpResponse r = api.get("/api/traces/" + id);

        assertThat(r.status()).isEqualTo(400);
        assertThat(MAPPER.readTree(r.body()).get("message").asText()).contains("trace ID");
    }

    @Test
    void trace_overTheAnswerLimit_is422WithAMessage() {
        try (StoredTraces small = new StoredTraces(NOW, PipelineSettings.DEFAULTS, new QueryLimits(3, 10, 10, 2))) {
            small.store(TENANT, checkout.spans());
            HttpResponse r = new QueryRequests(small).get("/api/traces/" + checkout.id().toHex());

            assertThat(r.status()).isEqualTo(422);
            assertThat(r.bodyText()).contains(checkout.id().toHex()).contains("SKEIN_QUERY_MAX_TRACE_SPANS");
        }
    }

    @Test
    void search_answersTraceSummaries() throws Exception {
        JsonNode body = MAPPER.readTree(api.get("/api/traces?service=payments&lookback=1h").body());

        assertThat(body.get("complete").asBoolean()).isTrue();
        JsonNode t = body.get("traces").get(0);
        assertThat(t.get("traceId").asText()).isEqualTo(checkout.id().toHex());
        assertThat(t.get("rootService").asText()).isEqualTo("web");
        assertThat(t.get("rootOperation").asText()).isEqualTo("GET /checkout");
        assertThat(t.get("spanCount").asInt()).isEqualTo(4);
        assertThat(t.get("errorCount").asInt()).isEqualTo(1);
        assertThat(t.get("durationNanos").asLong()).isEqualTo(120_000_000L);
        assertThat(t.get("partial").asBoolean()).isFalse();
        assertThat(t.get("start").asText()).isEqualTo(Instant.ofEpochMilli(NOW.toEpochMilli() - 60_000).toString());
        assertThat(MAPPER.convertValue(t.get("services"), List.class)).containsExactly("payments", "web");
        assertThat(t.has("otlp")).isFalse();
    }

    @Test
    void search_filtersByTagDurationAndErrors_andCanCarryTheSpans() throws Exception {
        assertThat(count("/api/traces?service=payments&tag=card%3Dvisa&errors=true")).isEqualTo(1);
        assertThat(count("/api/traces?service=payments&tag=card%3Damex")).isZero();
        assertThat(count("/api/traces?service=payments&operation=charge&minDuration=70ms&maxDuration=70ms")).isEqualTo(1);
        assertThat(count("/api/traces?service=payments&operation=charge&minDuration=71ms")).isZero();
        assertThat(count("/api/traces?start=2026-11-25T11:00:00Z&end=2026-11-25T11:30:00Z")).isZero();

        JsonNode t = MAPPER.readTree(api.get("/api/traces?service=web&spans=true").body()).get("traces").get(0);
        assertThat(t.at("/otlp/resourceSpans").size()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/traces?limit=0 | limit",
        "/api/traces?limit=1001 | limit",
        "/api/traces?limit=ten | limit",
        "/api/traces?minDuration=fast | minDuration",
        "/api/traces?minDuration=2s&maxDuration=1s | maxDuration",
        "/api/traces?lookback=-1h | lookback",
        "/api/traces?start=yesterday | start",
        "/api/traces?start=2026-11-25T12:00:00Z&lookback=1h | lookback",
        "/api/traces?start=2026-11-25T12:00:00Z&end=2026-11-25T11:00:00Z | end",
        "/api/traces?tag=novalue | tag",
        "/api/traces?errors=yes | errors",
        "/api/traces?service=a&service=b | service",
        "/api/traces?service=%zz | service",
        "/api/service-map?lookback=1x | lookback",
    })
    void badParameters_are400NamingTheParameter(String request, String parameter) throws Exception {
        HttpResponse r = api.get(request);

        assertThat(r.status()).as(request).isEqualTo(400);
        assertThat(MAPPER.readTree(r.body()).get("message").asText()).as(request).contains(parameter);
    }

    @Test
    void catalogue_listsServicesAndOperationsWithTheirKinds() throws Exception {
        assertThat(MAPPER.readTree(api.get("/api/services").body()).get("services").toString())
                .isEqualTo("[\"payments\",\"web\"]");
        JsonNode ops = MAPPER.readTree(api.get("/api/services/payments/operations").body()).get("operations");
        assertThat(ops.toString()).isEqualTo(
                "[{\"name\":\"SELECT\",\"spanKind\":\"CLIENT\"},{\"name\":\"charge\",\"spanKind\":\"SERVER\"}]");
        assertThat(api.get("/api/services/nobody/operations").bodyText()).isEqualTo("{\"operations\":[]}");
    }

    @Test
    void serviceMap_hasNodesAndEdgesWithErrorRateAndPercentiles() throws Exception {
        JsonNode map = MAPPER.readTree(api.get("/api/service-map?lookback=2h").body());

        assertThat(map.get("nodes").toString()).isEqualTo("[{\"name\":\"payments\",\"remote\":false},"
                + "{\"name\":\"postgresql@db1\",\"remote\":true},{\"name\":\"web\",\"remote\":false}]");
        JsonNode web = map.get("edges").get(1);
        assertThat(web.get("parent").asText()).isEqualTo("web");
        assertThat(web.get("child").asText()).isEqualTo("payments");
        assertThat(web.get("calls").asLong()).isEqualTo(1);
        assertThat(web.get("errors").asLong()).isEqualTo(1);
        assertThat(web.get("errorRate").asDouble()).isEqualTo(1.0);
        // One call of 70 ms; a histogram bucket is 19 % wide.
        assertThat(web.at("/latencyMicros/p50").asLong()).isBetween(59_000L, 84_000L);
        assertThat(web.at("/latencyMicros/p99").asLong()).isBetween(59_000L, 84_000L);
    }

    @Test
    void unknownRoute_is404NamingIt() throws Exception {
        HttpResponse r = api.get("/api/nothing");

        assertThat(r.status()).isEqualTo(404);
        assertThat(MAPPER.readTree(r.body()).get("message").asText()).contains("/api/nothing");
    }

    private int count(String request) throws Exception {
        HttpResponse r = api.get(request);
        assertThat(r.status()).as(request + ": " + r.bodyText()).isEqualTo(200);
        return MAPPER.readTree(r.body()).get("traces").size();
    }
}
