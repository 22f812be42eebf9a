package dev.skein.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.storage.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QuotaGateTest {
    /** Large enough never to be what runs out, where a test is about another dimension. */
    private static final double PLENTY = 1e12;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ScriptedLedger ledger = new ScriptedLedger(new InMemoryQuotaLedger());

    /** A ledger that counts what the gate asks of it, and can be made unavailable or always outrun. */
    private static final class ScriptedLedger implements QuotaLedger {
        private final QuotaLedger ledger;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        volatile boolean unavailableOnRead;
        volatile boolean unavailableOnWrite;
        /** How many writes to come fail as if another instance had written first; negative: all of them. */
        volatile int conflicts;

        ScriptedLedger(QuotaLedger ledger) {
            this.ledger = ledger;
        }

        @Override
        public Optional<Entry> read(String tenant, String bucket) {
            reads.incrementAndGet();
            if (unavailableOnRead) throw new UnavailableException("throttled", null);
            return ledger.read(tenant, bucket);
        }

        @Override
        public boolean write(String tenant, String bucket, Map<String, Double> levels, long atMillis, long expectedVersion) {
            writes.incrementAndGet();
            if (unavailableOnWrite) throw new UnavailableException("throttled", null);
            if (conflicts != 0) {
                if (conflicts > 0) conflicts--;
                return false;
            }
            return ledger.write(tenant, bucket, levels, atMillis, expectedVersion);
        }
    }

    private QuotaGate gate(TenantQuota quota) {
        return new QuotaGate(ledger, new QuotaPolicy(quota, Map.of()), clock);
    }

    private static TenantQuota queries(double perSecond, double burstSeconds) {
        return new TenantQuota(PLENTY, PLENTY, perSecond, burstSeconds);
    }

    private static TenantQuota spans(double perSecond, double burstSeconds) {
        return new TenantQuota(perSecond, PLENTY, PLENTY, burstSeconds);
    }

    private void admitQueries(QuotaGate gate, String tenant, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(gate.admitQuery(tenant)).as("query %d", i).isEqualTo(QuotaGate.Admission.METERED);
        }
    }

    @Test
    void admitQuery_letsTheBurstThrough_thenRefusesNamingTheDimension() {
        QuotaGate gate = gate(queries(5, 2));

        admitQueries(gate, "acme", 10);
        QuotaGate.Admission refused = gate.admitQuery("acme");

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.reason()).isEqualTo("queries_per_second");
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.metered()).isTrue();
    }

    @Test
    void retryAfter_isTheTimeTheRateTakesToRefillTheRequest_inWholeSecondsRoundedUp() {
        QuotaGate gate = gate(queries(0.25, 4));
        admitQueries(gate, "acme", 1);

        assertThat(gate.admitQuery("acme").retryAfterSeconds()).isEqualTo(4);
        clock.advance(Duration.ofMillis(2_500));
        assertThat(gate.admitQuery("acme").retryAfterSeconds()).isEqualTo(2);
        clock.advance(Duration.ofMillis(1_499));
        assertThat(gate.admitQuery("acme").retryAfterSeconds()).as("1 ms left is still a second").isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(gate.admitQuery("acme").admitted()).isTrue();
    }

    @Test
    void retryAfter_isAtLeastOneSecond_evenWhenTheWaitIsAFewMilliseconds() {
        QuotaGate gate = gate(queries(3, 1));
        admitQueries(gate, "acme", 3);

        assertThat(gate.admitQuery("acme").retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofMillis(333));
        assertThat(gate.admitQuery("acme").retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(gate.admitQuery("acme").admitted()).as("a third of a second refills one query").isTrue();
    }

    @Test
    void bucket_refillsAtTheRate_upToTheBurst() {
        QuotaGate gate = gate(queries(5, 2));
        admitQueries(gate, "acme", 10);

        clock.advance(Duration.ofSeconds(1));
        admitQueries(gate, "acme", 5);
        assertThat(gate.admitQuery("acme").admitted()).isFalse();

        clock.advance(Duration.ofHours(1));
        admitQueries(gate, "acme", 10);
        assertThat(gate.admitQuery("acme").admitted()).isFalse();
    }

    @Test
    void admitSpans_refusesOnSpans_whenSpansRunOut() {
        QuotaGate gate = gate(spans(100, 1));

        assertThat(gate.admitSpans("acme", 100, 10)).isEqualTo(QuotaGate.Admission.METERED);
        QuotaGate.Admission refused = gate.admitSpans("acme", 1, 10);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.reason()).isEqualTo("spans_per_second");
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void admitSpans_refusesOnBytes_whenBytesRunOut() {
        QuotaGate gate = gate(new TenantQuota(PLENTY, 1000, PLENTY, 2));

        assertThat(gate.admitSpans("acme", 1, 2000).admitted()).isTrue();
        QuotaGate.Admission refused = gate.admitSpans("acme", 1, 1500);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.reason()).isEqualTo("bytes_per_second");
        assertThat(refused.retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void admitSpans_whenBothRunOut_namesTheOneThatTakesLongerToRefill() {
        QuotaGate gate = gate(new TenantQuota(10, 1000, PLENTY, 1));
        assertThat(gate.admitSpans("acme", 10, 1000).admitted()).isTrue();

        QuotaGate.Admission refused = gate.admitSpans("acme", 5, 100);

        assertThat(refused.reason()).isEqualTo("spans_per_second");
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void admitSpans_spendsFromEveryDimensionOrNone() {
        QuotaGate gate = gate(new TenantQuota(1, 100, PLENTY, 10));
        assertThat(gate.admitSpans("acme", 1, 1000).admitted()).isTrue();
        int writes = ledger.writes.get();
        assertThat(gate.admitSpans("acme", 5, 1).reason()).isEqualTo("bytes_per_second");
        assertThat(ledger.writes).as("a refusal writes nothing").hasValue(writes);

        clock.advance(Duration.ofSeconds(1));
        assertThat(gate.admitSpans("acme", 10, 100).admitted()).as("the refusal spent none of the 10 spans").isTrue();
    }

    @Test
    void aRequestLargerThanTheBurst_passesOnlyOnAFullBucket_andLeavesItInDebt() {
        QuotaGate gate = gate(spans(10, 1));
        assertThat(gate.admitSpans("acme", 1, 1).admitted()).isTrue();

        QuotaGate.Admission notFull = gate.admitSpans("acme", 25, 1);
        assertThat(notFull.admitted()).isFalse();
        assertThat(notFull.retryAfterSeconds()).as("a tenth of a second refills the bucket").isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(gate.admitSpans("acme", 25, 1).admitted()).isTrue();

        QuotaGate.Admission inDebt = gate.admitSpans("acme", 1, 1);
        assertThat(inDebt.admitted()).isFalse();
        assertThat(inDebt.retryAfterSeconds()).as("1.6 s to pay 15 spans of debt and refill 1").isEqualTo(2);
        clock.advance(Duration.ofSeconds(2));
        assertThat(gate.admitSpans("acme", 5, 1).admitted()).isTrue();
        assertThat(gate.admitSpans("acme", 1, 1).admitted()).isFalse();
    }

    @Test
    void aRequestLargerThanTheBurst_onAFreshBucket_passes() {
        QuotaGate gate = gate(spans(10, 1));

        assertThat(gate.admitSpans("acme", 1_000, 1).admitted()).isTrue();
        assertThat(gate.admitSpans("acme", 1, 1).retryAfterSeconds()).as("99.1 s of debt").isEqualTo(100);
    }

    @Test
    void refusal_isRemembered_soRequestsUntilRetryAfterCostNoLedgerRead() {
        QuotaGate gate = gate(queries(1, 2));
        admitQueries(gate, "acme", 2);
        assertThat(gate.admitQuery("acme").retryAfterSeconds()).isEqualTo(1);
        int reads = ledger.reads.get();

        for (int i = 0; i < 100; i++) {
            assertThat(gate.admitQuery("acme").admitted()).isFalse();
        }
        clock.advance(Duration.ofMillis(999));
        assertThat(gate.admitQuery("acme").reason()).isEqualTo("queries_per_second");
        assertThat(ledger.reads).hasValue(reads);
        assertThat(gate.remembered()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(gate.admitQuery("acme")).isEqualTo(QuotaGate.Admission.METERED);
        assertThat(ledger.reads).hasValue(reads + 1);
        assertThat(gate.remembered()).isZero();
    }

    @Test
    void tenants_haveBucketsOfTheirOwn() {
        QuotaGate gate = gate(queries(1, 2));
        admitQueries(gate, "acme", 2);
        assertThat(gate.admitQuery("acme").admitted()).isFalse();

        admitQueries(gate, "globex", 2);
        admitQueries(gate, "acme.eu", 2);
        assertThat(gate.admitQuery("globex").admitted()).isFalse();
    }

    @Test
    void tenantOverride_isHonoured_andOthersKeepTheDefault() {
        QuotaPolicy policy = QuotaPolicy.parse(
                "{\"default\":{\"queriesPerSecond\":1,\"burstSeconds\":1},\"tenants\":{\"vip\":{\"queriesPerSecond\":10}}}");
        QuotaGate gate = new QuotaGate(ledger, policy, clock);

        admitQueries(gate, "vip", 10);
        assertThat(gate.admitQuery("vip").admitted()).isFalse();
        admitQueries(gate, "acme", 1);
        assertThat(gate.admitQuery("acme").admitted()).isFalse();
    }

    @Test
    void queryAndIngest_haveSeparateBuckets() {
        QuotaGate gate = gate(new TenantQuota(10, PLENTY, 1, 1));

        assertThat(gate.admitSpans("acme", 10, 1).admitted()).isTrue();
        assertThat(gate.admitSpans("acme", 1, 1).admitted()).isFalse();
        assertThat(gate.admitQuery("acme").admitted()).as("ingest's refusal does not refuse queries").isTrue();
        assertThat(gate.admitQuery("acme").admitted()).isFalse();
    }

    @Test
    void quota_holdsAcrossInstancesSharingTheLedger() {
        QuotaGate one = gate(queries(1, 4));
        QuotaGate other = gate(queries(1, 4));

        admitQueries(one, "acme", 2);
        admitQueries(other, "acme", 2);

        assertThat(one.admitQuery("acme").admitted()).isFalse();
        assertThat(other.admitQuery("acme").admitted()).isFalse();
    }

    @Test
    void ledgerUnavailableOnRead_admitsUnmetered() {
        ledger.unavailableOnRead = true;

        QuotaGate.Admission admission = gate(queries(1, 1)).admitQuery("acme");

        assertThat(admission).isEqualTo(QuotaGate.Admission.UNMETERED);
        assertThat(admission.metered()).isFalse();
    }

    @Test
    void ledgerUnavailableOnWrite_admitsUnmetered() {
        ledger.unavailableOnWrite = true;

        assertThat(gate(spans(1, 1)).admitSpans("acme", 1, 1)).isEqualTo(QuotaGate.Admission.UNMETERED);
    }

    @Test
    void aWriteThatLosesTheRace_isRetriedOnAFreshRead() {
        ledger.conflicts = 3;

        assertThat(gate(queries(1, 1)).admitQuery("acme")).isEqualTo(QuotaGate.Admission.METERED);
        assertThat(ledger.reads).hasValue(4);
        assertThat(ledger.writes).hasValue(4);
    }

    @Test
    void writesThatAlwaysLoseTheRace_admitUnmetered_afterMaxAttempts() {
        ledger.conflicts = -1;

        assertThat(gate(queries(1, 1)).admitQuery("acme")).isEqualTo(QuotaGate.Admission.UNMETERED);
        assertThat(ledger.reads).hasValue(QuotaGate.MAX_ATTEMPTS);
        assertThat(ledger.writes).hasValue(QuotaGate.MAX_ATTEMPTS);
    }

    /**
     * Instances race for one tenant's bucket at a fixed clock: no token is spent twice. An
     * instance that keeps losing the race lets a request in unmetered, and says so.
     */
    @Test
    void concurrentInstances_neverSpendMoreThanTheBucketHolds() throws Exception {
        int capacity = 100;
        int instances = 4;
        int threadsPerInstance = 2;
        int requestsPerThread = 150;
        InMemoryQuotaLedger shared = new InMemoryQuotaLedger();
        AtomicInteger metered = new AtomicInteger();
        AtomicInteger unmetered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances * threadsPerInstance);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                QuotaGate gate = new QuotaGate(shared, new QuotaPolicy(queries(capacity / 2.0, 2), Map.of()), clock);
                for (int t = 0; t < threadsPerInstance; t++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int r = 0; r < requestsPerThread; r++) {
                            QuotaGate.Admission a = gate.admitQuery("acme");
                            (!a.admitted() ? refused : a.metered() ? metered : unmetered).incrementAndGet();
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(metered).hasValue(capacity);
        assertThat(metered.get() + unmetered.get() + refused.get()).isEqualTo(instances * threadsPerInstance * requestsPerThread);
        assertThat(shared.read("acme", QuotaGate.QUERY_BUCKET).orElseThrow().version()).isEqualTo(capacity);
        assertThat(shared.read("acme", QuotaGate.QUERY_BUCKET).orElseThrow().levels().get("queries_per_second")).isZero();
    }
}
