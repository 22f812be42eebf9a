package dev.skein.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.local.SkeinLocal;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import dev.skein.query.TraceReader;
import dev.skein.storage.StoredSummary;
import dev.skein.storage.TraceKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated shop's traffic through skein-local's real ports, both ingest paths, the write path
 * and the query API: what the service map shows is the shop. Every wait polls with a deadline.
 */
class DemoTrafficIT {
    /** Generous: every wait ends as soon as what it waits for is there. */
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    static Path dataDir;
    static SkeinLocal skein;
    static TraceReader reader;

    @BeforeAll
    static void start() throws Exception {
        skein = SkeinLocal.start(SkeinLocal.Options.ephemeral(dataDir));
        reader = skein.traceReader();
    }

    @AfterAll
    static void stop() {
        if (skein != null) skein.close();
    }

    /**
     * 60 shop requests of one seed, 40 to 25 minutes ago: a window the other test's traffic (the
     * last quarter hour and now) does not reach, so the map of this window is theirs alone.
     */
    @Test
    void shopRequests_sentThroughBothIngestPorts_drawTheShopsServiceMap() throws Exception {
        long first = nanos(Instant.now().minus(Duration.ofMinutes(40)));
        ShopSimulator shop = new ShopSimulator(20261144);
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 60; i++) spans.addAll(shop.next(first + i * 15 * SECOND));
        long declines = count(spans, s -> s.serviceName().equals("payments") && s.kind() == SpanKind.SERVER
                && s.status().code() == StatusCode.ERROR);
        assertThat(declines).as("this seed declines a payment").isPositive();

        ExportQueues queues = new ExportQueues(ShopServices.ALL);
        queues.add(spans);
        SendCounters counters = new SendCounters();
        try (SpanSender sender = new SpanSender(otlpTraces(), zipkinSpans(), skein.devKey(), counters, System.out)) {
            for (ExportQueues.Batch batch : queues.takeEnded(nanos(Instant.now()))) sender.send(batch);
        }
        assertThat(counters.refusedRequests()).isZero();
        assertThat(counters.spans()).isEqualTo(spans.size());

        Map<TraceId, Integer> sizes = new LinkedHashMap<>();
        for (Span s : spans) sizes.merge(s.traceId(), 1, Integer::sum);
        for (Map.Entry<TraceId, Integer> trace : sizes.entrySet()) {
            eventually("the summary of all " + trace.getValue() + " spans of " + trace.getKey(),
                    () -> reader.summary(new TraceKey(SkeinLocal.TENANT, trace.getKey())),
                    summary -> summary.map(StoredSummary::summary)
                            .filter(t -> t.spanCount() == trace.getValue()).isPresent());
        }

        JsonNode map = get("/api/service-map?start=" + Instant.ofEpochSecond(0, first).minus(Duration.ofMinutes(1))
                + "&end=" + Instant.ofEpochSecond(0, first).plus(Duration.ofMinutes(17)));
        Map<String, Boolean> nodes = new HashMap<>();
        for (JsonNode n : map.get("nodes")) nodes.put(n.get("name").asText(), n.get("remote").asBoolean());
        Map<String, JsonNode> edges = new HashMap<>();
        for (JsonNode e : map.get("edges")) edges.put(e.get("parent").asText() + " -> " + e.get("child").asText(), e);

