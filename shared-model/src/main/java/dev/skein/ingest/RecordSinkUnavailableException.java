package dev.skein.ingest;

import java.time.Duration;

/**
 * The sink stayed unable to store some records until its deadline. Transient by nature: the
 * client should send the whole request again after {@link #retryAfter()}.
 */
public final class RecordSinkUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int unstoredRecords;
    private final Duration retryAfter;

    public RecordSinkUnavailableException(String message, int unstoredRecords, Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.unstoredRecords = unstoredRecords;
        this.retryAfter = retryAfter;
    }

    public int unstoredRecords() {
        return unstoredRecords;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
