package dev.skein.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.local.SkeinLocal;
import dev.skein.tenancy.QuotaPolicy;
import dev.skein.tenancy.Scope;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tenant sends faster than its quota: it gets 429 with Retry-After, its refused spans are
 * stored nowhere and counted in the ingest log line by reason, and another tenant's traffic in
 * the same moments is all accepted.
 */
class QuotaIT {
    /**
     * Buckets of 40 spans and 1 query that refill slowly (1 span a second, a query every 40 s), so
     * the outcome does not depend on how fast this machine sends: two 20-span requests fit, the
     * rest of the run is refused.
     */
    private static final String QUOTAS = """
            {"tenants": {"flood": {"spansPerSecond": 1, "burstSeconds": 40, "queriesPerSecond": 0.025}}}""";
    private static final int SPANS_PER_REQUEST = 20;
    private static final int REQUESTS = 6;

    @TempDir
    static Path dataDir;
    static SkeinLocal skein;
    static PrintStream console;
    /** What the functions print while this test runs: the ingest log lines count refusals. */
    static final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    static final Map<String, String> keys = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        console = System.out;
        // The functions take System.out when they are built, so the copy is in place before the start.
        System.setOut(new PrintStream(new Tee(console, logged), true, StandardCharsets.UTF_8));
        skein = LocalSkein.start(dataDir, o -> o.withQuotas(QuotaPolicy.parse(QUOTAS)));
        for (String tenant : List.of("flood", "calm")) {
            keys.put(tenant, skein.keys().create(tenant, EnumSet.allOf(Scope.class), "").key().token());
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (skein != null) skein.close();
        } finally {
            System.setOut(console);
        }
    }

    @Test
    void aTenantOverItsSpanRateGets429WhileAnotherTenantIsAllAccepted() throws Exception {
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> calm = new ArrayList<>();
        List<RawHttp.Answer> refusals = new ArrayList<>();
        // Interleaved, so both tenants send in the same moments.
        for (int i = 0; i < REQUESTS; i++) {
            String floodTrace = AuthIT.newTraceId();
            RawHttp.Answer f = send("flood", floodTrace);
            if (f.status() == 200) {
                accepted.add(floodTrace);
            } else {
                assertThat(f.status()).as(f.body()).isEqualTo(429);
                refused.add(floodTrace);
                refusals.add(f);
            }
            String calmTrace = AuthIT.newTraceId();
            RawHttp.Answer c = send("calm", calmTrace);
            assertThat(c.status()).as("calm's request %d: %s", i, c.body()).isEqualTo(200);
            calm.add(calmTrace);
        }
        assertThat(accepted).hasSize(2);
        assertThat(refused).hasSize(REQUESTS - 2);
        for (RawHttp.Answer r : refusals) {
            assertThat(Long.parseLong(r.header("retry-after"))).isBetween(1L, 20L);
            assertThat(r.body()).contains("spans per second quota");
        }

        for (String t : accepted) awaitStored("flood", t);
        for (String t : calm) awaitStored("calm", t);
        for (String t : refused) {
            assertThat(skein.traceReader().trace(AuthIT.key("flood", t))).as("refused trace " + t).isEmpty();
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        long countedLines = log.lines().filter(l -> l.contains("\"tenant\":\"flood\"") && l.contains("\"status\":429")
                && l.contains("\"refused\":" + SPANS_PER_REQUEST) && l.contains("\"refusedReason\":\"spans_per_second\"")).count();
        assertThat(countedLines).as("one counted refusal per refused request").isEqualTo(refused.size());
        assertThat(log.lines().filter(l -> l.contains("\"tenant\":\"calm\"") && l.contains("\"refused\""))).isEmpty();
    }

    @Test
    void aTenantOverItsQueryRateGets429WhileAnotherTenantIsAnswered() throws Exception {
        String url = "http://127.0.0.1:" + skein.apiPort() + "/zipkin/api/v2/services";
        RawHttp.Answer first = RawHttp.get(url, RawHttp.bearer(keys.get("flood")));
        RawHttp.Answer second = RawHttp.get(url, RawHttp.bearer(keys.get("flood")));
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
        assertThat(Long.parseLong(second.header("retry-after"))).isBetween(1L, 40L);
        for (int i = 0; i < 5; i++) {
            assertThat(RawHttp.get(url, RawHttp.bearer(keys.get("calm"))).status()).isEqualTo(200);
        }
    }

    private static RawHttp.Answer send(String tenant, String traceId) throws Exception {
        Map<String, String> headers = new HashMap<>(RawHttp.bearer(keys.get(tenant)));
        headers.put("content-type", "application/json");
        return RawHttp.send("POST", LocalSkein.otlpTracesUrl(skein), headers,
                OtlpJson.trace(traceId, tenant + "-web", tenant + "-api", "GET /", SPANS_PER_REQUEST, AuthIT.nowNanos()));
    }

    private static void awaitStored(String tenant, String traceId) throws InterruptedException {
        Eventually.until(tenant + "'s trace " + traceId, () -> skein.traceReader().trace(AuthIT.key(tenant, traceId)),
                t -> t.isPresent() && t.get().spans().size() == SPANS_PER_REQUEST, () -> LocalSkein.progress(skein));
    }

    /** Writes to both. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            synchronized (b) {
                b.write(bytes, off, len);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
        }
    }
}
