package dev.skein.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skein.local.SkeinLocal;
import dev.skein.tenancy.QuotaPolicy;
import dev.skein.tenancy.Scope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tenants send traces with the same trace and span IDs; each reads back only its own, by ID,
 * by search, in the catalogue and on the service map, in every dialect, and a tenant named in a
 * header or parameter changes nothing.
 */
class TenantIsolationIT {
    /** One tenant's traffic: its services and operation, so every answer shows whose it is. */
    private record Tenant(String id, String front, String back, String operation) {}

    private static final Tenant ALPHA = new Tenant("alpha", "alpha-web", "alpha-db", "GET /alpha");
    private static final Tenant BETA = new Tenant("beta.team", "beta-web", "beta-api", "GET /beta");
    private static final List<String> SHARED_TRACE_IDS = List.of(AuthIT.newTraceId(), AuthIT.newTraceId());

    @TempDir
    static Path dataDir;
    static SkeinLocal skein;
    static final Map<String, String> ingestKeys = new HashMap<>();
    static final Map<String, String> queryKeys = new HashMap<>();

    @BeforeAll
    static void sendTheSameIdsAsTwoTenants() throws Exception {
        // Reads here come faster than a console's: a query rate no test reaches.
        skein = LocalSkein.start(dataDir, o -> o.withQuotas(QuotaPolicy.parse("{\"default\":{\"queriesPerSecond\":1000}}")));
        for (Tenant t : List.of(ALPHA, BETA)) {
            ingestKeys.put(t.id(), skein.keys().create(t.id(), EnumSet.of(Scope.INGEST), "exporter").key().token());
            queryKeys.put(t.id(), skein.keys().create(t.id(), EnumSet.of(Scope.QUERY), "console").key().token());
        }
        long start = AuthIT.nowNanos() - 60_000_000_000L;
        for (String traceId : SHARED_TRACE_IDS) {
            for (Tenant t : List.of(ALPHA, BETA)) {
                Map<String, String> headers = new HashMap<>(RawHttp.bearer(ingestKeys.get(t.id())));
                headers.put("content-type", "application/json");
                // Headers and a parameter naming the other tenant: the tenant comes from the key alone.
                headers.put("x-skein-tenant", other(t).id());
                headers.put("x-tenant", other(t).id());
                RawHttp.Answer answer = RawHttp.send("POST", LocalSkein.otlpTracesUrl(skein) + "?tenant=" + other(t).id(),
                        headers, OtlpJson.trace(traceId, t.front(), t.back(), t.operation(), 4, start));
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            }
        }
        // Both tenants' service maps settle once their traces have been idle (2 s locally).
        for (Tenant t : List.of(ALPHA, BETA)) {
            Eventually.until(t.id() + "'s service map", () -> query(t, "/api/service-map"),
                    map -> map.path("edges").size() > 0, () -> LocalSkein.progress(skein));
        }
    }

    @AfterAll
    static void stop() {
        if (skein != null) skein.close();
    }

    @Test
    void byIdEachTenantReadsItsOwnTraceInEveryDialect() throws Exception {
        for (Tenant t : List.of(ALPHA, BETA)) {
            for (String id : SHARED_TRACE_IDS) {
                assertThat(services(query(t, "/zipkin/api/v2/trace/" + id), "localEndpoint", "serviceName"))
                        .containsExactlyInAnyOrder(t.front(), t.back());
                JsonNode jaeger = query(t, "/jaeger/api/traces/" + id).path("data").get(0);
                Set<String> jaegerServices = new TreeSet<>();
                jaeger.path("processes").forEach(p -> jaegerServices.add(p.path("serviceName").asText()));
                assertThat(jaegerServices).containsExactlyInAnyOrder(t.front(), t.back());
                JsonNode otlp = query(t, "/api/traces/" + id);
                Set<String> otlpServices = new TreeSet<>();
                otlp.path("resourceSpans").forEach(rs -> rs.path("resource").path("attributes").forEach(a -> {
                    if (a.path("key").asText().equals("service.name")) otlpServices.add(a.path("value").path("stringValue").asText());
                }));
                assertThat(otlpServices).containsExactlyInAnyOrder(t.front(), t.back());
            }
        }
    }

