package dev.skein.local.eventsource;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Records of one shard that a {@link KinesisEventSource} gave up on after the last retry, as
 * Lambda reports them to an event source mapping's on-failure destination: where they are, not
 * what they hold. {@link #toJson()} is Lambda's own record for an SQS or SNS destination.
 *
 * <p>The records from {@code startSequenceNumber} to {@code endSequenceNumber} are the batch of
 * the last attempt, and the source moves past all of them. When the handler threw, all of them
 * failed; when it reported item failures, only {@code failedSequenceNumbers} did, and the others
 * were handled in that last attempt.
 *
 * @param requestId an ID for this record, as Lambda's {@code requestContext.requestId}
 * @param batchSize records from start to end
 * @param failedSequenceNumbers the records that failed the last attempt, in stream order
 * @param approximateInvokeCount how many times the first failed record was handed to the handler
 * @param functionError {@code "Unhandled"} when the handler threw
 * @param reason why the last attempt failed, for people; never contains record contents
 * @param timestamp when the source gave up
 */
public record FailedBatch(String requestId, String functionArn, String streamArn, String shardId,
        String startSequenceNumber, String endSequenceNumber, int batchSize,
        List<String> failedSequenceNumbers, Instant approximateArrivalOfFirstRecord,
        Instant approximateArrivalOfLastRecord, int approximateInvokeCount,
        Optional<String> functionError, String reason, Instant timestamp) {

    /** Lambda's condition when {@code MaximumRetryAttempts} ran out. */
    public static final String CONDITION = "RetryAttemptsExhausted";

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public FailedBatch {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(streamArn, "streamArn");
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(startSequenceNumber, "startSequenceNumber");
        Objects.requireNonNull(endSequenceNumber, "endSequenceNumber");
        failedSequenceNumbers = List.copyOf(failedSequenceNumbers);
        Objects.requireNonNull(functionError, "functionError");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /**
     * The record Lambda sends to an on-failure destination for a Kinesis event source: request
     * and response context, and {@code KinesisBatchInfo} with the shard and the sequence range.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(640);
        json.append("{\"requestContext\":{\"requestId\":").append(quote(requestId))
                .append(",\"functionArn\":").append(quote(functionArn))
                .append(",\"condition\":").append(quote(CONDITION))
                .append(",\"approximateInvokeCount\":").append(approximateInvokeCount)
                .append("},\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\"");
        functionError.ifPresent(e -> json.append(",\"functionError\":").append(quote(e)));
        json.append("},\"version\":\"1.0\",\"timestamp\":").append(quote(format(timestamp)))
                .append(",\"KinesisBatchInfo\":{\"shardId\":").append(quote(shardId))
                .append(",\"startSequenceNumber\":").append(quote(startSequenceNumber))
                .append(",\"endSequenceNumber\":").append(quote(endSequenceNumber))
                .append(",\"approximateArrivalOfFirstRecord\":")
                .append(quote(format(approximateArrivalOfFirstRecord)))
                .append(",\"approximateArrivalOfLastRecord\":")
                .append(quote(format(approximateArrivalOfLastRecord)))
                .append(",\"batchSize\":").append(batchSize)
                .append(",\"streamArn\":").append(quote(streamArn))
                .append("}}");
        return json.toString();
    }

    private static String format(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
