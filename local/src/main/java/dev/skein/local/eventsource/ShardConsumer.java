package dev.skein.local.eventsource;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one shard and hands its records to the handler in order, one batch at a time. Rounds
 * never overlap (the source schedules the next one when this one ends), so the state needs no
 * locks; the fields other threads read are volatile.
 *
 * <p>Records read but not yet done with wait in {@code buffer}, oldest first. The checkpoint is
 * the last record done with: acknowledged by the handler or given up on. A failed batch is
 * redelivered from the buffer (nothing new is read while a record is failing), which is what
 * Lambda's re-read from the checkpoint amounts to.
 */
final class ShardConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisEventSource.class);
    /** What {@link #round()} returns once the shard is closed and every record is done with. */
    static final long FINISHED = -1;
    private static final int MAX_GET_RECORDS_LIMIT = 10_000;

    enum State { WAITING_FOR_PARENTS, RUNNING, FINISHED }

    private final ShardContext ctx;
    private final String shardId;
    private final List<String> parentShardIds;
    private final ShardIteratorType initialPosition;

    private final ArrayDeque<Record> buffer = new ArrayDeque<>();
    private long bufferStartNanos;
    private String iterator;
    private String lastRead;
    private boolean endOfShard;
    /** The first record of the failing part of the last batch, while it keeps failing. */
    private String failingSequenceNumber;
    private int failedAttempts;
    /** Given up on but not yet taken by the on-failure destination. */
    private FailedBatch pendingDiscard;
    private int pendingDiscardSize;
    private int readErrorsInARow;

    private volatile State state = State.WAITING_FOR_PARENTS;
    private volatile String checkpoint;
    private volatile long idleMark = -1;

    ShardConsumer(ShardContext ctx, String shardId, List<String> parentShardIds,
            ShardIteratorType initialPosition) {
        this.ctx = ctx;
        this.shardId = shardId;
        this.parentShardIds = List.copyOf(parentShardIds);
        this.initialPosition = initialPosition;
    }

    String shardId() {
        return shardId;
    }

    List<String> parentShardIds() {
        return parentShardIds;
    }

    State state() {
        return state;
    }

    void markRunning() {
        state = State.RUNNING;
    }

    /** The last sequence number done with, or null before the first. */
    String checkpoint() {
        return checkpoint;
    }

    /** True when a read that began at or after {@code mark} found nothing left to do. */
    boolean idleSince(long mark) {
        return state == State.FINISHED || idleMark >= mark;
    }

    /**
     * Reads once if there is room, invokes the handler if a batch is ready.
     *
     * @return milliseconds until the next round, or {@link #FINISHED}
     */
    long round() {
        KinesisEventSourceSettings settings = ctx.settings();
        try {
            if (pendingDiscard != null && !offerDiscard()) {
                return settings.pollInterval().toMillis();
            }
            boolean retrying = failingSequenceNumber != null;
            boolean moreToRead = false;
            if (!endOfShard && !retrying && buffer.size() < settings.batchSize()) {
                moreToRead = read();
            }
            if (!buffer.isEmpty()) {
                List<Record> batch = nextBatch();
                boolean full = batch.size() >= settings.batchSize() || batch.size() < buffer.size();
                long waitedNanos = System.nanoTime() - bufferStartNanos;
                long windowNanos = settings.maxBatchingWindow().toNanos();
                if (retrying || full || endOfShard || waitedNanos >= windowNanos) {
                    if (ctx.closed().getAsBoolean()) {
                        return 0;
                    }
                    invoke(batch);
                    return failingSequenceNumber != null ? settings.retryDelay().toMillis() : 0;
                }
                long windowLeftMillis = (windowNanos - waitedNanos + 999_999) / 1_000_000;
                return Math.min(settings.pollInterval().toMillis(), windowLeftMillis);
            }
            if (endOfShard) {
                state = State.FINISHED;
                ctx.idle().changed();
                LOG.info("shard {} of {} is closed and every record is done with", shardId,
                        ctx.streamArn());
                return FINISHED;
            }
            return moreToRead ? 0 : settings.pollInterval().toMillis();
        } catch (ExpiredIteratorException e) {
            iterator = null; // a new one from the last record read, next round
            return 0;
        } catch (ProvisionedThroughputExceededException e) {
            ctx.counters().pollError();
            LOG.debug("reads of shard {} throttled", shardId);
            return settings.pollInterval().toMillis();
        } catch (SdkException e) {
            ctx.counters().pollError();
            readErrorsInARow++;
            if (Errors.worthWarning(readErrorsInARow)) {
                LOG.warn("reading shard {} of {} failed ({} in a row): {}", shardId, ctx.streamArn(),
                        readErrorsInARow, e.toString());
            } else {
                LOG.debug("reading shard {} failed again: {}", shardId, e.toString());
            }
            return settings.pollInterval().toMillis();
        }
    }

    /**
     * Takes the shard iterator now rather than in the first round: with LATEST, records added
     * once {@link KinesisEventSource#start()} has returned are then read.
     */
    void positionNow() {
        iterator = newIterator();
    }

    /** One GetRecords call; true when the shard may have more right away. */
    private boolean read() {
        long mark = ctx.idle().currentMark();
        if (iterator == null) {
            iterator = newIterator();
        }
        int limit = Math.min(MAX_GET_RECORDS_LIMIT, ctx.settings().batchSize() - buffer.size());
        String current = iterator;
        GetRecordsResponse response = ctx.kinesis().getRecords(r -> r.shardIterator(current).limit(limit));
        if (readErrorsInARow > 0) {
            LOG.info("reading shard {} works again after {} failure(s)", shardId, readErrorsInARow);
            readErrorsInARow = 0;
        }
        iterator = response.nextShardIterator();
        if (iterator == null) {
            endOfShard = true;
        }
        List<Record> records = response.records();
        if (buffer.isEmpty() && !records.isEmpty()) {
            bufferStartNanos = System.nanoTime();
        }
        for (Record r : records) {
            buffer.addLast(r);
            lastRead = r.sequenceNumber();
        }
        Long behind = response.millisBehindLatest();
        boolean caughtUp = behind == null || behind == 0;
        if (records.isEmpty() && buffer.isEmpty() && caughtUp) {
            idleMark = mark;
            ctx.idle().changed();
        }
        return records.size() >= limit || !caughtUp;
    }

    private String newIterator() {
        return ctx.kinesis().getShardIterator(r -> {
            r.streamName(ctx.settings().streamName()).shardId(shardId);
            if (lastRead != null) {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .startingSequenceNumber(lastRead);
            } else {
                r.shardIteratorType(initialPosition);
            }
        }).shardIterator();
    }

    /** The oldest buffered records, up to the batch size and the invocation payload limit. */
    private List<Record> nextBatch() {
        List<Record> batch = new ArrayList<>(Math.min(buffer.size(), ctx.settings().batchSize()));
        long bytes = 0;
        for (Iterator<Record> it = buffer.iterator(); it.hasNext() && batch.size() < ctx.settings().batchSize();) {
            Record r = it.next();
            long size = KinesisEvents.payloadBytes(r);
            if (!batch.isEmpty() && bytes + size > KinesisEvents.MAX_PAYLOAD_BYTES) {
                break;
            }
            batch.add(r);
            bytes += size;
        }
        return batch;
    }

    private void invoke(List<Record> batch) {
        KinesisEvent event = ctx.events().event(shardId, batch);
        ctx.counters().invoked(batch.size());
        List<String> sequenceNumbers = batch.stream().map(Record::sequenceNumber).toList();
        BatchOutcome outcome;
        Throwable thrown = null;
        try {
            StreamsEventResponse response = ctx.handler().apply(event);
            outcome = BatchOutcome.fromItemFailures(itemIdentifiers(response), sequenceNumbers);
        } catch (RuntimeException | Error e) {
            outcome = BatchOutcome.thrown(e, batch.size());
            thrown = e;
        }
        switch (outcome.kind()) {
            case SUCCESS -> {
                done(batch.size());
                ctx.counters().acknowledged(batch.size());
                failingSequenceNumber = null;
                failedAttempts = 0;
            }
            case PARTIAL_FAILURE -> {
                int firstFailed = outcome.failedIndexes().get(0);
                done(firstFailed);
                ctx.counters().acknowledged(firstFailed);
                failed(batch.subList(firstFailed, batch.size()), outcome, firstFailed, null);
            }
            case FAILURE -> failed(batch, outcome, 0, thrown);
        }
    }

    private static List<String> itemIdentifiers(StreamsEventResponse response) {
        if (response == null || response.getBatchItemFailures() == null) {
            return null;
        }
        List<String> ids = new ArrayList<>(response.getBatchItemFailures().size());
        for (StreamsEventResponse.BatchItemFailure f : response.getBatchItemFailures()) {
            ids.add(f == null ? null : f.getItemIdentifier());
        }
        return ids;
    }

    /**
     * @param rest the failing part of the batch: from the first failed record to the end
     * @param offset where {@code rest} starts in the batch the outcome is about
     * @param thrown what the handler threw, if it did
     */
    private void failed(List<Record> rest, BatchOutcome outcome, int offset, Throwable thrown) {
        String first = rest.get(0).sequenceNumber();
        if (first.equals(failingSequenceNumber)) {
            failedAttempts++;
        } else {
            failingSequenceNumber = first;
            failedAttempts = 1;
        }
        List<String> failedSequenceNumbers = outcome.failedIndexes().stream()
                .map(i -> rest.get(i - offset).sequenceNumber())
                .toList();
        ctx.counters().failed(failedSequenceNumbers.size());
        int maxRetries = ctx.settings().maxRetryAttempts();
        if (maxRetries >= 0 && failedAttempts > maxRetries) {
            Record last = rest.get(rest.size() - 1);
            pendingDiscard = new FailedBatch(UUID.randomUUID().toString(), ctx.functionArn(),
                    ctx.streamArn(), shardId, first, last.sequenceNumber(), rest.size(),
                    failedSequenceNumbers, rest.get(0).approximateArrivalTimestamp(),
                    last.approximateArrivalTimestamp(), failedAttempts,
                    outcome.functionError() ? Optional.of("Unhandled") : Optional.empty(),
                    outcome.reason(), ctx.clock().instant());
            pendingDiscardSize = rest.size();
            LOG.warn("giving up on shard {} records {} to {} after {} attempt(s): {}", shardId,
                    first, last.sequenceNumber(), failedAttempts, outcome.reason());
            offerDiscard();
        } else if (failedAttempts == 1) {
            LOG.warn("batch on shard {} failed from record {}: {}; retrying", shardId, first,
                    outcome.reason(), thrown == null ? null : Errors.withoutMessages(thrown));
        } else {
            LOG.debug("batch on shard {} failed from record {} again (attempt {}): {}", shardId,
                    first, failedAttempts, outcome.reason());
        }
    }

    /** Hands the records given up on to the on-failure destination; moves past them if it took them. */
    private boolean offerDiscard() {
        try {
            ctx.onFailure().accept(pendingDiscard);
        } catch (RuntimeException e) {
            ctx.counters().pollError();
            LOG.error("the on-failure destination did not take shard {} records {} to {}: {};"
                    + " keeping them", shardId, pendingDiscard.startSequenceNumber(),
                    pendingDiscard.endSequenceNumber(), e.toString());
            return false;
        }
        done(pendingDiscardSize);
        ctx.counters().discarded(pendingDiscardSize);
        pendingDiscard = null;
        pendingDiscardSize = 0;
        failingSequenceNumber = null;
        failedAttempts = 0;
        return true;
    }

    /** Moves the checkpoint past the oldest {@code count} buffered records. */
    private void done(int count) {
        String last = null;
        for (int i = 0; i < count; i++) {
            last = buffer.removeFirst().sequenceNumber();
        }
        if (last != null) {
            checkpoint = last;
        }
    }
}
