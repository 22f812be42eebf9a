package dev.skein.functions.query.jaeger;

import dev.skein.http.BadParameterException;
import dev.skein.http.QueryParameters;
import dev.skein.model.TraceId;
import dev.skein.search.TraceQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of Jaeger's {@code GET /api/traces}: a search, or with {@code traceID} (repeated)
 * a lookup of those traces, the other parameters then checked but unused.
 *
 * <ul>
 *   <li>{@code service} (required for a search), {@code operation};
 *   <li>{@code tags}, a JSON object of strings, and {@code tag=key:value} (repeated); all are
 *       AND-ed, and a {@code tags} key overrides the same {@code tag} key; {@code error=true}
 *       asks for a failed span (see {@link SearchParameters#query});
 *   <li>{@code minDuration}, {@code maxDuration}: Go durations ({@code 1.5s}, {@code 100ms});
 *   <li>{@code start}, {@code end}: epoch microseconds; {@code end} defaults to now, {@code start}
 *       to two days before {@code end} as in Jaeger, or, when given, to the {@code lookback}
 *       Jaeger UI sends ({@code 15m}, {@code 1h}, {@code 2d}, {@code 2w}; {@code custom} means
 *       none), which Jaeger itself ignores;
 *   <li>{@code limit}: traces, 100 by default, lowered to {@link TraceQuery#MAX_LIMIT}.
 * </ul>
 *
 * @param search null for a lookup
 */
record TracesRequest(List<TraceId> traceIds, TraceQuery search) {
    /** Jaeger's search window when {@code start} is absent. */
    static final Duration DEFAULT_LOOKBACK = Duration.ofDays(2);

    static TracesRequest parse(QueryParameters p, String tenant, long nowNanos, int maxTraceIds) {
        List<TraceId> ids = traceIds(p, maxTraceIds);
        Map<String, String> tags = tags(p);
        long[] durations = SearchParameters.durations(p, "minDuration", "maxDuration");
        int limit = SearchParameters.limit(p, "limit");
        long end = SearchParameters.nanos(p, "end", 1000, nowNanos);
        long start = p.get("start") == null
                ? Math.max(0, end - lookbackNanos(p.get("lookback")))
                : SearchParameters.nanos(p, "start", 1000, 0);
        if (start > end) {
            throw new BadParameterException("end", "end (" + end / 1000 + ") is before start (" + start / 1000 + ")");
        }
        String service = p.get("service");
        String operation = p.get("operation");
        if (!ids.isEmpty()) return new TracesRequest(ids, null);
        if (service == null) {
            throw new BadParameterException("service", "service is required to search (or give traceID to look traces up)");
        }
        return new TracesRequest(List.of(),
                SearchParameters.query(tenant, service, operation, tags, durations, start, end, limit));
    }

    private static List<TraceId> traceIds(QueryParameters p, int max) {
        List<TraceId> ids = new ArrayList<>();
        for (String v : p.all("traceID")) {
            if (!v.isEmpty()) ids.add(JaegerTraceIds.parse(v, "traceID"));
        }
        if (ids.size() > max) {
            throw new BadParameterException("traceID", "traceID is given " + ids.size() + " times; at most " + max
                    + " traces per request");
        }
        return ids;
    }

    private static Map<String, String> tags(QueryParameters p) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : p.all("tag")) {
            if (tag.isEmpty()) continue;
            int colon = tag.indexOf(':');
            if (colon <= 0) {
                throw new BadParameterException("tag", "tag must be key:value, such as tag=http.status_code:500, got '"
                        + tag + "'");
            }
            tags.put(tag.substring(0, colon), tag.substring(colon + 1));
        }
        for (String json : p.all("tags")) {
            if (!json.isEmpty()) SearchParameters.addJsonTags(json, "tags", tags);
        }
        return tags;
    }

    /** Jaeger UI's lookback: a count and a unit of s, m, h, d or w; "custom" or absent: the default. */
    private static long lookbackNanos(String lookback) {
        if (lookback == null || lookback.equals("custom")) return DEFAULT_LOOKBACK.toNanos();
        String digits = lookback.substring(0, lookback.length() - 1);
        Duration unit = switch (lookback.charAt(lookback.length() - 1)) {
            case 's' -> Duration.ofSeconds(1);
            case 'm' -> Duration.ofMinutes(1);
            case 'h' -> Duration.ofHours(1);
            case 'd' -> Duration.ofDays(1);
            case 'w' -> Duration.ofDays(7);
            default -> null;
        };
        if (unit == null || digits.isEmpty() || digits.length() > 6
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadParameterException("lookback", "lookback must be a count and a unit of s, m, h, d or w, such as"
                    + " 1h or 2d (or custom), got '" + lookback + "'");
        }
        try {
            return unit.multipliedBy(Long.parseLong(digits)).toNanos();
        } catch (ArithmeticException e) {
            throw new BadParameterException("lookback", "lookback is too long a duration: '" + lookback + "'");
        }
    }
}
