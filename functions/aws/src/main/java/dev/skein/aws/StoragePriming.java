package dev.skein.aws;

import dev.skein.aws.dynamodb.DynamoTraceIndex;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.aws.s3.S3SpanArchive;
import dev.skein.aws.sqs.SqsTimerQueue;
import dev.skein.model.TraceId;
import dev.skein.storage.ArchiveObjectMissingException;
import dev.skein.storage.TraceKey;
import java.util.function.Supplier;

/**
 * SnapStart priming steps that warm the storage adapters' SDK clients and leave nothing behind:
 * reads of what cannot exist, and writes the service refuses as invalid. Each function takes
 * those its role allows (see infra-cdk's IamTest).
 */
public final class StoragePriming {
    /**
     * A trace no one can have stored: ingest refuses the all-zero trace ID. Reading it is one
     * DynamoDB Query that finds nothing.
     */
    static final TraceKey ABSENT_TRACE = new TraceKey("skein-priming", new TraceId(0, 0));

    private final Supplier<S3SpanArchive> archive;
    private final Supplier<DynamoTraceIndex> index;
    private final Supplier<SqsTimerQueue> timers;

    /** Adapters are asked for only when a step runs, so a function need not configure all three. */
    public StoragePriming(Supplier<S3SpanArchive> archive, Supplier<DynamoTraceIndex> index,
            Supplier<SqsTimerQueue> timers) {
        this.archive = archive;
        this.index = index;
        this.timers = timers;
    }

    /** Reads {@link #ABSENT_TRACE}'s index entries: DynamoDB Query (the query and finalizer roles). */
    public SnapStartPriming.Step absentTraceRead() {
        return new SnapStartPriming.Step("dynamodb: query a trace that cannot exist", () -> {
            if (!index.get().trace(ABSENT_TRACE).pointers().isEmpty()) {
                throw new IllegalStateException("found pointers for " + ABSENT_TRACE);
            }
        });
    }

    /**
     * Reads an archive object that cannot exist: S3 GetObject under {@code spans/} (the query and
     * finalizer roles, whose ListBucket grant makes it a 404, not a 403).
     */
    public SnapStartPriming.Step absentObjectRead() {
        return new SnapStartPriming.Step("s3: get an object that cannot exist", () -> {
            try {
                archive.get().read(S3SpanArchive.PRIMING_KEY);
            } catch (ArchiveObjectMissingException expected) {
                return;
            }
            throw new IllegalStateException(S3SpanArchive.PRIMING_KEY + " exists");
        });
    }

    /** A PutObject S3 refuses (the assembler's role). */
    public SnapStartPriming.Step refusedArchiveWrite() {
        return new SnapStartPriming.Step("s3: put an object with a wrong digest",
                () -> archive.get().sendRefusedWrite());
    }

    /** A BatchWriteItem DynamoDB refuses (the assembler's role). */
    public SnapStartPriming.Step refusedIndexWrite() {
        return new SnapStartPriming.Step("dynamodb: write an empty batch", () -> index.get().sendRefusedWrite());
    }

    /** A SendMessageBatch SQS refuses (the assembler's and finalizer's roles). */
    public SnapStartPriming.Step refusedTimerWrite() {
        return new SnapStartPriming.Step("sqs: send an empty batch", () -> timers.get().sendRefusedWrite());
    }
}
