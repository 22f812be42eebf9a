package dev.skein.aws.kinesis;

import dev.skein.aws.Backoff;
import dev.skein.aws.RetryClock;
import dev.skein.aws.SdkErrors;
import dev.skein.ingest.RecordSink;
import dev.skein.ingest.RecordSinkUnavailableException;
import dev.skein.ingest.StreamRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Stores records with PutRecords. Kinesis answers per entry, and a busy shard rejects some
 * entries of a call while storing the rest, so the sink re-sends only the rejected entries, with
 * capped, jittered backoff, until all are stored or the deadline would pass. A call that fails as
 * a whole (throttling, 5xx, I/O) counts as every entry of that call rejected.
 *
 * <p>Batches go out in order, one PutRecords call at a time. A re-sent entry lands after the
 * entries stored meanwhile; ingest puts one record per trace per request, so this reorders
 * different traces only. A call that failed as a whole may in fact have stored its entries (a lost
 * answer), and then they are stored twice: consumers deduplicate (at least once in, exactly once
 * out).
 */
public final class KinesisRecordSink implements RecordSink {
    /** The least time worth starting a PutRecords call with: a round trip to Kinesis. */
    static final Duration MIN_CALL_TIME = Duration.ofMillis(100);

    private final KinesisClient client;
    private final String streamName;
    private final KinesisSinkSettings settings;
    private final RetryClock clock;
    private final Backoff backoff;

    public KinesisRecordSink(KinesisClient client, String streamName,
            KinesisSinkSettings settings) {
        this(client, streamName, settings, RetryClock.system());
    }

    /** As above, with the clock the retry loop reads and sleeps on (a fake one in tests). */
    public KinesisRecordSink(KinesisClient client, String streamName,
            KinesisSinkSettings settings, RetryClock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.streamName = Objects.requireNonNull(streamName, "streamName");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new Backoff(settings.baseBackoff(), settings.maxBackoff());
    }

    /**
     * @throws RecordSinkUnavailableException when some records are still not stored as the
     *     deadline nears, or at once for an error that retrying cannot fix (for example a missing
     *     stream); its {@code retryAfter} is the configured one
     * @throws IllegalArgumentException for a record over 1 MiB or with a bad partition key
     */
    @Override
    public void putAll(List<StreamRecord> records) throws RecordSinkUnavailableException {
        List<List<StreamRecord>> batches = PutRecordsBatches.split(records);
        long deadline = clock.nanoTime() + settings.deadline().toNanos();
        int notYetSent = records.size();
        for (List<StreamRecord> batch : batches) {
            notYetSent -= batch.size();
            putBatch(toEntries(batch), deadline, notYetSent, records.size());
        }
    }

    /**
     * For SnapStart priming: a PutRecords without records, which Kinesis refuses as invalid
     * (and could not store anything from if it did not).
     *
     * @throws SdkException for any answer but that refusal
     */
    public void sendRefusedWrite() {
        SdkErrors.refusedAsInvalid(Set.of("ValidationException", "InvalidArgumentException"),
                () -> client.putRecords(request -> request.streamName(streamName)
                .records(List.of())));
    }

    private void putBatch(List<PutRecordsRequestEntry> batch, long deadline, int notYetSent,
            int total) throws RecordSinkUnavailableException {
        if (clock.nanoTime() - deadline >= 0) {
            // Earlier batches used up the time.
            throw unavailable(batch.size() + notYetSent, total, 0, "none; deadline reached", null);
        }
        List<PutRecordsRequestEntry> pending = batch;
        for (int attempt = 1; ; attempt++) {
            FailedEntries failed;
            SdkException callError = null;
            try {
                failed = FailedEntries.of(pending, client.putRecords(request(pending, deadline)));
            } catch (SdkException e) {
                if (!SdkErrors.isTransient(e)) {
                    throw unavailable(pending.size() + notYetSent, total, attempt,
                            FailedEntries.describe(e) + " (not retried)", e);
                }
                failed = FailedEntries.all(pending, e);
                callError = e;
            }
            if (failed.isEmpty()) {
                return;
            }
            int unstored = failed.entries().size() + notYetSent;
            Duration delay = backoff.delay(attempt, ThreadLocalRandom.current().nextDouble());
            // Give up before sleeping past the deadline, not after: the caller's own timeout (the
            // function's) must leave it time to answer 503. Nor start a call with too little time
            // left to finish: it would only time out and hide the error that made us retry.
            if (clock.nanoTime() + delay.toNanos() + MIN_CALL_TIME.toNanos() - deadline >= 0) {
                throw unavailable(unstored, total, attempt, failed.lastError(), callError);
            }
            try {
                clock.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable(unstored, total, attempt, "interrupted while backing off", e);
            }
            pending = failed.entries();
        }
    }

    private PutRecordsRequest request(List<PutRecordsRequestEntry> entries, long deadline) {
        // Bound each call by the time left, so a hung connection cannot outlive the deadline.
        Duration left = Duration.ofNanos(Math.max(1, deadline - clock.nanoTime()));
        return PutRecordsRequest.builder()
                .streamName(streamName)
                .records(entries)
                .overrideConfiguration(config -> config.apiCallTimeout(left))
                .build();
    }

    private RecordSinkUnavailableException unavailable(int unstored, int total, int attempts,
            String lastError, Throwable cause) {
        return new RecordSinkUnavailableException(unstored + " of " + total
                + " records not stored in Kinesis stream " + streamName + " after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " (deadline "
                + settings.deadline() + "); last error: " + lastError,
                unstored, settings.retryAfter(), cause);
    }

    private static List<PutRecordsRequestEntry> toEntries(List<StreamRecord> records) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (StreamRecord record : records) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(record.partitionKey())
                    // No copy: nothing changes the bytes while they are in flight.
                    .data(SdkBytes.fromByteArrayUnsafe(record.data()))
                    .build());
        }
        return entries;
    }
}
