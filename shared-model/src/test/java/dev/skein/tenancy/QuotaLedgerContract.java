package dev.skein.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.storage.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link QuotaLedger} must do, and what {@link QuotaGate} makes of it when several
 * instances (function instances) share one ledger; run on the in-memory ledger and on DynamoDB.
 * Each test uses tenants of its own, so an implementation may share one table between tests.
 * Time is a {@link MovableClock}: the gates' arithmetic never depends on how fast the test runs.
 */
public abstract class QuotaLedgerContract {
    private static final long AT = 1_795_000_000_123L;
    private static final int THREADS = 4;

    protected QuotaLedger ledger;
    protected String tenant;
    protected String otherTenant;
    private ExecutorService threads;

    /** The implementation under test; may be shared by the tests of a class. */
    protected abstract QuotaLedger newLedger();

    @BeforeEach
    void wire() {
        ledger = newLedger();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        tenant = "team-" + unique;
        otherTenant = tenant + ".eu";
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(1, TimeUnit.MINUTES);
    }

    @Test
    void read_whenNeverWritten_isEmpty() {
        assertThat(ledger.read(tenant, "ingest")).isEmpty();
    }

    @Test
    void write_firstAtVersionZero_storesVersionOneWithLevelsAndTime() {
        Map<String, Double> levels = Map.of("spans_per_second", 19_990.5, "bytes_per_second", 2.0E7);

        assertThat(ledger.write(tenant, "ingest", levels, AT, 0)).isTrue();

        QuotaLedger.Entry entry = ledger.read(tenant, "ingest").orElseThrow();
        assertThat(entry).isEqualTo(new QuotaLedger.Entry(levels, AT, 1));
    }

    @Test
    void write_keepsLevelsExactly_fractionsDebtAndZero() {
        Map<String, Double> levels = Map.of("a", 0.1 + 0.2, "b", -1_234_567.890625, "c", 0.0, "d", 1.0E-9,
                "e", 4.9E15 + 0.5);

        ledger.write(tenant, "ingest", levels, AT, 0);

        assertThat(ledger.read(tenant, "ingest").orElseThrow().levels()).isEqualTo(levels);
    }

    @Test
    void write_atTheReadVersion_replacesTheEntry() {
        ledger.write(tenant, "query", Map.of("queries_per_second", 49.0), AT, 0);

        assertThat(ledger.write(tenant, "query", Map.of("queries_per_second", 48.0), AT + 10, 1)).isTrue();

        assertThat(ledger.read(tenant, "query")).contains(new QuotaLedger.Entry(Map.of("queries_per_second", 48.0),
                AT + 10, 2));
    }

    @Test
    void write_atAStaleVersion_returnsFalseAndKeepsTheEntry() {
        ledger.write(tenant, "query", Map.of("queries_per_second", 49.0), AT, 0);
        ledger.write(tenant, "query", Map.of("queries_per_second", 48.0), AT + 10, 1);
        QuotaLedger.Entry kept = ledger.read(tenant, "query").orElseThrow();

        assertThat(ledger.write(tenant, "query", Map.of("queries_per_second", 1.0), AT + 20, 1)).isFalse();
        assertThat(ledger.write(tenant, "query", Map.of("queries_per_second", 1.0), AT + 20, 0)).isFalse();
        assertThat(ledger.write(tenant, "query", Map.of("queries_per_second", 1.0), AT + 20, 7)).isFalse();

        assertThat(ledger.read(tenant, "query")).contains(kept);
    }

    @Test
    void write_atAVersionThatWasNeverWritten_returnsFalse() {
        assertThat(ledger.write(tenant, "query", Map.of("queries_per_second", 1.0), AT, 3)).isFalse();

        assertThat(ledger.read(tenant, "query")).isEmpty();
    }

    @Test
    void twoWritersAtTheSameVersion_exactlyOneWins() {
        ledger.write(tenant, "ingest", Map.of("spans_per_second", 100.0), AT, 0);
        long read = ledger.read(tenant, "ingest").orElseThrow().version();

        boolean first = ledger.write(tenant, "ingest", Map.of("spans_per_second", 90.0), AT + 1, read);
        boolean second = ledger.write(tenant, "ingest", Map.of("spans_per_second", 80.0), AT + 1, read);

        assertThat(List.of(first, second)).containsExactly(true, false);
        assertThat(ledger.read(tenant, "ingest").orElseThrow().levels()).containsEntry("spans_per_second", 90.0);
    }

