package dev.skein.query;

import dev.skein.model.TraceId;

/** A trace holds more than a query may answer with; the dialects turn it into HTTP 422. */
public final class TraceTooLargeException extends RuntimeException {
    private final transient TraceId traceId;

    public TraceTooLargeException(TraceId traceId, String message) {
        super(message);
        this.traceId = traceId;
    }

    public TraceId traceId() {
        return traceId;
    }
}
