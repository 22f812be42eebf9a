package dev.skein.local.eventsource;

import static dev.skein.local.eventsource.Durations.requireBetween;
import static dev.skein.local.eventsource.Durations.requirePositive;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link SqsEventSource} reads a queue, named after the Lambda event source mapping
 * settings they mirror and held to the same limits.
 *
 * @param queueUrl the queue to read
 * @param batchSize most messages per invocation: 1 to 10,000 for a standard queue, at most 10 for
 *     a FIFO queue ({@code BatchSize}); a batch is also cut at Lambda's 6 MB invocation payload
 * @param maxBatchingWindow how long to gather messages before invoking with a batch that is not
 *     full, 0 to 300 s; at least 1 s when the batch size is over 10, and none for a FIFO queue, as
 *     Lambda requires ({@code MaximumBatchingWindowInSeconds})
 * @param visibilityTimeout how long received messages stay hidden, so a failed one reappears
 *     after it; empty for the queue's own setting (what Lambda uses)
 * @param waitTime long-poll wait of each ReceiveMessage, whole seconds from 0 to 20. Lambda waits
 *     20 s; the default here is 2 s so that {@link SqsEventSource#close()} is prompt, and it must
 *     stay under the SQS client's socket timeout
 * @param errorBackoff wait after a failed ReceiveMessage before the next one
 */
public record SqsEventSourceSettings(String queueUrl, int batchSize, Duration maxBatchingWindow,
        Optional<Duration> visibilityTimeout, Duration waitTime, Duration errorBackoff) {

    public static final int MAX_BATCH_SIZE = 10_000;
    public static final int MAX_FIFO_BATCH_SIZE = 10;
    public static final Duration MAX_BATCHING_WINDOW = Duration.ofSeconds(300);
    public static final Duration MAX_VISIBILITY_TIMEOUT = Duration.ofHours(12);
    public static final Duration MAX_WAIT_TIME = Duration.ofSeconds(20);

    public SqsEventSourceSettings {
        Objects.requireNonNull(queueUrl, "queueUrl");
        requireBetween(batchSize, 1, fifo(queueUrl) ? MAX_FIFO_BATCH_SIZE : MAX_BATCH_SIZE, "batchSize");
        requireBetween(maxBatchingWindow, Duration.ZERO, MAX_BATCHING_WINDOW, "maxBatchingWindow");
        if (batchSize > 10 && maxBatchingWindow.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a batch size over 10 needs a batching window of at"
                    + " least 1 s, as in Lambda; got " + maxBatchingWindow);
        }
        if (fifo(queueUrl) && !maxBatchingWindow.isZero()) {
            throw new IllegalArgumentException("FIFO queues take no batching window, as in Lambda");
        }
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        visibilityTimeout.ifPresent(v -> {
            requireBetween(v, Duration.ZERO, MAX_VISIBILITY_TIMEOUT, "visibilityTimeout");
            requireWholeSeconds(v, "visibilityTimeout");
        });
        requireBetween(waitTime, Duration.ZERO, MAX_WAIT_TIME, "waitTime");
        requireWholeSeconds(waitTime, "waitTime");
        requirePositive(errorBackoff, "errorBackoff");
    }

    /** Batches of up to 10 without a window, the queue's visibility timeout, 2 s long polls. */
    public static SqsEventSourceSettings defaults(String queueUrl) {
        return new SqsEventSourceSettings(queueUrl, 10, Duration.ZERO, Optional.empty(),
                Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    /** Sets the batch size and the batching window together, since each limits the other. */
    public SqsEventSourceSettings withBatching(int batchSize, Duration maxBatchingWindow) {
        return new SqsEventSourceSettings(queueUrl, batchSize, maxBatchingWindow, visibilityTimeout,
                waitTime, errorBackoff);
    }

    public SqsEventSourceSettings withVisibilityTimeout(Duration visibilityTimeout) {
        return new SqsEventSourceSettings(queueUrl, batchSize, maxBatchingWindow,
                Optional.of(visibilityTimeout), waitTime, errorBackoff);
    }

    public SqsEventSourceSettings withWaitTime(Duration waitTime) {
        return new SqsEventSourceSettings(queueUrl, batchSize, maxBatchingWindow, visibilityTimeout,
                waitTime, errorBackoff);
    }

    private static boolean fifo(String queueUrl) {
        return queueUrl != null && queueUrl.endsWith(".fifo");
    }

    private static void requireWholeSeconds(Duration value, String name) {
        if (value.toNanosPart() != 0) {
            throw new IllegalArgumentException(name + " must be whole seconds, got " + value);
        }
    }
}
