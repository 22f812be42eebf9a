package dev.skein.tenancy;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant rate limits, as token buckets kept in a {@link QuotaLedger} that every instance
 * shares. A request spends tokens from each of its bucket's dimensions at once, or from none.
 *
 * <p>A request larger than a bucket holds (more spans than the burst) is let in when the bucket
 * is full and leaves it in debt, so big batches pass at the average rate instead of never.
 *
 * <p>The machinery never costs a tenant data: when the ledger is unavailable, or other instances
 * keep winning the race for the same bucket, the request is let in unmetered and says so.
 */
public final class QuotaGate {
    /** The bucket names in the ledger. */
    public static final String INGEST_BUCKET = "ingest";
    public static final String QUERY_BUCKET = "query";
    static final int MAX_ATTEMPTS = 8;

    /** The outcome for one request. {@code reason} names the exhausted dimension when refused. */
    public record Admission(boolean admitted, long retryAfterSeconds, String reason, boolean metered) {
        static final Admission METERED = new Admission(true, 0, "", true);
        static final Admission UNMETERED = new Admission(true, 0, "", false);
    }

    private record Dimension(String name, double rate, double demand, double capacity) {}

    private final QuotaLedger ledger;
    private final QuotaPolicy policy;
    private final Clock clock;
    /** Refusals remembered per instance, so a tenant that keeps sending over quota costs no ledger reads. */
    private final Map<String, Refusal> refusedUntil = new ConcurrentHashMap<>();

    private record Refusal(long untilMillis, String reason) {}

    public QuotaGate(QuotaLedger ledger, QuotaPolicy policy, Clock clock) {
        this.ledger = ledger;
        this.policy = policy;
        this.clock = clock;
    }

    /** @param bytes the request body after decompression */
    public Admission admitSpans(String tenant, long spans, long bytes) {
        TenantQuota q = policy.forTenant(tenant);
        return admit(tenant, INGEST_BUCKET,
                new Dimension("spans_per_second", q.spansPerSecond(), spans, q.spansPerSecond() * q.burstSeconds()),
                new Dimension("bytes_per_second", q.bytesPerSecond(), bytes, q.bytesPerSecond() * q.burstSeconds()));
    }

    public Admission admitQuery(String tenant) {
        TenantQuota q = policy.forTenant(tenant);
        return admit(tenant, QUERY_BUCKET,
                new Dimension("queries_per_second", q.queriesPerSecond(), 1, q.queriesPerSecond() * q.burstSeconds()));
    }

    private Admission admit(String tenant, String bucket, Dimension... dimensions) {
        long now = clock.millis();
        String memoKey = tenant + "\n" + bucket;
        Refusal memo = refusedUntil.get(memoKey);
        if (memo != null) {
            if (now < memo.untilMillis()) return refused(memo.untilMillis() - now, memo.reason());
            refusedUntil.remove(memoKey, memo);
        }
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Optional<QuotaLedger.Entry> entry = ledger.read(tenant, bucket);
                double elapsed = entry.map(e -> Math.max(0, now - e.atMillis()) / 1000.0).orElse(0.0);
                Map<String, Double> next = new LinkedHashMap<>();
                long waitMillis = 0;
                String reason = "";
                for (Dimension d : dimensions) {
                    double level = entry.map(e -> e.levels().getOrDefault(d.name(), d.capacity())).orElse(d.capacity());
                    level = Math.min(d.capacity(), level + d.rate() * elapsed);
                    double needed = Math.min(d.demand(), d.capacity());
                    if (level < needed) {
                        long wait = (long) Math.ceil((needed - level) / d.rate() * 1000);
                        if (wait > waitMillis) {
                            waitMillis = wait;
                            reason = d.name();
                        }
                    }
                    next.put(d.name(), level - d.demand());
                }
                if (waitMillis > 0) {
                    refusedUntil.put(memoKey, new Refusal(now + waitMillis, reason));
                    return refused(waitMillis, reason);
                }
                // Never back in time: an instance whose clock lags must not refill tokens twice.
                long at = Math.max(now, entry.map(QuotaLedger.Entry::atMillis).orElse(now));
                if (ledger.write(tenant, bucket, next, at, entry.map(QuotaLedger.Entry::version).orElse(0L))) {
                    return Admission.METERED;
                }
            }
            return Admission.UNMETERED;
        } catch (QuotaLedger.UnavailableException e) {
            return Admission.UNMETERED;
        }
    }

    /** Retry-After is whole seconds, rounded up, and never 0 (which would invite an instant retry). */
    private static Admission refused(long waitMillis, String reason) {
        return new Admission(false, Math.max(1, (waitMillis + 999) / 1000), reason, true);
    }

    /** For tests and logs: how many tenants this instance is currently refusing without a read. */
    int remembered() {
        return new HashMap<>(refusedUntil).size();
    }
}
