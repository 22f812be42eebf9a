package dev.skein.functions.query.zipkin;

import dev.skein.http.BadParameterException;
import dev.skein.model.Hex;
import dev.skein.model.TraceId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Trace IDs as Zipkin's API takes them: 1 to 32 hex digits, padded on the left to 16 or 32 (so
 * a 128-bit ID whose high half is zero is the 64-bit ID), never all zeros. Zipkin asks for lower
 * case; upper case is read too, since the digits mean the same.
 */
final class ZipkinTraceIds {
    private static final int MAX_DIGITS = 32;

    private ZipkinTraceIds() {}

    /** @param parameter the name the error names: the path's {@code traceId} or the query's {@code traceIds} */
    static TraceId parse(String raw, String parameter) {
        String id = raw.trim();
        if (id.isEmpty()) throw new BadParameterException(parameter, parameter + " holds an empty trace ID");
        if (id.length() > MAX_DIGITS) {
            throw new BadParameterException(parameter, "a trace ID in " + parameter + " is at most " + MAX_DIGITS
                    + " hex digits, got " + id.length());
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c >= 0x80 || Character.digit(c, 16) < 0) {
                throw new BadParameterException(parameter, "trace ID '" + id + "' in " + parameter
                        + " is not hex: 16 or 32 hex digits, for example 463ac35c9f6413ad48485a3953bb6124");
            }
        }
        int width = id.length() <= 16 ? 16 : 32;
        TraceId traceId = TraceId.fromHex("0".repeat(width - id.length()) + id);
        if (traceId.isZero()) throw new BadParameterException(parameter, "trace ID '" + id + "' in " + parameter + " is all zeros");
        return traceId;
    }

    /**
     * {@code traceMany}'s list: comma-separated, at least two distinct IDs (one is {@code
     * /trace/{traceId}}'s job), at most {@code max}.
     */
    static List<TraceId> parseList(String raw, String parameter, int max) {
        if (raw == null) {
            throw new BadParameterException(parameter, parameter + " is required: two or more trace IDs separated by commas");
        }
        String[] parts = raw.split(",", -1);
        if (parts.length > max) {
            throw new BadParameterException(parameter, parameter + " holds " + parts.length + " trace IDs; at most " + max
                    + " per request");
        }
        Set<TraceId> ids = new LinkedHashSet<>();
        for (String part : parts) {
            TraceId id = parse(part, parameter);
            if (!ids.add(id)) {
                throw new BadParameterException(parameter, parameter + " names trace " + hex(id) + " more than once");
            }
        }
        if (ids.size() < 2) {
            throw new BadParameterException(parameter, parameter + " needs at least two trace IDs; ask /api/v2/trace/"
                    + hex(ids.iterator().next()) + " for one");
        }
        return new ArrayList<>(ids);
    }

    /** The ID as Zipkin writes it: 16 hex digits when the high half is zero, else 32. */
    static String hex(TraceId id) {
        return id.high() == 0 ? Hex.spanIdToHex(id.low()) : id.toHex();
    }
}
