package dev.skein.storage;

import java.time.Duration;
import java.util.List;

/**
 * "Has this trace gone idle?" timers (an SQS delay queue in the cloud). Delivery is at least
 * once; the finalizer is idempotent.
 */
public interface TimerQueue {
    /** Longest delay the queue supports (SQS: 15 minutes). */
    Duration MAX_DELAY = Duration.ofMinutes(15);

    void schedule(List<TraceKey> traces, Duration delay);
}