    @Test
    void searchFindsOnlyTheTenantsOwnTraces() throws Exception {
        long end = System.currentTimeMillis();
        for (Tenant t : List.of(ALPHA, BETA)) {
            String own = "/zipkin/api/v2/traces?serviceName=" + t.front() + "&endTs=" + end + "&lookback=3600000&limit=10";
            String others = "/zipkin/api/v2/traces?serviceName=" + other(t).front() + "&endTs=" + end
                    + "&lookback=3600000&limit=10";
            assertThat(query(t, own)).hasSize(SHARED_TRACE_IDS.size());
            assertThat(query(t, others)).as("the other tenant's service, searched by name").isEmpty();
            assertThat(query(t, "/api/traces?service=" + other(t).front()).path("traces")).isEmpty();
            assertThat(query(t, "/jaeger/api/traces?service=" + other(t).front()).path("data")).isEmpty();
            JsonNode hits = query(t, "/api/traces?service=" + t.front()).path("traces");
            assertThat(hits).hasSize(SHARED_TRACE_IDS.size());
        }
    }

    @Test
    void theCatalogueAndTheServiceMapHoldOnlyTheTenantsOwnServices() throws Exception {
        long end = System.currentTimeMillis();
        for (Tenant t : List.of(ALPHA, BETA)) {
            assertThat(strings(query(t, "/zipkin/api/v2/services"))).containsExactlyInAnyOrder(t.front(), t.back());
            assertThat(strings(query(t, "/jaeger/api/services").path("data"))).containsExactlyInAnyOrder(t.front(), t.back());
            assertThat(strings(query(t, "/zipkin/api/v2/spans?serviceName=" + t.front()))).contains(t.operation().toLowerCase());
            assertThat(strings(query(t, "/zipkin/api/v2/spans?serviceName=" + other(t).front()))).isEmpty();

            JsonNode map = query(t, "/api/service-map");
            Set<String> nodes = new TreeSet<>();
            map.path("nodes").forEach(n -> nodes.add(n.path("name").asText()));
            assertThat(nodes).containsExactlyInAnyOrder(t.front(), t.back());
            JsonNode links = query(t, "/zipkin/api/v2/dependencies?endTs=" + end + "&lookback=3600000");
            assertThat(links).hasSize(1);
            assertThat(links.get(0).path("parent").asText()).isEqualTo(t.front());
            assertThat(links.get(0).path("child").asText()).isEqualTo(t.back());
            assertThat(links.get(0).path("callCount").asInt()).isEqualTo(SHARED_TRACE_IDS.size());
        }
    }

    @Test
    void aTenantNamedInAHeaderOrParameterOfAQueryChangesNothing() throws Exception {
        Map<String, String> headers = new HashMap<>(RawHttp.bearer(queryKeys.get(ALPHA.id())));
        headers.put("x-skein-tenant", BETA.id());
        headers.put("x-tenant", BETA.id());
        RawHttp.Answer answer = RawHttp.get("http://127.0.0.1:" + skein.apiPort() + "/zipkin/api/v2/services?tenant="
                + BETA.id(), headers);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(strings(QueryApi.JSON.readTree(answer.body()))).containsExactlyInAnyOrder(ALPHA.front(), ALPHA.back());
    }

    private static Tenant other(Tenant t) {
        return t == ALPHA ? BETA : ALPHA;
    }

    private static JsonNode query(Tenant t, String path) throws Exception {
        RawHttp.Answer a = RawHttp.get("http://127.0.0.1:" + skein.apiPort() + path, RawHttp.bearer(queryKeys.get(t.id())));
        if (a.status() != 200) throw new AssertionError("GET " + path + " as " + t.id() + " answered " + a.status() + ": " + a.body());
        return QueryApi.JSON.readTree(a.body());
    }

    private static Set<String> services(JsonNode zipkinSpans, String endpoint, String field) {
        Set<String> out = new TreeSet<>();
        zipkinSpans.forEach(s -> out.add(s.path(endpoint).path(field).asText()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
