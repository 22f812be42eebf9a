package dev.skein.local;

import java.util.Map;
import java.util.Objects;

/**
 * The write path's resources in an AWS account, by the names the functions are given: the span
 * stream, the index table, the archive bucket and the finalize-timer queue.
 *
 * @param timerQueue the timer queue's name, or its URL (as {@value #TIMER_QUEUE_URL} holds it)
 */
public record AwsResourceNames(String stream, String table, String bucket, String timerQueue) {
    /** The functions' variables, read here with the same meaning. */
    static final String STREAM_NAME = "SKEIN_STREAM_NAME";
    static final String TABLE = "SKEIN_TABLE";
    static final String BUCKET = "SKEIN_BUCKET";
    static final String TIMER_QUEUE_URL = "SKEIN_TIMER_QUEUE_URL";

    /** The names the emulators and an AWS endpoint get; the defaults everywhere. */
    public static final AwsResourceNames DEFAULTS = new AwsResourceNames(SkeinLocal.STREAM, SkeinLocal.TABLE,
            SkeinLocal.BUCKET, SkeinLocal.TIMER_QUEUE);

    public AwsResourceNames {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(timerQueue, "timerQueue");
    }

    /**
     * The names a deployed function has in {@value #STREAM_NAME}, {@value #TABLE},
     * {@value #BUCKET} and {@value #TIMER_QUEUE_URL}; {@link #DEFAULTS} for those not set.
     */
    public static AwsResourceNames fromEnvironment(Map<String, String> env) {
        return new AwsResourceNames(orDefault(env, STREAM_NAME, DEFAULTS.stream),
                orDefault(env, TABLE, DEFAULTS.table), orDefault(env, BUCKET, DEFAULTS.bucket),
                orDefault(env, TIMER_QUEUE_URL, DEFAULTS.timerQueue));
    }

    /** True when {@link #timerQueue} is a URL rather than a name. */
    boolean timerQueueIsUrl() {
        return timerQueue.startsWith("https://") || timerQueue.startsWith("http://");
    }

    private static String orDefault(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
