package dev.skein.ingest;

/**
 * The tenant is sending faster than its quota allows; nothing of the request was stored. The
 * client should send it again after {@link #retryAfterSeconds()}.
 */
public final class OverQuotaException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final long retryAfterSeconds;
    private final int refusedSpans;

    public OverQuotaException(String reason, long retryAfterSeconds, int refusedSpans) {
        super("over the tenant's " + reason.replace('_', ' ') + " quota; nothing of this request was stored, "
                + "retry after " + retryAfterSeconds + " s");
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
        this.refusedSpans = refusedSpans;
    }

    /** The exhausted dimension: {@code spans_per_second} or {@code bytes_per_second}. */
    public String reason() {
        return reason;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The request's spans that would have been stored. */
    public int refusedSpans() {
        return refusedSpans;
    }
}
