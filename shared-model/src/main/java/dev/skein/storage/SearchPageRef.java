package dev.skein.storage;

import java.util.Objects;

/**
 * Lists one search page (a compact row per trace of one assembler batch, in the archive) under
 * one (tenant, service, hour) key. {@code service} is {@link #ANY_SERVICE} for the entry that
 * lists the page for searches without a service. {@code hourEpoch} is the hour (epoch hours) of
 * the traces' start times this page holds; {@code shard} spreads one busy service's entries over
 * several partitions. {@code sortKey} orders entries newest first and is unique per page.
 */
public record SearchPageRef(
        String tenant,
        String service,
        long hourEpoch,
        int shard,
        String sortKey,
        String pageKey,
        int traceCount,
        long minStartNanos,
        long maxEndNanos,
        long expiresAtEpochSeconds) {

    public static final String ANY_SERVICE = "";

    public SearchPageRef {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(sortKey, "sortKey");
        Objects.requireNonNull(pageKey, "pageKey");
    }
}
