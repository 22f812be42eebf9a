package dev.skein.storage;

import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.PipelineSettings;
import dev.skein.finalize.TraceFinalizer;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * One implementation of the storage ports, as {@link StorageContract} drives it: the ports
 * themselves, the span stream in front of them, time, and a view of everything stored.
 */
public interface StorageFixture {
    SpanArchive archive();

    TraceIndex index();

    TimerQueue timers();

    /** The clock the pipeline runs on (a real one where the queue's delays are real). */
    Clock clock();

    PipelineSettings settings();

    /**
     * Puts records on the span stream and returns them as the assembler receives them, as one
     * batch (IDs and arrival times from the stream).
     */
    List<BatchRecord> publish(List<byte[]> records);

    /**
     * Lets time pass until every pending finalize timer (including those the finalizer schedules
     * again) was delivered to {@code finalizer} and acknowledged; failed messages are redelivered
     * as the queue would.
     */
    void settle(TraceFinalizer finalizer);

    /** Everything stored (archive and index), comparable with {@code equals}. */
    Map<String, Object> snapshot();
}
