package dev.skein.assembly;

import java.util.List;

/**
 * What one batch came to. {@code failures} are the records that could not be decoded; they are
 * reported back to the event source (and end in its dead-letter destination), while the rest of
 * the batch is stored.
 */
public record AssemblyResult(List<RecordFailure> failures, int traces, int spans) {
    public AssemblyResult {
        failures = List.copyOf(failures);
    }

    public record RecordFailure(String recordId, String reason) {}
}
