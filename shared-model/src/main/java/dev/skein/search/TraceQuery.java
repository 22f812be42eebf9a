package dev.skein.search;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A trace search. A trace answers when it overlaps the time range and has a span of {@code
 * service} (any service when null) named {@code operation} whose duration lies in [{@code
 * minDurationNanos}, {@code maxDurationNanos}] (both inclusive; zero means unbounded), and
 * {@code service}'s spans (or its resource) carry every attribute in {@code tags}, every key or
 * event name in {@code keys}, and {@code remoteService} as a {@code peer.service}. The key
 * {@code error} is met by a span whose status is ERROR; the tag {@code error=v} by an ERROR span
 * whose status message is {@code v}, or an attribute {@code error} valued {@code v} (Zipkin's
 * {@code error} tag becomes the status at ingest). Conditions are AND-ed; several spans of the
 * service may meet different ones, as in Zipkin and Jaeger.
 *
 * <p>With {@code ignoreNameCase} service, operation and remote service names match regardless of
 * case, which is Zipkin's meaning (Zipkin lower-cases names when it stores them).
 *
 * @param tags attribute key → value; a value compares with the attribute rendered as a string
 * @param keys attribute keys or event (annotation) names that must be present, any value
 * @param limit traces, not spans: the most recent (by start) this many
 */
public record TraceQuery(
        String tenant,
        String service,
        String operation,
        String remoteService,
        Map<String, String> tags,
        Set<String> keys,
        long minDurationNanos,
        long maxDurationNanos,
        long startNanos,
        long endNanos,
        boolean errorsOnly,
        boolean ignoreNameCase,
        int limit) {

    public static final int MAX_LIMIT = 1000;

    public TraceQuery {
        Objects.requireNonNull(tenant, "tenant");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        keys = keys == null ? Set.of() : Set.copyOf(keys);
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("search end is before its start");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("search limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (minDurationNanos < 0 || maxDurationNanos < 0) {
            throw new IllegalArgumentException("durations cannot be negative");
        }
        if (maxDurationNanos > 0 && maxDurationNanos < minDurationNanos) {
            throw new IllegalArgumentException("maximum duration is below the minimum");
        }
    }

    public static TraceQuery recent(String tenant, long startNanos, long endNanos, int limit) {
        return new TraceQuery(tenant, null, null, null, Map.of(), Set.of(), 0, 0, startNanos, endNanos,
                false, false, limit);
    }

    public TraceQuery withService(String service) {
        return new TraceQuery(tenant, service, operation, remoteService, tags, keys, minDurationNanos,
                maxDurationNanos, startNanos, endNanos, errorsOnly, ignoreNameCase, limit);
    }

    public TraceQuery withOperation(String operation) {
        return new TraceQuery(tenant, service, operation, remoteService, tags, keys, minDurationNanos,
                maxDurationNanos, startNanos, endNanos, errorsOnly, ignoreNameCase, limit);
    }

    public TraceQuery withRemoteService(String remoteService) {
        return new TraceQuery(tenant, service, operation, remoteService, tags, keys, minDurationNanos,
                maxDurationNanos, startNanos, endNanos, errorsOnly, ignoreNameCase, limit);
    }

    public TraceQuery withTags(Map<String, String> tags) {
        return new TraceQuery(tenant, service, operation, remoteService, tags, keys, minDurationNanos,
                maxDurationNanos, startNanos, endNanos, errorsOnly, ignoreNameCase, limit);
    }

    public TraceQuery withKeys(Set<String> keys) {
        return new TraceQuery(tenant, service, operation, remoteService, tags, keys, minDurationNanos,
                maxDurationNanos, startNanos, endNanos, errorsOnly, ignoreNameCase, limit);
    }

    public TraceQuery withDuration(long minNanos, long maxNanos) {
        return new TraceQuery(tenant, service, operation, remoteService, tags, keys, minNanos, maxNanos,
                startNanos, endNanos, errorsOnly, ignoreNameCase, limit);
    }

    public TraceQuery withErrorsOnly() {
        return new TraceQuery(tenant, service, operation, remoteService, tags, keys, minDurationNanos,
                maxDurationNanos, startNanos, endNanos, true, ignoreNameCase, limit);
    }

    public TraceQuery withWindow(long startNanos, long endNanos) {
        return new TraceQuery(tenant, service, operation, remoteService, tags, keys, minDurationNanos,
                maxDurationNanos, startNanos, endNanos, errorsOnly, ignoreNameCase, limit);
    }

    public TraceQuery withLimit(int limit) {
        return new TraceQuery(tenant, service, operation, remoteService, tags, keys, minDurationNanos,
                maxDurationNanos, startNanos, endNanos, errorsOnly, ignoreNameCase, limit);
    }

    /** Zipkin's name matching: service, operation and remote service regardless of case. */
    public TraceQuery ignoringNameCase() {
        return new TraceQuery(tenant, service, operation, remoteService, tags, keys, minDurationNanos,
                maxDurationNanos, startNanos, endNanos, errorsOnly, true, limit);
    }
}
