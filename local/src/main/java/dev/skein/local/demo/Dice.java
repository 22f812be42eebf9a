package dev.skein.local.demo;

import dev.skein.model.TraceId;
import java.util.List;
import java.util.Random;

/** The simulation's one source of chance: seeded, so a seed always makes the same traffic. */
final class Dice {
    private static final long MILLI = 1_000_000L;
    /** How widely latencies spread around their median (of their logarithm). */
    private static final double LATENCY_SPREAD = 0.4;

    private final Random random;

    Dice(long seed) {
        this.random = new Random(seed);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** A number from 0 (inclusive) to 1. */
    double unit() {
        return random.nextDouble();
    }

    /** A whole number from {@code min} to {@code max}, both inclusive. */
    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Nanoseconds spread evenly from {@code minMillis} to {@code maxMillis}. */
    long millis(double minMillis, double maxMillis) {
        return Math.round((minMillis + random.nextDouble() * (maxMillis - minMillis)) * MILLI);
    }

    /**
     * Nanoseconds around a median with the long right tail real latencies have, but at most ten
     * times the median: anything slower is a slow call, which the simulation decides itself.
     */
    long latency(double medianMillis) {
        double factor = Math.min(10, Math.exp(LATENCY_SPREAD * random.nextGaussian()));
        return Math.max(1_000, Math.round(medianMillis * factor * MILLI));
    }

    long spanId() {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return id;
    }

    TraceId traceId() {
        TraceId id;
        do {
            id = new TraceId(random.nextLong(), random.nextLong());
        } while (id.high() == 0); // a 128-bit ID, as OpenTelemetry makes them
        return id;
    }

    /** Lower-case hex digits, for session and order IDs. */
    String hex(int digits) {
        StringBuilder s = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) s.append(Character.forDigit(random.nextInt(16), 16));
        return s.toString();
    }
}
