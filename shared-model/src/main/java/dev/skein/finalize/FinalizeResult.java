package dev.skein.finalize;

import java.util.List;

/**
 * What one batch of timers came to. {@code failedMessageIds} go back to the queue to be
 * redelivered (and, after the queue's receive limit, to its dead-letter queue); {@code problems}
 * says why, for the first few.
 */
public record FinalizeResult(List<String> failedMessageIds, List<String> problems, int finalized, int unchanged,
        int rescheduled) {
    /** Problems kept per batch: enough to diagnose, never a flood. */
    public static final int MAX_PROBLEMS = 5;

    public FinalizeResult {
        failedMessageIds = List.copyOf(failedMessageIds);
        problems = List.copyOf(problems);
    }
}
