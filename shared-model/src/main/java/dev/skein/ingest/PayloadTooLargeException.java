package dev.skein.ingest;

/** A body over a size limit, as received or after decompression. */
public final class PayloadTooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
