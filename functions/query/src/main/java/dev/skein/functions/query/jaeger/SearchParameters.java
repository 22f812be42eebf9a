package dev.skein.functions.query.jaeger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.skein.codec.Json;
import dev.skein.http.BadParameterException;
import dev.skein.http.GoDuration;
import dev.skein.http.QueryParameters;
import dev.skein.search.TraceQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parameters several Jaeger routes share: times, result limits, durations, attribute filters. */
final class SearchParameters {
    /** Jaeger's default number of traces a search answers with. */
    static final int DEFAULT_LIMIT = 100;

    private SearchParameters() {}

    /**
     * The number of traces to answer with: {@link #DEFAULT_LIMIT} when absent, at most {@link
     * TraceQuery#MAX_LIMIT}. A larger limit is lowered to that rather than refused, because Jaeger
     * UI offers up to 1,500 by default.
     */
    static int limit(QueryParameters p, String name) {
        long limit = p.longValue(name, DEFAULT_LIMIT);
        if (limit < 1) throw new BadParameterException(name, name + " must be at least 1, got " + limit);
        return (int) Math.min(limit, TraceQuery.MAX_LIMIT);
    }

    /**
     * A whole number of {@code unitNanos} (a time since the epoch or a span of time) in
     * nanoseconds; {@code fallbackNanos} when absent.
     */
    static long nanos(QueryParameters p, String name, long unitNanos, long fallbackNanos) {
        if (p.get(name) == null) return fallbackNanos;
        long units = p.longValue(name, 0);
        if (units < 0) throw new BadParameterException(name, name + " must not be negative, got " + units);
        if (units > Long.MAX_VALUE / unitNanos) throw new BadParameterException(name, name + " is too large, got " + units);
        return units * unitNanos;
    }

    /**
     * The core query. Jaeger's {@code error=true} tag asks for spans that failed, which
     * OpenTelemetry says with an ERROR status, not an attribute: it becomes the errors-only
     * condition (on {@code service}'s spans when a service is given).
     */
    static TraceQuery query(String tenant, String service, String operation, Map<String, String> tags,
            long[] durations, long startNanos, long endNanos, int limit) {
        Map<String, String> attributes = new LinkedHashMap<>(tags);
        boolean errorsOnly = "true".equals(attributes.get("error"));
        if (errorsOnly) attributes.remove("error");
        TraceQuery q = new TraceQuery(tenant, service, operation, null, attributes, Set.of(), durations[0], durations[1],
                startNanos, endNanos, false, false, limit);
        return errorsOnly ? q.withErrorsOnly() : q;
    }

    /** {@code [min, max]} span durations in nanoseconds, 0 for an absent bound. */
    static long[] durations(QueryParameters p, String minName, String maxName) {
        String min = p.get(minName);
        String max = p.get(maxName);
        long minNanos = min == null ? 0 : GoDuration.parseNanos(min, minName);
        long maxNanos = max == null ? 0 : GoDuration.parseNanos(max, maxName);
        if (maxNanos > 0 && maxNanos < minNanos) {
            throw new BadParameterException(maxName, maxName + " (" + max + ") must not be below " + minName
                    + " (" + min + ")");
        }
        return new long[] {minNanos, maxNanos};
    }

    /**
     * Adds the attribute filters of a JSON object of strings, such as {@code {"http.status_code":
     * "500","error":"true"}}, as Jaeger UI and Grafana send them, to {@code into}.
     */
    static void addJsonTags(String json, String name, Map<String, String> into) {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw badTags(name, json, "it is not a JSON object");
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String key = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw badTags(name, json, "the value of '" + key + "' is not a string");
                }
                into.put(key, p.getText());
            }
            if (p.nextToken() != null) throw badTags(name, json, "something follows the object");
        } catch (JsonProcessingException e) {
            throw badTags(name, json, "it is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a parser over a string does not fail to read
        }
    }

    private static IllegalArgumentException badTags(String name, String json, String why) {
        return new BadParameterException(name, name + " must be a JSON object of string values, such as"
                + " {\"http.status_code\":\"500\"}, got '" + json + "': " + why);
    }
}
