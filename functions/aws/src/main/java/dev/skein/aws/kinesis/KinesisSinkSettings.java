package dev.skein.aws.kinesis;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard {@link KinesisRecordSink} tries before giving up on a request.
 *
 * @param deadline time budget of one {@code putAll}, all PutRecords calls and backoff included;
 *     keep it well under the function's timeout
 * @param baseBackoff ceiling of the first backoff; it doubles per attempt
 * @param maxBackoff cap of the backoff ceiling
 * @param retryAfter what the client is told to wait before sending the request again
 */
public record KinesisSinkSettings(Duration deadline, Duration baseBackoff, Duration maxBackoff,
        Duration retryAfter) {

    public KinesisSinkSettings {
        requirePositive(deadline, "deadline");
        requirePositive(baseBackoff, "baseBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(retryAfter, "retryAfter");
        if (baseBackoff.compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException(
                    "baseBackoff " + baseBackoff + " exceeds maxBackoff " + maxBackoff);
        }
    }

    /** Deadline 10 s, backoff 50 ms doubling up to 1 s, Retry-After 2 s. */
    public static KinesisSinkSettings defaults() {
        return new KinesisSinkSettings(Duration.ofSeconds(10), Duration.ofMillis(50),
                Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    public KinesisSinkSettings withDeadline(Duration deadline) {
        return new KinesisSinkSettings(deadline, baseBackoff, maxBackoff, retryAfter);
    }

    public KinesisSinkSettings withBackoff(Duration baseBackoff, Duration maxBackoff) {
        return new KinesisSinkSettings(deadline, baseBackoff, maxBackoff, retryAfter);
    }

    public KinesisSinkSettings withRetryAfter(Duration retryAfter) {
        return new KinesisSinkSettings(deadline, baseBackoff, maxBackoff, retryAfter);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
