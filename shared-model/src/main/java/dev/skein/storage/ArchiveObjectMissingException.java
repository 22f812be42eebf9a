package dev.skein.storage;

/** The archive has no object under a key (deleted by lifecycle, or never written). */
public final class ArchiveObjectMissingException extends StorageException {
    public ArchiveObjectMissingException(String key) {
        super("no archive object " + key);
    }
}
