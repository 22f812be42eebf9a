package dev.skein.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.cli.SkeinCli;
import dev.skein.local.SkeinLocal;
import dev.skein.model.TraceId;
import dev.skein.storage.TraceKey;
import dev.skein.tenancy.Scope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Nobody writes or reads without a good key: every route of skein-local, which runs the real
 * authorizer the way the stack wires API Gateway, refuses a missing, malformed, unknown,
 * revoked or wrong-scope key, and nothing of a refused export reaches the stream or the table.
 */
class AuthIT {
    private static final String TENANT = "acme";

    @TempDir
    static Path dataDir;
    static SkeinLocal skein;
    static String ingestKey;
    static String queryKey;
    static String revokedKey;
    /** Shaped like a key of the tenant, never issued. */
    static String unknownKey;

    @BeforeAll
    static void start() throws Exception {
        // No cache: a key revoked before the first request is refused at once.
        skein = LocalSkein.start(dataDir, o -> o.withAuthCacheTime(Duration.ZERO));
        ingestKey = skein.keys().create(TENANT, EnumSet.of(Scope.INGEST), "exporter").key().token();
        queryKey = skein.keys().create(TENANT, EnumSet.of(Scope.QUERY), "console").key().token();
        revokedKey = skein.keys().create(TENANT, EnumSet.allOf(Scope.class), "old").key().token();
        assertThat(skein.keys().revoke(TENANT, revokedKey.split("\\.")[2])).isTrue();
        unknownKey = ingestKey.substring(0, ingestKey.lastIndexOf('.') + 1) + "B".repeat(43);
    }

    @AfterAll
    static void stop() {
        if (skein != null) skein.close();
    }

    /** A bad credential and what API Gateway answers it on a route that takes the header only. */
    private record BadCredential(String name, Map<String, String> headers, int status) {}

    /** Every way of getting it wrong; {@code wrongScope} is a good key of the other scope. */
    private static List<BadCredential> badCredentials(String wrongScope) {
        String basic = Base64.getEncoder().encodeToString(("grafana:" + unknownKey).getBytes(StandardCharsets.UTF_8));
        return List.of(
                new BadCredential("missing", Map.of(), 401),
                new BadCredential("not a key", RawHttp.bearer("not-a-key"), 403),
                new BadCredential("unknown scheme", Map.of("authorization", "Token " + ingestKey), 403),
                new BadCredential("bad base64 in Basic", Map.of("authorization", "Basic %%%"), 403),
                new BadCredential("unknown", RawHttp.bearer(unknownKey), 403),
                new BadCredential("unknown, as Basic password", Map.of("authorization", "Basic " + basic), 403),
                new BadCredential("another tenant's name on a real key", RawHttp.bearer(
                        ingestKey.replace("skn1." + TENANT + ".", "skn1.globex.")), 403),
                new BadCredential("revoked", RawHttp.bearer(revokedKey), 403),
                new BadCredential("wrong scope", RawHttp.bearer(wrongScope), 403));
    }

    @Test
    void everyIngestRouteRefusesBadKeysAndNothingOfTheirSpansIsStored() throws Exception {
        List<String> refusedTraces = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (BadCredential bad : badCredentials(queryKey)) {
            String otlpTrace = newTraceId();
            refusedTraces.add(otlpTrace);
            check(failures, "OTLP, " + bad.name(), bad.status(), sendOtlp(otlpTrace, bad.headers()));
            String zipkinTrace = newTraceId();
            refusedTraces.add(zipkinTrace);
            // The Zipkin route also takes ?key=, so API Gateway asks the authorizer even without a header: 403.
            check(failures, "Zipkin, " + bad.name(), 403, sendZipkin(zipkinTrace, "", bad.headers()));
        }
        for (Map.Entry<String, String> bad : Map.of("revoked", revokedKey, "query only", queryKey,
                "unknown", unknownKey, "not a key", "skn1.x").entrySet()) {
            String trace = newTraceId();
            refusedTraces.add(trace);
            check(failures, "Zipkin ?key=, " + bad.getKey(), 403, sendZipkin(trace, "?key=" + bad.getValue(), Map.of()));
        }
        assertThat(failures).isEmpty();

        // The control: the same requests with the ingest key are stored, so "nothing stored" is not "nothing works".
        String goodOtlp = newTraceId();
        String goodZipkin = newTraceId();
        String goodZipkinByParameter = newTraceId();
        assertThat(sendOtlp(goodOtlp, RawHttp.bearer(ingestKey)).status()).isEqualTo(200);
        assertThat(sendZipkin(goodZipkin, "", RawHttp.bearer(ingestKey)).status()).isEqualTo(202);
        assertThat(sendZipkin(goodZipkinByParameter, "?key=" + ingestKey, Map.of()).status()).isEqualTo(202);
        for (String good : List.of(goodOtlp, goodZipkin, goodZipkinByParameter)) {
            Eventually.until("trace " + good + " stored", () -> skein.traceReader().trace(key(TENANT, good)),
                    t -> t.isPresent(), () -> LocalSkein.progress(skein));
        }

        try (KinesisClient kinesis = LocalSkein.kinesisClient(skein)) {
            Set<String> streamed = StreamContents.readAll(kinesis, SkeinLocal.STREAM).stream()
                    .map(StreamContents.Entry::partitionKey).collect(Collectors.toSet());
            assertThat(streamed).as("the stream holds the accepted traces and nothing else").containsExactlyInAnyOrder(
                    TENANT + "/" + goodOtlp, TENANT + "/" + goodZipkin, TENANT + "/" + goodZipkinByParameter);
        }
        for (String refused : refusedTraces) {
            for (String tenant : List.of(TENANT, "globex", SkeinLocal.TENANT)) {
                assertThat(skein.traceReader().trace(key(tenant, refused))).as(refused + " under " + tenant).isEmpty();
            }
        }
    }

