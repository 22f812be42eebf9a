package dev.skein.ingest;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it is given, for tests of the core; the Kinesis sink has its own ITs. */
final class CollectingSink implements RecordSink {
    final List<StreamRecord> records = new ArrayList<>();
    int calls;

    @Override
    public void putAll(List<StreamRecord> batch) {
        calls++;
        records.addAll(batch);
    }
}
