package dev.skein.query;

import java.util.Map;

/**
 * What one query may answer with and read. A Lambda response holds at most 6 MB, so a trace
 * of more than {@code maxTraceSpans} spans is refused with a message rather than cut.
 *
 * @param maxTraceSpans spans one trace answer may hold ({@code SKEIN_QUERY_MAX_TRACE_SPANS})
 * @param maxSearchSpans spans all the traces of one search answer may hold together
 *     ({@code SKEIN_QUERY_MAX_SEARCH_SPANS}); a search stops there and says it is incomplete
 * @param maxTraceIds trace IDs one {@code traceMany}-style lookup may ask for
 * @param readThreads traces read in parallel: one pool per query service, shared by the
 *     requests it serves at once ({@code SKEIN_QUERY_READ_THREADS})
 */
public record QueryLimits(int maxTraceSpans, int maxSearchSpans, int maxTraceIds, int readThreads) {
    public static final QueryLimits DEFAULTS = new QueryLimits(10_000, 20_000, 100, 8);

    public QueryLimits {
        if (maxTraceSpans < 1 || maxSearchSpans < 1 || maxTraceIds < 1 || readThreads < 1) {
            throw new IllegalArgumentException("query limits must be positive");
        }
    }

    public static QueryLimits fromEnvironment(Map<String, String> env) {
        return new QueryLimits(
                intOf(env, "SKEIN_QUERY_MAX_TRACE_SPANS", DEFAULTS.maxTraceSpans),
                intOf(env, "SKEIN_QUERY_MAX_SEARCH_SPANS", DEFAULTS.maxSearchSpans),
                intOf(env, "SKEIN_QUERY_MAX_TRACE_IDS", DEFAULTS.maxTraceIds),
                intOf(env, "SKEIN_QUERY_READ_THREADS", DEFAULTS.readThreads));
    }

    private static int intOf(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }
}
