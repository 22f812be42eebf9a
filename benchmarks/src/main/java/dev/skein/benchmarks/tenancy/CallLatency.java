package dev.skein.benchmarks.tenancy;

import dev.skein.benchmarks.query.LatencySamples;
import java.util.function.BooleanSupplier;

/**
 * The latency of one kind of call, timed one call at a time after unmeasured warm-up calls,
 * and how many of all its calls (warm-up included) gave a wrong answer.
 *
 * @param requests the storage requests one call makes, as the code is written to make them
 */
record CallLatency(String label, String requests, LatencySamples samples, int wrong) {

    /**
     * Times {@code calls} calls of {@code call} after {@code warmup} untimed ones.
     *
     * @param call one call; false when its answer was not the one expected
     */
    static CallLatency measure(String label, String requests, int warmup, int calls, BooleanSupplier call) {
        int wrong = 0;
        for (int i = 0; i < warmup; i++) {
            if (!call.getAsBoolean()) wrong++;
        }
        LatencySamples samples = new LatencySamples();
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            boolean right = call.getAsBoolean();
            samples.add(System.nanoTime() - start);
            if (!right) wrong++;
        }
        return new CallLatency(label, requests, samples, wrong);
    }

    double percentileMicros(double percent) {
        return samples.percentileMillis(percent) * 1000;
    }
}
