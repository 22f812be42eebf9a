package dev.skein.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what the write path does in the background. Generous: every wait ends as soon as
 * what it waits for is there, and fails at the deadline with the last answer.
 */
final class Eventually {
    static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final long PAUSE_MILLIS = 100;

    /** A look at the system under test; may throw while it is not ready. */
    @FunctionalInterface
    interface Probe<T> {
        T get() throws Exception;
    }

    private Eventually() {}

    /**
     * Polls {@code probe} until {@code done} accepts its answer and returns that answer; at the
     * deadline fails with the last answer or error and {@code progress}.
     */
    static <T> T until(String what, Probe<T> probe, Predicate<T> done, Supplier<String> progress)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = probe.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("gave up waiting for " + what + " after " + DEADLINE + "; last answer: "
                        + last + "; " + progress.get(), lastError);
            }
            Thread.sleep(PAUSE_MILLIS);
        }
    }
}
