package dev.skein.ingest;

import java.util.List;

/**
 * The durable destination of ingested spans (Kinesis in the cloud and on the emulators).
 *
 * <p>{@link #putAll} returns only once every record is durably stored; ingest acknowledges a
 * request only after that. It may store a record more than once (a retried request), never
 * zero times while returning normally.
 */
public interface RecordSink {

    /**
     * Stores every record, retrying transient per-record failures internally.
     *
     * @throws RecordSinkUnavailableException when some records could not be stored before the
     *     sink's deadline; the caller tells its client to retry later
     */
    void putAll(List<StreamRecord> records) throws RecordSinkUnavailableException;
}
