package dev.skein.local.eventsource;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link EventSourceStats}. */
final class Counters {
    private final LongAdder batches = new LongAdder();
    private final LongAdder records = new LongAdder();
    private final LongAdder failedBatches = new LongAdder();
    private final LongAdder failedRecords = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder discarded = new LongAdder();
    private final LongAdder pollErrors = new LongAdder();

    void invoked(int size) {
        batches.increment();
        records.add(size);
    }

    void failed(int failedInBatch) {
        failedBatches.increment();
        failedRecords.add(failedInBatch);
    }

    void acknowledged(int count) {
        acknowledged.add(count);
    }

    void discarded(int count) {
        discarded.add(count);
    }

    void pollError() {
        pollErrors.increment();
    }

    EventSourceStats snapshot() {
        return new EventSourceStats(batches.sum(), records.sum(), failedBatches.sum(),
                failedRecords.sum(), acknowledged.sum(), discarded.sum(), pollErrors.sum());
    }
}
