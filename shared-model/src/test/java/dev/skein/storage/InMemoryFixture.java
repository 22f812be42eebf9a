package dev.skein.storage;

import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.PipelineSettings;
import dev.skein.finalize.FinalizeResult;
import dev.skein.finalize.TraceFinalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The storage ports in memory as the suites that run on every store drive them, with a clock
 * the fixture moves: a publish is 100 ms later than the one before, and settling lets the idle
 * period pass in one-second steps without waiting.
 */
public final class InMemoryFixture implements StorageFixture {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final InMemoryStorage storage = new InMemoryStorage(clock);
    private long sequence;

    @Override
    public SpanArchive archive() {
        return storage;
    }

    @Override
    public TraceIndex index() {
        return storage;
    }

    @Override
    public TimerQueue timers() {
        return storage;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public PipelineSettings settings() {
        return PipelineSettings.DEFAULTS;
    }

    @Override
    public List<BatchRecord> publish(List<byte[]> records) {
        clock.advance(Duration.ofMillis(100));
        List<BatchRecord> batch = new ArrayList<>();
        for (byte[] r : records) batch.add(new BatchRecord(String.format("%056d", ++sequence), clock.millis(), r));
        return batch;
    }

    @Override
    public void settle(TraceFinalizer finalizer) {
        settle(storage, clock, finalizer);
    }

    /**
     * Lets the idle period pass on {@code clock} in one-second steps and finalizes every timer
     * as it falls due, redelivering the ones the finalizer failed, until none is pending.
     */
    public static void settle(InMemoryStorage storage, MovableClock clock, TraceFinalizer finalizer) {
        for (int round = 0; round < 100 && storage.pendingTimers() > 0; round++) {
            clock.advance(Duration.ofSeconds(1));
            List<TimerMessage> due = storage.receiveDue();
            if (due.isEmpty()) continue;
            FinalizeResult r = finalizer.finalizeTraces(due);
            storage.redeliver(due.stream().filter(m -> r.failedMessageIds().contains(m.messageId())).toList());
        }
        if (storage.pendingTimers() > 0) throw new AssertionError("timers never settled");
    }

    @Override
    public Map<String, Object> snapshot() {
        return storage.snapshot();
    }
}
