package dev.skein.finalize;

import java.util.List;

/**
 * What one batch of timers came to. {@code failedMessageIds} go back to the queue to be
 * redelivered (and, after the queue's receive limit, to its dead-letter queue).
 */
public record FinalizeResult(List<String> failedMessageIds, int finalized, int unchanged, int rescheduled) {
    public FinalizeResult {
        failedMessageIds = List.copyOf(failedMessageIds);
    }
}
