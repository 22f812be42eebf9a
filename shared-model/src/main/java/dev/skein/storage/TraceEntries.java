package dev.skein.storage;

import java.util.List;

/** All the index holds about one trace: its chunk pointers and, once finalized, its summary. */
public record TraceEntries(TraceKey trace, List<TracePointer> pointers, StoredSummary summary) {
    public TraceEntries {
        pointers = List.copyOf(pointers);
    }

    public boolean isEmpty() {
        return pointers.isEmpty() && summary == null;
    }
}
