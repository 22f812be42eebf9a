package dev.skein.it;

import java.util.List;
import java.util.Set;

/**
 * One of the query function's dialects, called as its consoles call it. Each implementation
 * knows its dialect's routes, units and mapping of OpenTelemetry's model (docs/api.md), and
 * nothing of how Skein produces them.
 */
interface Dialect {
    /** Reads the trace by ID and asserts it holds exactly {@code sent}, field by field. */
    void assertTrace(QueryApi api, String traceId, List<SentSpan> sent) throws Exception;

    /** The IDs (32 hex digits) of the traces a search of the last hour finds. */
    Set<String> search(QueryApi api, Search search) throws Exception;

    /** The service graph of the last hour. */
    Set<Edge> dependencies(QueryApi api) throws Exception;

    /** An edge as this dialect carries it: what it answers for {@code edge}. */
    Edge carried(Edge edge);

    /**
     * What a search asks for: spans of {@code service}, and each other condition that is set.
     *
     * @param minNanos 0 for none; like {@code maxNanos}, a bound on the duration of one span
     */
    record Search(String service, String operation, String tagKey, String tagValue, long minNanos, long maxNanos,
            boolean errorsOnly) {
        static Search of(String service) {
            return new Search(service, null, null, null, 0, 0, false);
        }

        Search withOperation(String name) {
            return new Search(service, name, tagKey, tagValue, minNanos, maxNanos, errorsOnly);
        }

        Search withTag(String key, String value) {
            return new Search(service, operation, key, value, minNanos, maxNanos, errorsOnly);
        }

        Search withDuration(long min, long max) {
            return new Search(service, operation, tagKey, tagValue, min, max, errorsOnly);
        }

        Search withErrorsOnly() {
            return new Search(service, operation, tagKey, tagValue, minNanos, maxNanos, true);
        }
    }

    /** Calls from one service to another, and how many of them failed. */
    record Edge(String parent, String child, long calls, long errors) {}
}
