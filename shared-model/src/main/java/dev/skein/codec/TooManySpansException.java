package dev.skein.codec;

/** A request carries more spans than the configured per-request limit. */
public final class TooManySpansException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int limit;

    public TooManySpansException(int limit) {
        super("request carries more than " + limit + " spans; send smaller batches");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
