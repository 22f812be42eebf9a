package dev.skein.storage;

/**
 * A storage call failed in a way worth retrying later (throttling, a network failure, a
 * service error). Adapters translate their vendor's errors into this at the edge.
 */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
