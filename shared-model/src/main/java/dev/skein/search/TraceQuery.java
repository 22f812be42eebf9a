package dev.skein.search;

import java.util.Map;
import java.util.Objects;

/**
 * A trace search. Service, operation, duration and attributes follow Jaeger's meaning: the
 * trace has a span of {@code service} named {@code operation} whose duration is in range, and
 * {@code service}'s spans (or its resource) carry every attribute in {@code tags}. The time
 * range selects traces that overlap it. Null or zero means "any".
 *
 * @param tags attribute key → value; a value compares with the attribute rendered as a string
 */
public record TraceQuery(
        String tenant,
        String service,
        String operation,
        Map<String, String> tags,
        long minDurationNanos,
        long maxDurationNanos,
        long startNanos,
        long endNanos,
        boolean errorsOnly,
        int limit) {

    public static final int MAX_LIMIT = 1000;

    public TraceQuery {
        Objects.requireNonNull(tenant, "tenant");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("search end is before its start");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("search limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (maxDurationNanos > 0 && maxDurationNanos < minDurationNanos) {
            throw new IllegalArgumentException("maximum duration is below the minimum");
        }
        if (operation != null && service == null) {
            throw new IllegalArgumentException("an operation needs a service");
        }
    }

    public static TraceQuery recent(String tenant, long startNanos, long endNanos, int limit) {
        return new TraceQuery(tenant, null, null, Map.of(), 0, 0, startNanos, endNanos, false, limit);
    }

    public TraceQuery withService(String service) {
        return new TraceQuery(tenant, service, operation, tags, minDurationNanos, maxDurationNanos,
                startNanos, endNanos, errorsOnly, limit);
    }

    public TraceQuery withOperation(String operation) {
        return new TraceQuery(tenant, service, operation, tags, minDurationNanos, maxDurationNanos,
                startNanos, endNanos, errorsOnly, limit);
    }

    public TraceQuery withTags(Map<String, String> tags) {
        return new TraceQuery(tenant, service, operation, tags, minDurationNanos, maxDurationNanos,
                startNanos, endNanos, errorsOnly, limit);
    }

    public TraceQuery withDuration(long minNanos, long maxNanos) {
        return new TraceQuery(tenant, service, operation, tags, minNanos, maxNanos,
                startNanos, endNanos, errorsOnly, limit);
    }

    public TraceQuery withErrorsOnly() {
        return new TraceQuery(tenant, service, operation, tags, minDurationNanos, maxDurationNanos,
                startNanos, endNanos, true, limit);
    }
}
