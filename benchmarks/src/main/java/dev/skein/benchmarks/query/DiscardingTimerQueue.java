package dev.skein.benchmarks.query;

import dev.skein.storage.TimerQueue;
import dev.skein.storage.TraceKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the finalize timers the assembler schedules and drops them: the harness runs no
 * finalizer, so no summaries or service-graph edges are stored. Trace by ID and search read
 * neither; the harness says so in its output.
 */
final class DiscardingTimerQueue implements TimerQueue {
    private final LongAdder scheduled = new LongAdder();

    @Override
    public void schedule(List<TraceKey> traces, Duration delay) {
        scheduled.add(traces.size());
    }

    long scheduled() {
        return scheduled.sum();
    }
}
