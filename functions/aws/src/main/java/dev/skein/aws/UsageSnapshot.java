package dev.skein.aws;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link UsageMeter} had counted at one moment, or (from {@link #minus}) between two.
 *
 * @param dynamoDbWriteUnits write capacity units consumed
 * @param dynamoDbReadUnits read capacity units consumed
 * @param dynamoDbRequests requests per API operation name ({@code Query}, {@code
 *     BatchWriteItem}, {@code TransactWriteItems}, ...), sorted by name
 * @param s3PutRequests PutObject requests
 * @param s3GetRequests GetObject requests
 * @param s3BytesWritten object bytes stored by PutObject
 * @param s3BytesRead object bytes returned by GetObject
 * @param sqsRequests SQS requests
 * @param sqsMessages messages SQS accepted
 */
public record UsageSnapshot(
        double dynamoDbWriteUnits,
        double dynamoDbReadUnits,
        Map<String, Long> dynamoDbRequests,
        long s3PutRequests,
        long s3GetRequests,
        long s3BytesWritten,
        long s3BytesRead,
        long sqsRequests,
        long sqsMessages) {

    public static final UsageSnapshot ZERO =
            new UsageSnapshot(0, 0, Map.of(), 0, 0, 0, 0, 0, 0);

    public UsageSnapshot {
        dynamoDbRequests = Collections.unmodifiableMap(
                new TreeMap<>(Objects.requireNonNull(dynamoDbRequests, "dynamoDbRequests")));
    }

    /** Requests of one DynamoDB operation, 0 when there were none. */
    public long dynamoDbRequests(String operation) {
        return dynamoDbRequests.getOrDefault(operation, 0L);
    }

    /** DynamoDB requests of all operations. */
    public long dynamoDbRequestCount() {
        long total = 0;
        for (long count : dynamoDbRequests.values()) {
            total += count;
        }
        return total;
    }

    /**
     * What was counted after {@code earlier}: this minus {@code earlier}, counter by counter.
     * Operations that did not change are left out of {@link #dynamoDbRequests()}.
     */
    public UsageSnapshot minus(UsageSnapshot earlier) {
        Map<String, Long> requests = new TreeMap<>(dynamoDbRequests);
        earlier.dynamoDbRequests.forEach((operation, count) ->
                requests.merge(operation, -count, Long::sum));
        requests.values().removeIf(count -> count == 0);
        return new UsageSnapshot(
                dynamoDbWriteUnits - earlier.dynamoDbWriteUnits,
                dynamoDbReadUnits - earlier.dynamoDbReadUnits,
                requests,
                s3PutRequests - earlier.s3PutRequests,
                s3GetRequests - earlier.s3GetRequests,
                s3BytesWritten - earlier.s3BytesWritten,
                s3BytesRead - earlier.s3BytesRead,
                sqsRequests - earlier.sqsRequests,
                sqsMessages - earlier.sqsMessages);
    }
}
