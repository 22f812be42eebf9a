package dev.skein.local.eventsource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What {@code awaitIdle} waits on. Each call takes a new mark; a poller notes the mark it read
 * just before a poll that found nothing left to do. A mark at or after the caller's therefore
 * proves that everything sent before the call has been handled.
 */
final class IdleTracker {
    /** Waits re-check at least this often, so a missed notification only costs a little time. */
    private static final long MAX_WAIT_MILLIS = 50;

    private final AtomicLong marks = new AtomicLong();

    /** The mark a poll reads before it starts. */
    long currentMark() {
        return marks.get();
    }

    /** Wakes waiters after a poller recorded progress. */
    synchronized void changed() {
        notifyAll();
    }

    /** A new mark for an {@code awaitIdle} call: only polls that begin after this can meet it. */
    long newMark() {
        return marks.incrementAndGet();
    }

    /**
     * Waits until {@code idle} holds, re-checking when a poller reports progress.
     *
     * @return false when {@code timeout} passed first
     */
    boolean await(BooleanSupplier idle, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!idle.getAsBoolean()) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) {
                    return false;
                }
                wait(Math.min(leftMillis, MAX_WAIT_MILLIS));
            }
            return true;
        }
    }
}
