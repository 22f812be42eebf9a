package dev.skein.codec;

/**
 * The body as a whole cannot be read: malformed, truncated, or of the wrong shape. The message
 * names what is wrong and where (a byte offset or a line and column), and is safe to show to
 * the client.
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
