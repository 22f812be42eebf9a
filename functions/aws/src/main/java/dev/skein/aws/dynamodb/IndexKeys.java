package dev.skein.aws.dynamodb;

import dev.skein.model.Hex;
import dev.skein.model.Tenants;
import dev.skein.storage.TraceKey;

/**
 * The partition and sort keys of the index table (see docs/storage.md, "The index table").
 * Every partition key starts with an item-kind letter and the tenant, so no key of one tenant
 * can equal a key of another, and no query crosses tenants.
 */
final class IndexKeys {
    static final String PARTITION_KEY = "pk";
    static final String SORT_KEY = "sk";
    /** Hex digits of one half of a trace ID. */
    static final int HALF_DIGITS = 16;
    private static final String POINTER_KIND = "P#";
    private static final String SUMMARY_KIND = "S";
    static final int MINUTE_DIGITS = 10;

    private IndexKeys() {
    }

    /**
     * The tenant is the one free-form part in front of other parts, so it must not contain the
     * separator (with tenant {@code a#b}, {@code O#a#b#c} would also be tenant {@code a}'s): only
     * what {@link Tenants} allows, which has no {@code #}.
     *
     * @throws IllegalArgumentException for a tenant ID Skein does not issue
     */
    static String requireTenant(String tenant) {
        if (!Tenants.isValid(tenant)) {
            throw new IllegalArgumentException("not a valid tenant ID: " + tenant);
        }
        return tenant;
    }

    /** The partition of a trace's pointers and summary: that of its ID's low half. */
    static String trace(TraceKey trace) {
        return traces(trace.tenant(), trace.traceId().low());
    }

    /**
     * {@code T#{tenant}#{low half, 16 hex}}: the pointers and summaries of every trace of the
     * tenant whose ID ends in {@code lowHalf}, a 64-bit ID (high half zero) among them. This is
     * how a 64-bit ID finds the 128-bit traces it was cut from, without a write of its own.
     */
    static String traces(String tenant, long lowHalf) {
        return "T#" + requireTenant(tenant) + "#" + Hex.spanIdToHex(lowHalf);
    }

    /** {@code {high half, 16 hex}#}: what every sort key of one trace in its partition starts with. */
    static String traceSortPrefix(long highHalf) {
        return Hex.spanIdToHex(highHalf) + "#";
    }

    /**
     * {@code {high half}#P#{objectKey}#{offset}}: unique per chunk, the same when a batch is
     * retried.
     */
    static String pointer(long highHalf, String objectKey, long offset) {
        return traceSortPrefix(highHalf) + POINTER_KIND + objectKey + "#" + offset;
    }

    /** {@code {high half}#S}. */
    static String summary(long highHalf) {
        return traceSortPrefix(highHalf) + SUMMARY_KIND;
    }

    static boolean isPointer(String sortKey) {
        return hasKind(sortKey, POINTER_KIND);
    }

    static boolean isSummary(String sortKey) {
        return hasKind(sortKey, SUMMARY_KIND) && sortKey.length() == HALF_DIGITS + 1 + SUMMARY_KIND.length();
    }

    private static boolean hasKind(String sortKey, String kind) {
        return sortKey.length() > HALF_DIGITS && sortKey.charAt(HALF_DIGITS) == '#'
                && sortKey.startsWith(kind, HALF_DIGITS + 1);
    }

    /** The high half of the trace ID a pointer or summary sort key belongs to. */
    static long highHalf(String sortKey) {
        return Hex.parseSpanId(sortKey.substring(0, HALF_DIGITS));
    }

    /** {@code Q#{tenant}#{hourEpoch}#{shard}#{service}}; service may be empty (any service). */
    static String searchRefs(String tenant, long hourEpoch, int shard, String service) {
        return "Q#" + requireTenant(tenant) + "#" + hourEpoch + "#" + shard + "#" + service;
    }

    /** {@code C#{tenant}}: the tenant's services. */
    static String services(String tenant) {
        return "C#" + requireTenant(tenant);
    }

    /** {@code S#{service}}. */
    static String service(String service) {
        return "S#" + service;
    }

    /** {@code O#{tenant}#{service}}: the operations of one service. */
    static String operations(String tenant, String service) {
        return "O#" + requireTenant(tenant) + "#" + service;
    }

    /** {@code {spanKind}#{operation}}; an absent kind is empty. */
    static String operation(String spanKind, String operation) {
        return (spanKind == null ? "" : spanKind) + "#" + operation;
    }

    /**
     * {@code R#{tenant}#{service}}: the remote services one service called, each item's sort key
     * a remote name.
     */
    static String remoteServices(String tenant, String service) {
        return "R#" + requireTenant(tenant) + "#" + service;
    }

    /** {@code V#{tenant}#{key}}: the values of one autocomplete key, each item's sort key a value. */
    static String attributeValues(String tenant, String key) {
        return "V#" + requireTenant(tenant) + "#" + key;
    }

    /** {@code K#{tenant}}: the tenant's API keys, each item's sort key a key ID. */
    static String apiKeys(String tenant) {
        return "K#" + requireTenant(tenant);
    }

    /**
     * {@code L#{tenant}}: the tenant's quota buckets (limits), each item's sort key a bucket name.
     * A letter of their own, so an IAM grant on {@code L#*} reaches quota state and nothing else.
     */
    static String quotaBuckets(String tenant) {
        return "L#" + requireTenant(tenant);
    }

    /** {@code G#{tenant}#{hourEpoch}}: the edges of one hour. */
    static String edges(String tenant, long hourEpoch) {
        return "G#" + requireTenant(tenant) + "#" + hourEpoch;
    }

    /**
     * {@code {minute, 10 digits}#{parent length}:{parent}{child}}. The fixed-width minute makes
     * the string order the time order, so a minute range is one BETWEEN; the length prefix keeps
     * (ab, c) and (a, bc) apart without escaping.
     */
    static String edge(long minuteEpoch, String parent, String child) {
        return minute(minuteEpoch) + "#" + parent.length() + ":" + parent + child;
    }

    /**
     * The minute as the edge sort keys start: every edge key of minute m sorts after {@code
     * minute(m)} and before {@code minute(m + 1)}, which is a prefix of none of them.
     */
    static String minute(long minuteEpoch) {
        if (minuteEpoch < 0 || minuteEpoch >= 10_000_000_000L) {
            throw new IllegalArgumentException("minute out of range: " + minuteEpoch);
        }
        String digits = Long.toString(minuteEpoch);
        return "0".repeat(MINUTE_DIGITS - digits.length()) + digits;
    }

    /** The hour partition of an edge minute. */
    static long hourOfMinute(long minuteEpoch) {
        return Math.floorDiv(minuteEpoch, 60);
    }
}
