package dev.skein.local.eventsource;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the settings records. */
final class Durations {
    private Durations() {
    }

    static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    static void requireBetween(Duration value, Duration min, Duration max, String name) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    static void requireBetween(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
