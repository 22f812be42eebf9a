package dev.skein.functions.query.zipkin;

import dev.skein.http.BadParameterException;
import dev.skein.http.QueryParameters;
import dev.skein.search.TraceQuery;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of Zipkin's {@code /traces} and {@code /dependencies}, read as Zipkin's
 * server reads them, into a core query. Times: {@code endTs} and {@code lookback} in epoch
 * milliseconds ({@code endTs} defaults to now, {@code lookback} to one day, Zipkin's default);
 * durations in microseconds. Every error names its parameter.
 */
final class ZipkinParameters {
    /** Zipkin server's default {@code lookback}: one day. */
    static final long DEFAULT_LOOKBACK_MILLIS = 86_400_000L;
    /** Zipkin's default number of traces a search answers. */
    static final int DEFAULT_LIMIT = 10;
    /** The latest {@code endTs} whose nanoseconds fit a long (the year 2262). */
    static final long MAX_END_MILLIS = Long.MAX_VALUE / 1_000_000L;
    /** The longest duration, in microseconds, whose nanoseconds fit a long. */
    static final long MAX_DURATION_MICROS = Long.MAX_VALUE / 1_000L;

    /** The time window of a query in epoch nanoseconds, both ends included. */
    record Window(long startNanos, long endNanos) {}

    /** Key-only terms of an {@code annotationQuery} and its key=value terms. */
    record AnnotationQuery(Set<String> keys, Map<String, String> tags) {}

    private ZipkinParameters() {}

    /**
     * {@code GET /traces}: a trace answers when one span of {@code serviceName} has {@code
     * spanName} and a duration in [{@code minDuration}, {@code maxDuration}], and the service's
     * spans together meet every {@code annotationQuery} term and call {@code remoteServiceName}.
     * Names match regardless of case. Zipkin's server refuses {@code maxDuration} without {@code
     * minDuration}; here it simply bounds the duration from above, which is what the Zipkin UI
     * means when it sends it alone.
     */
    static TraceQuery traceQuery(QueryParameters p, String tenant, long nowMillis) {
        String spanName = lowerCase(p.get("spanName"));
        if ("all".equals(spanName)) spanName = null; // the reserved name of Zipkin's old UI
        long minMicros = optionalLong(p, "minDuration", 1, MAX_DURATION_MICROS);
        long maxMicros = optionalLong(p, "maxDuration", 1, MAX_DURATION_MICROS);
        if (minMicros > 0 && maxMicros > 0 && maxMicros < minMicros) {
            throw new BadParameterException("maxDuration", "maxDuration (" + maxMicros
                    + " µs) is below minDuration (" + minMicros + " µs)");
        }
        int limit = (int) p.longValue("limit", DEFAULT_LIMIT, 1, TraceQuery.MAX_LIMIT);
        AnnotationQuery terms = annotationQuery(p.get("annotationQuery"));
        Window w = window(p, nowMillis, false);
        return TraceQuery.recent(tenant, w.startNanos(), w.endNanos(), limit)
                .withService(lowerCase(p.get("serviceName")))
                .withOperation(spanName)
                .withRemoteService(lowerCase(p.get("remoteServiceName")))
                .withTags(terms.tags())
                .withKeys(terms.keys())
                .withDuration(minMicros * 1_000L, maxMicros * 1_000L)
                .ignoringNameCase();
    }

    /**
     * {@code endTs} and {@code lookback} as a window: [{@code endTs - lookback}, {@code endTs}],
     * starting no earlier than the epoch.
     */
    static Window window(QueryParameters p, long nowMillis, boolean endTsRequired) {
        if (endTsRequired && p.get("endTs") == null) {
            throw new BadParameterException("endTs", "endTs is required: the window's end in epoch milliseconds");
        }
        long endTs = p.longValue("endTs", nowMillis, 1, MAX_END_MILLIS);
        long lookback = p.longValue("lookback", DEFAULT_LOOKBACK_MILLIS, 1, Long.MAX_VALUE);
        long startMillis = Math.max(0, endTs - lookback); // both positive: cannot overflow
        return new Window(startMillis * 1_000_000L, endTs * 1_000_000L);
    }

    /**
     * Zipkin's {@code annotationQuery}: terms joined by {@code " and "}; {@code key=value} asks
     * for a tag with that value, a bare word (or {@code key=}) for a tag key or an annotation.
     * A key=value term makes a bare term of the same key redundant, as in Zipkin; of two values
     * for one key the last wins.
     */
    static AnnotationQuery annotationQuery(String raw) {
        Set<String> keys = new LinkedHashSet<>();
        Map<String, String> tags = new LinkedHashMap<>();
        if (raw == null) return new AnnotationQuery(keys, tags);
        for (String term : raw.split(" and ", -1)) {
            int eq = term.indexOf('=');
            String key = (eq < 0 ? term : term.substring(0, eq)).trim();
            String value = eq < 0 ? "" : term.substring(eq + 1).trim();
            if (key.isEmpty()) {
                if (value.isEmpty()) continue; // an empty term, as "a and  and b" holds
                throw new BadParameterException("annotationQuery", "annotationQuery term '" + term.trim()
                        + "' has no key; write key=value or a key alone");
            }
            if (value.isEmpty()) {
                keys.add(key);
            } else {
                tags.put(key, value);
            }
        }
        keys.removeAll(tags.keySet());
        return new AnnotationQuery(keys, tags);
    }

    /** Zero when absent; else a whole number in [min, max]. */
    private static long optionalLong(QueryParameters p, String name, long min, long max) {
        return p.get(name) == null ? 0 : p.longValue(name, 0, min, max);
    }

    private static String lowerCase(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
