package dev.skein.storage;

import java.util.Objects;

/** A delivered finalize timer: the queue's message ID and the trace it is about. */
public record TimerMessage(String messageId, TraceKey trace) {
    public TimerMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(trace, "trace");
    }
}
