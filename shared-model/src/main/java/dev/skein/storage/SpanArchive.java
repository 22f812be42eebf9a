package dev.skein.storage;

/**
 * The span archive (S3 in the cloud): immutable objects under keys; writing a key again
 * replaces it, which is what makes a retried assembler batch harmless.
 */
public interface SpanArchive {
    /** Writer side. */
    void put(String key, byte[] object);

    /** Reader side: {@code length} bytes from {@code offset} (one gzip member, one trace). */
    byte[] read(String key, long offset, int length);

    /** The whole object. */
    byte[] read(String key);
}
