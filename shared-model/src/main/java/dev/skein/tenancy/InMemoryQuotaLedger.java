package dev.skein.tenancy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Buckets in memory: for tests and single-process hosts. */
public final class InMemoryQuotaLedger implements QuotaLedger {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> read(String tenant, String bucket) {
        return Optional.ofNullable(entries.get(tenant + "\n" + bucket));
    }

    @Override
    public boolean write(String tenant, String bucket, Map<String, Double> levels, long atMillis, long expectedVersion) {
        Entry next = new Entry(levels, atMillis, expectedVersion + 1);
        boolean[] written = {false};
        entries.compute(tenant + "\n" + bucket, (k, current) -> {
            long version = current == null ? 0 : current.version();
            if (version != expectedVersion) return current;
            written[0] = true;
            return next;
        });
        return written[0];
    }
}
