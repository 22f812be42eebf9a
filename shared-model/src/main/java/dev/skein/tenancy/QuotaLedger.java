package dev.skein.tenancy;

import java.util.Map;
import java.util.Optional;

/**
 * Where every instance of a function keeps a tenant's token buckets, so a quota holds across
 * all of them and not per instance. Writes are conditional on the version read: two instances
 * that spend the same tokens cannot both succeed.
 */
public interface QuotaLedger {
    /**
     * A bucket's levels (tokens per dimension) at {@code atMillis}.
     *
     * @param version 0 for a bucket never written
     */
    record Entry(Map<String, Double> levels, long atMillis, long version) {
        public Entry {
            levels = Map.copyOf(levels);
        }
    }

    /** The bucket's last written state; empty when it was never written (or has expired): a full bucket. */
    Optional<Entry> read(String tenant, String bucket);

    /**
     * Writes {@code levels} as version {@code expectedVersion + 1}.
     *
     * @return false when the bucket is no longer at {@code expectedVersion}: someone spent first
     */
    boolean write(String tenant, String bucket, Map<String, Double> levels, long atMillis, long expectedVersion);

    /** The ledger could not be read or written; the quota cannot be checked right now. */
    final class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
