package dev.skein.aws;

import java.time.Duration;

/**
 * The time a retry loop reads and spends. Production uses {@link #system()}; tests pass a fake
 * whose {@code sleep} only advances {@code nanoTime}, so backoff and deadlines can be checked
 * without waiting.
 */
public interface RetryClock {

    /** Monotonic time in nanoseconds, as {@link System#nanoTime()}: only differences mean anything. */
    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;

    static RetryClock system() {
        return SystemRetryClock.INSTANCE;
    }
}
