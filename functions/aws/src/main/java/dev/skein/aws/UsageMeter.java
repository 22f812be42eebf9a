package dev.skein.aws;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Counts what the storage adapters spend, in the units AWS bills: DynamoDB capacity units and
 * requests, S3 requests and bytes, SQS requests and messages. The cost report divides these by
 * the spans it sent (for example write units per span), so every request an adapter makes is
 * counted, including requests that fail, which AWS bills too (S3, SQS) or which still consumed
 * capacity before failing (a cancelled DynamoDB transaction; its units are not reported, so
 * they are missing here). Retries made inside the SDK client are not seen.
 *
 * <p>Thread-safe. One lock guards all counters, so a {@link #snapshot()} is consistent across
 * them and the difference of two snapshots taken around some work is exactly that work (when
 * nothing else used the meter meanwhile). A lock per request costs nothing next to the network
 * call it accounts for.
 */
public final class UsageMeter {
    // DynamoDB reports capacity in multiples of 0.5 units; sums of such values are exact in a
    // double (up to 2^52 half units), so a double loses nothing here.
    private double dynamoDbWriteUnits;
    private double dynamoDbReadUnits;
    private final Map<String, Long> dynamoDbRequests = new TreeMap<>();
    private long s3PutRequests;
    private long s3GetRequests;
    private long s3BytesWritten;
    private long s3BytesRead;
    private long sqsRequests;
    private long sqsMessages;

    /**
     * One DynamoDB request.
     *
     * @param operation the API operation name, e.g. {@code BatchWriteItem}
     * @param readUnits read capacity units the response reported (0 when none)
     * @param writeUnits write capacity units the response reported (0 when none)
     */
    public synchronized void recordDynamoDbRequest(String operation, double readUnits,
            double writeUnits) {
        Objects.requireNonNull(operation, "operation");
        dynamoDbRequests.merge(operation, 1L, Long::sum);
        dynamoDbReadUnits += readUnits;
        dynamoDbWriteUnits += writeUnits;
    }

    /** One S3 PUT request that stored {@code bytesWritten} bytes (0 when it failed). */
    public synchronized void recordS3Put(long bytesWritten) {
        s3PutRequests++;
        s3BytesWritten += bytesWritten;
    }

    /** One S3 GET request that returned {@code bytesRead} bytes (0 when it failed). */
    public synchronized void recordS3Get(long bytesRead) {
        s3GetRequests++;
        s3BytesRead += bytesRead;
    }

    /** One SQS request that sent {@code messagesSent} messages (0 when it failed). */
    public synchronized void recordSqsRequest(int messagesSent) {
        sqsRequests++;
        sqsMessages += messagesSent;
    }

    /** The counts so far. */
    public synchronized UsageSnapshot snapshot() {
        return new UsageSnapshot(dynamoDbWriteUnits, dynamoDbReadUnits, dynamoDbRequests,
                s3PutRequests, s3GetRequests, s3BytesWritten, s3BytesRead, sqsRequests,
                sqsMessages);
    }
}
