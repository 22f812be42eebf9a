package dev.skein.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard a {@link BatchRetry} tries before giving up.
 *
 * @param maxAttempts calls per batch, the first included
 * @param baseBackoff ceiling of the first backoff; it doubles per attempt
 * @param maxBackoff cap of the backoff ceiling
 */
public record RetrySettings(int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        requirePositive(baseBackoff, "baseBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        if (baseBackoff.compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException(
                    "baseBackoff " + baseBackoff + " exceeds maxBackoff " + maxBackoff);
        }
    }

    /**
     * 8 attempts, backoff 25 ms doubling up to 1 s: at most about 3 s of sleeping, well inside
     * a function's timeout, and enough for DynamoDB to split a hot partition or for a throttled
     * queue to recover.
     */
    public static RetrySettings defaults() {
        return new RetrySettings(8, Duration.ofMillis(25), Duration.ofSeconds(1));
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