    @Test
    void everyQueryRouteRefusesBadKeysAndAnswersAGoodOne() throws Exception {
        long endMillis = System.currentTimeMillis();
        String id = newTraceId();
        List<String> routes = List.of(
                "/zipkin/api/v2/services",
                "/zipkin/api/v2/spans?serviceName=web",
                "/zipkin/api/v2/traces?serviceName=web&endTs=" + endMillis + "&lookback=3600000",
                "/zipkin/api/v2/trace/" + id,
                "/zipkin/api/v2/traceMany?traceIds=" + id,
                "/zipkin/api/v2/dependencies?endTs=" + endMillis + "&lookback=3600000",
                "/zipkin/api/v2/autocompleteKeys",
                "/zipkin/api/v2/autocompleteValues?key=http.route",
                "/zipkin/config.json",
                "/jaeger/api/services",
                "/jaeger/api/services/web/operations",
                "/jaeger/api/traces?service=web",
                "/jaeger/api/traces/" + id,
                "/jaeger/api/dependencies?endTs=" + endMillis,
                "/api/services",
                "/api/traces?service=web",
                "/api/traces/" + id,
                "/api/service-map");
        List<String> failures = new ArrayList<>();
        for (String route : routes) {
            String url = "http://127.0.0.1:" + skein.apiPort() + route;
            for (BadCredential bad : badCredentials(ingestKey)) {
                check(failures, route + ", " + bad.name(), bad.status(), RawHttp.get(url, bad.headers()));
            }
            // ?key= opens the Zipkin ingest route only, never a read.
            check(failures, route + ", ?key=", 401, RawHttp.get(url + (route.contains("?") ? "&" : "?") + "key=" + queryKey,
                    Map.of()));
            RawHttp.Answer good = RawHttp.get(url, RawHttp.bearer(queryKey));
            if (good.status() == 401 || good.status() == 403 || good.status() >= 500) {
                failures.add(route + " with the query key answered " + good.status() + ": " + good.body());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void browsersPreflightsNeedNoKey() throws Exception {
        RawHttp.Answer preflight = RawHttp.send("OPTIONS", "http://127.0.0.1:" + skein.apiPort() + "/api/traces",
                Map.of("origin", "https://grafana.example", "access-control-request-method", "GET",
                        "access-control-request-headers", "authorization"), null);
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("access-control-allow-headers")).contains("authorization");
    }

    @Test
    void aKeyMadeWithTheKeyCommandAgainstThisSkeinLocalOpensItsReadsUntilRevoked() throws Exception {
        String local = dataDir.toString();
        String created = keyCommand("create", "--tenant", "cli-team", "--scopes", "query", "--name", "grafana",
                "--local", local);
        String key = created.lines().map(String::trim).filter(l -> l.startsWith("skn1.cli-team.")).findFirst()
                .orElseThrow(() -> new AssertionError("no key printed: " + created));
        String url = "http://127.0.0.1:" + skein.apiPort() + "/api/services";
        assertThat(RawHttp.get(url, RawHttp.bearer(key)).status()).isEqualTo(200);
        assertThat(sendOtlp(newTraceId(), RawHttp.bearer(key)).status()).as("a query key cannot send").isEqualTo(403);

        String keyId = key.split("\\.")[2];
        assertThat(keyCommand("list", "--tenant", "cli-team", "--local", local)).contains(keyId, "grafana", "query")
                .doesNotContain(key.substring(key.lastIndexOf('.') + 1));
        keyCommand("revoke", "--tenant", "cli-team", "--key-id", keyId, "--local", local);
        // This skein-local keeps no answers (cache time zero): the key stops at once.
        assertThat(RawHttp.get(url, RawHttp.bearer(key)).status()).isEqualTo(403);
    }

    /** {@code skein keys …}, in-process; what it printed, once it has succeeded. */
    private static String keyCommand(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] line = new String[args.length + 1];
        line[0] = "keys";
        System.arraycopy(args, 0, line, 1, args.length);
        int status = SkeinCli.run(line, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as("skein %s: %s", String.join(" ", line), err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void check(List<String> failures, String what, int expected, RawHttp.Answer answer) {
        if (answer.status() != expected) {
            failures.add(what + ": expected " + expected + ", got " + answer.status() + " " + answer.body());
        }
    }

    private static RawHttp.Answer sendOtlp(String traceId, Map<String, String> credentials) throws Exception {
        Map<String, String> headers = new HashMap<>(credentials);
        headers.put("content-type", "application/json");
        return RawHttp.send("POST", LocalSkein.otlpTracesUrl(skein), headers,
                OtlpJson.trace(traceId, "auth-web", "auth-api", "GET /", 3, nowNanos()));
    }

    private static RawHttp.Answer sendZipkin(String traceId, String query, Map<String, String> credentials)
            throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(credentials);
        headers.put("content-type", "application/json");
        String span = "[{\"traceId\":\"" + traceId + "\",\"id\":\"" + traceId.substring(16) + "\",\"name\":\"get\","
                + "\"timestamp\":" + nowNanos() / 1000 + ",\"duration\":10,\"kind\":\"SERVER\","
                + "\"localEndpoint\":{\"serviceName\":\"auth-zipkin\"}}]";
        return RawHttp.send("POST", "http://127.0.0.1:" + skein.zipkinPort() + "/api/v2/spans" + query, headers,
                span.getBytes(StandardCharsets.UTF_8));
    }

    static String newTraceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016x%016x", r.nextLong() | 1, r.nextLong() | 1);
    }

    static TraceKey key(String tenant, String traceHex) {
        return new TraceKey(tenant, TraceId.fromHex(traceHex));
    }

    static long nowNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }
}
