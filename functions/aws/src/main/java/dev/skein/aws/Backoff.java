package dev.skein.aws;

import java.time.Duration;

/**
 * Capped exponential backoff with full jitter: after failed attempt n the caller sleeps a uniform
 * random time in [0, min(max, base * 2^(n-1))]. Full jitter spreads the retries of many
 * concurrent functions hitting the same throttled shard, instead of synchronising them.
 */
public record Backoff(Duration base, Duration max) {

    /** The largest sleep after failed attempt {@code attempt} (1 for the first call). */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
        }
        long baseNanos = base.toNanos();
        long maxNanos = max.toNanos();
        int doublings = attempt - 1;
        // base * 2^doublings would overflow long long before it matters: compare before shifting.
        if (doublings >= Long.numberOfLeadingZeros(baseNanos) - 1
                || baseNanos << doublings >= maxNanos) {
            return max;
        }
        return Duration.ofNanos(baseNanos << doublings);
    }

    /**
     * The sleep after failed attempt {@code attempt}, given {@code unit} drawn uniformly from
     * [0, 1): passing the random number in keeps this a pure function.
     */
    public Duration delay(int attempt, double unit) {
        if (!(unit >= 0.0 && unit < 1.0)) {
            throw new IllegalArgumentException("unit must be in [0, 1), got " + unit);
        }
        return Duration.ofNanos((long) (ceiling(attempt).toNanos() * unit));
    }
}
