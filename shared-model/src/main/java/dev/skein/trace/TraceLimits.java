package dev.skein.trace;

import java.util.Map;

/**
 * How much of one trace Skein keeps when it reads or finalizes it. A trace beyond these is cut
 * (the latest-starting spans go first) and the cut is counted in the summary, so one runaway
 * trace cannot exhaust a function's memory.
 *
 * @param maxSpans spans per trace (env {@code SKEIN_MAX_TRACE_SPANS}, default 50,000)
 * @param maxBytes span-row bytes per trace (env {@code SKEIN_MAX_TRACE_BYTES}, default 64 MiB)
 */
public record TraceLimits(int maxSpans, long maxBytes) {
    public static final TraceLimits DEFAULTS = new TraceLimits(50_000, 64L * 1024 * 1024);

    public TraceLimits {
        if (maxSpans < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("trace limits must be positive");
        }
    }

    public static TraceLimits fromEnvironment(Map<String, String> env) {
        return new TraceLimits(
                Integer.parseInt(env.getOrDefault("SKEIN_MAX_TRACE_SPANS", String.valueOf(DEFAULTS.maxSpans))),
                Long.parseLong(env.getOrDefault("SKEIN_MAX_TRACE_BYTES", String.valueOf(DEFAULTS.maxBytes))));
    }
}
