package dev.skein.local.eventsource;

import static dev.skein.local.eventsource.Durations.requireBetween;
import static dev.skein.local.eventsource.Durations.requirePositive;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link KinesisEventSource} reads a stream, named after the Lambda event source mapping
 * settings they mirror and held to the same limits.
 *
 * @param streamName the stream to read
 * @param startingPosition where to start in the shards found at start; shards that appear later
 *     (after a reshard) are always read from their first record, as Lambda does
 * @param batchSize most records per invocation, 1 to 10,000 (Lambda's {@code BatchSize}); a batch
 *     is also cut at Lambda's 6 MB invocation payload
 * @param maxBatchingWindow how long to gather records before invoking with a batch that is not
 *     full, 0 to 300 s ({@code MaximumBatchingWindowInSeconds})
 * @param maxRetryAttempts retries of a failing record before its batch goes to the on-failure
 *     destination, -1 (retry until it succeeds) to 10,000 ({@code MaximumRetryAttempts}; Lambda's
 *     default is -1, the local default 3)
 * @param parallelism threads shared by the shards; each shard is read by at most one at a time
 * @param pollInterval wait between reads of a shard that had nothing new (Lambda: 1 s)
 * @param shardSyncInterval wait between ListShards calls that pick up new shards
 * @param retryDelay wait before redelivering a failed batch
 * @param functionName the function's name in the ARNs of events and failure records
 */
public record KinesisEventSourceSettings(String streamName, StartingPosition startingPosition,
        int batchSize, Duration maxBatchingWindow, int maxRetryAttempts, int parallelism,
        Duration pollInterval, Duration shardSyncInterval, Duration retryDelay,
        String functionName) {

    public static final int MAX_BATCH_SIZE = 10_000;
    public static final Duration MAX_BATCHING_WINDOW = Duration.ofSeconds(300);
    public static final int MAX_RETRY_ATTEMPTS = 10_000;

    public KinesisEventSourceSettings {
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(startingPosition, "startingPosition");
        requireBetween(batchSize, 1, MAX_BATCH_SIZE, "batchSize");
        requireBetween(maxBatchingWindow, Duration.ZERO, MAX_BATCHING_WINDOW, "maxBatchingWindow");
        requireBetween(maxRetryAttempts, -1, MAX_RETRY_ATTEMPTS, "maxRetryAttempts");
        requireBetween(parallelism, 1, 1024, "parallelism");
        requirePositive(pollInterval, "pollInterval");
        requirePositive(shardSyncInterval, "shardSyncInterval");
        requireBetween(retryDelay, Duration.ZERO, Duration.ofHours(1), "retryDelay");
        Objects.requireNonNull(functionName, "functionName");
    }

    /**
     * From the oldest record, batches of up to 100 without a batching window, 3 retries, 8
     * threads, reads every second, ListShards every 10 s, retries after 500 ms, function
     * "skein-local".
     */
    public static KinesisEventSourceSettings defaults(String streamName) {
        return new KinesisEventSourceSettings(streamName, StartingPosition.TRIM_HORIZON, 100,
                Duration.ZERO, 3, 8, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMillis(500), "skein-local");
    }

    public KinesisEventSourceSettings withStartingPosition(StartingPosition startingPosition) {
        return new KinesisEventSourceSettings(streamName, startingPosition, batchSize,
                maxBatchingWindow, maxRetryAttempts, parallelism, pollInterval, shardSyncInterval,
                retryDelay, functionName);
    }

    public KinesisEventSourceSettings withBatchSize(int batchSize) {
        return new KinesisEventSourceSettings(streamName, startingPosition, batchSize,
                maxBatchingWindow, maxRetryAttempts, parallelism, pollInterval, shardSyncInterval,
                retryDelay, functionName);
    }

    public KinesisEventSourceSettings withMaxBatchingWindow(Duration maxBatchingWindow) {
        return new KinesisEventSourceSettings(streamName, startingPosition, batchSize,
                maxBatchingWindow, maxRetryAttempts, parallelism, pollInterval, shardSyncInterval,
                retryDelay, functionName);
    }

    public KinesisEventSourceSettings withMaxRetryAttempts(int maxRetryAttempts) {
        return new KinesisEventSourceSettings(streamName, startingPosition, batchSize,
                maxBatchingWindow, maxRetryAttempts, parallelism, pollInterval, shardSyncInterval,
                retryDelay, functionName);
    }

    public KinesisEventSourceSettings withParallelism(int parallelism) {
        return new KinesisEventSourceSettings(streamName, startingPosition, batchSize,
                maxBatchingWindow, maxRetryAttempts, parallelism, pollInterval, shardSyncInterval,
                retryDelay, functionName);
    }

    public KinesisEventSourceSettings withPollInterval(Duration pollInterval) {
        return new KinesisEventSourceSettings(streamName, startingPosition, batchSize,
                maxBatchingWindow, maxRetryAttempts, parallelism, pollInterval, shardSyncInterval,
                retryDelay, functionName);
    }

    public KinesisEventSourceSettings withShardSyncInterval(Duration shardSyncInterval) {
        return new KinesisEventSourceSettings(streamName, startingPosition, batchSize,
                maxBatchingWindow, maxRetryAttempts, parallelism, pollInterval, shardSyncInterval,
                retryDelay, functionName);
    }

    public KinesisEventSourceSettings withRetryDelay(Duration retryDelay) {
        return new KinesisEventSourceSettings(streamName, startingPosition, batchSize,
                maxBatchingWindow, maxRetryAttempts, parallelism, pollInterval, shardSyncInterval,
                retryDelay, functionName);
    }

    public KinesisEventSourceSettings withFunctionName(String functionName) {
        return new KinesisEventSourceSettings(streamName, startingPosition, batchSize,
                maxBatchingWindow, maxRetryAttempts, parallelism, pollInterval, shardSyncInterval,
                retryDelay, functionName);
    }
}