    @Test
    void writersOnThreads_atTheSameVersion_exactlyOneWins() throws Exception {
        ledger.write(tenant, "ingest", Map.of("spans_per_second", 100.0), AT, 0);
        for (long version : new long[] {0, 1}) { // creating the bucket, and replacing it
            String bucket = version == 0 ? "fresh" : "ingest";
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> writes = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                double level = i;
                writes.add(threads.submit(() -> {
                    start.await();
                    return ledger.write(tenant, bucket, Map.of("spans_per_second", level), AT + 1, version);
                }));
            }
            start.countDown();

            assertThat(results(writes)).filteredOn(won -> won).hasSize(1);
            assertThat(ledger.read(tenant, bucket).orElseThrow().version()).isEqualTo(version + 1);
        }
    }

    /** Read-modify-write loops on threads: every increment lands once, none is lost. */
    @Test
    void optimisticIncrementsOnThreads_loseNoUpdate() throws Exception {
        int perThread = 10;
        List<Future<Boolean>> loops = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            loops.add(threads.submit(() -> {
                for (int done = 0; done < perThread; ) {
                    Optional<QuotaLedger.Entry> entry = ledger.read(tenant, "ingest");
                    double count = entry.map(e -> e.levels().get("count")).orElse(0.0);
                    long version = entry.map(QuotaLedger.Entry::version).orElse(0L);
                    if (ledger.write(tenant, "ingest", Map.of("count", count + 1), AT, version)) done++;
                }
                return true;
            }));
        }
        results(loops);

        QuotaLedger.Entry entry = ledger.read(tenant, "ingest").orElseThrow();
        assertThat(entry.levels().get("count")).isEqualTo(THREADS * perThread);
        assertThat(entry.version()).isEqualTo(THREADS * perThread);
    }

    @Test
    void entries_ofTenantsAndBuckets_stayApart() {
        ledger.write(tenant, "ingest", Map.of("spans_per_second", 1.0), AT, 0);

        assertThat(ledger.read(tenant, "query")).isEmpty();
        assertThat(ledger.read(otherTenant, "ingest")).isEmpty();
        assertThat(ledger.write(otherTenant, "ingest", Map.of("spans_per_second", 2.0), AT, 0)).isTrue();
        assertThat(ledger.read(tenant, "ingest").orElseThrow().levels()).containsEntry("spans_per_second", 1.0);
    }

    // ---- QuotaGate over this ledger: two gates stand for two function instances

    /** 100 spans per second with a burst of 2 s: a full bucket holds 200 spans, 20 requests of 10. */
    private static QuotaPolicy smallPolicy() {
        return QuotaPolicy.parse("{\"default\":{\"spansPerSecond\":100,\"bytesPerSecond\":1000000,"
                + "\"queriesPerSecond\":5,\"burstSeconds\":2}}");
    }

    @Test
    void twoGatesSharingTheLedger_togetherAdmitWhatTheBucketHolds_andRefillWithTime() {
        MovableClock clock = new MovableClock(Instant.ofEpochMilli(AT));
        List<QuotaGate> gates = List.of(new QuotaGate(ledger, smallPolicy(), clock),
                new QuotaGate(ledger, smallPolicy(), clock));

        assertThat(admitUntilBothRefuse(gates, tenant)).isEqualTo(20);
        QuotaGate.Admission refused = gates.get(0).admitSpans(tenant, 10, 100);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.reason()).isEqualTo("spans_per_second");
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);

        // Another tenant's bucket is its own.
        assertThat(admitUntilBothRefuse(gates, otherTenant)).isEqualTo(20);

        // A second refills 100 spans: ten more requests between the two gates.
        clock.advance(Duration.ofSeconds(1));
        assertThat(admitUntilBothRefuse(gates, tenant)).isEqualTo(10);
    }

    /** Alternates between the gates until both refuse; every admission must be metered. */
    private static int admitUntilBothRefuse(List<QuotaGate> gates, String tenant) {
        int admitted = 0;
        boolean[] refusing = new boolean[gates.size()];
        for (int i = 0; !(refusing[0] && refusing[1]); i++) {
            if (i > 1_000) throw new AssertionError("the gates never refused");
            int g = i % gates.size();
            QuotaGate.Admission a = gates.get(g).admitSpans(tenant, 10, 100);
            if (a.admitted()) {
                assertThat(a.metered()).as("admission %d metered", i).isTrue();
                admitted++;
            } else {
                refusing[g] = true;
            }
        }
        return admitted;
    }

    @Test
    void gatesOnThreads_sharingTheLedger_spendTheBucketExactlyOnce() throws Exception {
        MovableClock clock = new MovableClock(Instant.ofEpochMilli(AT));
        List<Future<int[]>> instances = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < THREADS; t++) {
            QuotaGate gate = new QuotaGate(ledger, smallPolicy(), clock);
            instances.add(threads.submit(() -> {
                start.await();
                int metered = 0;
                int unmetered = 0;
                for (QuotaGate.Admission a = gate.admitQuery(tenant); a.admitted(); a = gate.admitQuery(tenant)) {
                    if (a.metered()) metered++;
                    else unmetered++;
                }
                return new int[] {metered, unmetered};
            }));
        }
        start.countDown();

        int metered = 0;
        for (int[] counts : results(instances)) metered += counts[0];
        // 5 queries per second with a burst of 2 s: 10 in the bucket. Unmetered admissions (a gate
        // that lost the race MAX_ATTEMPTS times) spend nothing, so they do not change the count.
        assertThat(metered).isEqualTo(10);
        assertThat(new QuotaGate(ledger, smallPolicy(), clock).admitQuery(otherTenant).metered()).isTrue();
    }

    private static <T> List<T> results(List<Future<T>> futures) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) results.add(f.get(2, TimeUnit.MINUTES));
        return results;
    }
}
