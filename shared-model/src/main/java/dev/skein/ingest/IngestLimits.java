package dev.skein.ingest;

import java.time.Duration;
import java.util.Map;

/**
 * Every bound ingest applies, with the documented defaults. Each can be set from the
 * function's environment ({@link #fromEnvironment}); docs/configuration.md lists the variables.
 *
 * @param maxBodyBytes request body as received (compressed or not)
 * @param maxDecompressedBytes request body after decompression, enforced while inflating
 * @param maxSpansPerRequest spans in one request
 * @param maxAttributesPerSpan attributes kept per span, event, link, resource and scope
 * @param maxAttributeValueBytes UTF-8 bytes kept of one string or bytes value
 * @param maxEventsPerSpan events kept per span
 * @param maxLinksPerSpan links kept per span
 * @param maxSpanAge how far in the past a span may start
 * @param maxSpanFuture how far in the future a span may end (clock skew)
 */
public record IngestLimits(
        int maxBodyBytes,
        int maxDecompressedBytes,
        int maxSpansPerRequest,
        int maxAttributesPerSpan,
        int maxAttributeValueBytes,
        int maxEventsPerSpan,
        int maxLinksPerSpan,
        Duration maxSpanAge,
        Duration maxSpanFuture) {

    public static final IngestLimits DEFAULTS = new IngestLimits(
            4 * 1024 * 1024,
            20 * 1024 * 1024,
            10_000,
            128,
            2 * 1024,
            128,
            128,
            Duration.ofDays(14),
            Duration.ofHours(1));

    public IngestLimits {
        positive("maxBodyBytes", maxBodyBytes);
        positive("maxDecompressedBytes", maxDecompressedBytes);
        positive("maxSpansPerRequest", maxSpansPerRequest);
        positive("maxAttributesPerSpan", maxAttributesPerSpan);
        positive("maxAttributeValueBytes", maxAttributeValueBytes);
        positive("maxEventsPerSpan", maxEventsPerSpan);
        positive("maxLinksPerSpan", maxLinksPerSpan);
        if (maxSpanAge.isNegative() || maxSpanFuture.isNegative()) {
            throw new IllegalArgumentException("span time window must not be negative");
        }
    }

    /** Reads {@code SKEIN_MAX_*} variables over the defaults; a malformed value fails start-up. */
    public static IngestLimits fromEnvironment(Map<String, String> env) {
        IngestLimits d = DEFAULTS;
        return new IngestLimits(
                intVar(env, "SKEIN_MAX_BODY_BYTES", d.maxBodyBytes),
                intVar(env, "SKEIN_MAX_DECOMPRESSED_BYTES", d.maxDecompressedBytes),
                intVar(env, "SKEIN_MAX_SPANS_PER_REQUEST", d.maxSpansPerRequest),
                intVar(env, "SKEIN_MAX_ATTRIBUTES_PER_SPAN", d.maxAttributesPerSpan),
                intVar(env, "SKEIN_MAX_ATTRIBUTE_VALUE_BYTES", d.maxAttributeValueBytes),
                intVar(env, "SKEIN_MAX_EVENTS_PER_SPAN", d.maxEventsPerSpan),
                intVar(env, "SKEIN_MAX_LINKS_PER_SPAN", d.maxLinksPerSpan),
                durationVar(env, "SKEIN_MAX_SPAN_AGE", d.maxSpanAge),
                durationVar(env, "SKEIN_MAX_SPAN_FUTURE", d.maxSpanFuture));
    }

    private static int intVar(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }

    private static Duration durationVar(Map<String, String> env, String name, Duration fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(v.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT1H or P14D, got '" + v + "'");
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }
}