        assertThat(nodes).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("web", false), Map.entry("cart", false), Map.entry("checkout", false),
                Map.entry("payments", false), Map.entry("inventory", false), Map.entry("shipping", false),
                Map.entry("redis@cache", true), Map.entry("postgresql@shop-db", true),
                // Inventory reports over Zipkin: its remote endpoint names the database.
                Map.entry("inventory-db", true),
                Map.entry("api.payment-gateway.example", true), Map.entry("api.carrier.example", true)));
        long checkouts = count(spans, s -> s.isRoot() && s.name().equals("POST /checkout"));
        assertThat(calls(edges, "web -> checkout")).containsExactly(checkouts, declines);
        assertThat(calls(edges, "checkout -> payments")).containsExactly(checkouts, declines);
        assertThat(calls(edges, "payments -> api.payment-gateway.example")).containsExactly(checkouts, declines);
        assertThat(calls(edges, "checkout -> shipping")).as("orders processed, joined by the consumer's link")
                .containsExactly(count(spans, s -> s.kind() == SpanKind.PRODUCER), 0L);
        assertThat(calls(edges, "checkout -> postgresql@shop-db"))
                .containsExactly(count(spans, s -> s.serviceName().equals("checkout") && isDatabase(s)), 0L);
        assertThat(calls(edges, "inventory -> inventory-db"))
                .containsExactly(count(spans, s -> s.serviceName().equals("inventory") && isDatabase(s)), 0L);
        assertThat(calls(edges, "web -> inventory")).containsExactly(count(spans, s -> s.kind() == SpanKind.CLIENT
                && s.serviceName().equals("web") && attribute(s, "server.address").equals("inventory")), 0L);
        assertThat(edges).containsKeys("web -> redis@cache", "web -> cart", "cart -> redis@cache", "cart -> inventory",
                "checkout -> cart", "checkout -> inventory", "payments -> postgresql@shop-db",
                "shipping -> postgresql@shop-db", "shipping -> api.carrier.example");

        // Both ingest paths: services that sent OTLP and the one that sent Zipkin, with their operations.
        assertThat(get("/api/services").get("services")).extracting(JsonNode::asText)
                .contains("web", "checkout", "inventory", "shipping");
        assertThat(get("/api/services/inventory/operations").get("operations")).extracting(o -> o.get("name").asText())
                .contains("get /stock/{productid}", "post /stock/{productid}/reservations");
    }

    /** The demo as {@code --demo} runs it, at a brisk rate and a short back-fill. */
    @Test
    void demoTraffic_sendsItsBackfillThenAsItGoes_andStopsWhenClosed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoTraffic demo = DemoTraffic.start(otlpTraces(), zipkinSpans(), skein.devKey(), 20, 10, 7, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        SendCounters counters;
        try {
            counters = demo.counters();
            // More traces than the back-fill's (10 requests, a few shipments): live traffic arrived.
            eventually("live traffic after the back-fill", () -> counters.traces(),
                    traces -> traces > 20 && counters.requests() > 12);
        } finally {
            demo.close();
        }

        assertThat(counters.refusedRequests()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).first().asString()
                .startsWith("demo traffic: a simulated shop (web, cart, checkout, payments, inventory, shipping): "
                        + "10 requests over the last 15 minutes, then 20 a second");
        assertThat(out.toString(StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElseThrow())
                .startsWith("demo traffic stopped: ").endsWith(", 0 refused");
    }

    private static List<Long> calls(Map<String, JsonNode> edges, String edge) {
        JsonNode e = edges.get(edge);
        assertThat(e).as("edge %s among %s", edge, edges.keySet()).isNotNull();
        return List.of(e.get("calls").asLong(), e.get("errors").asLong());
    }

    private static boolean isDatabase(Span s) {
        return s.kind() == SpanKind.CLIENT && !attribute(s, "db.system.name").isEmpty();
    }

    private static String attribute(Span s, String key) {
        for (Attribute a : s.attributes()) {
            if (a.key().equals(key) && a.value() instanceof AnyValue.StringValue v) return v.value();
        }
        return "";
    }

    private static long count(List<Span> spans, Predicate<Span> which) {
        return spans.stream().filter(which).count();
    }

    private static URI otlpTraces() {
        return URI.create("http://127.0.0.1:" + skein.otlpPort() + "/v1/traces");
    }

    private static URI zipkinSpans() {
        return URI.create("http://127.0.0.1:" + skein.zipkinPort() + "/api/v2/spans");
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + skein.apiPort() + pathAndQuery))
                .header("Authorization", "Bearer " + skein.devKey().orElseThrow()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", pathAndQuery, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * SECOND + t.getNano();
    }

    /**
     * Polls {@code probe} until {@code done} accepts its answer; fails at the deadline with the
     * last answer and the event sources' counters.
     */
    private static <T> T eventually(String what, Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        while (true) {
            last = probe.get();
            if (done.test(last)) return last;
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("gave up waiting for " + what + " after " + DEADLINE + "; last answer: "
                        + last + "; assembler source " + skein.spanStreamStats() + "; finalizer source "
                        + skein.timerQueueStats());
            }
            Thread.sleep(200);
        }
    }
}
