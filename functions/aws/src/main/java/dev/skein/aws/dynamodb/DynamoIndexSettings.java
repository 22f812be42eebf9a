package dev.skein.aws.dynamodb;

import dev.skein.aws.RetrySettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link DynamoTraceIndex} lays out and writes the index.
 *
 * @param searchShards partitions one (tenant, service, hour) of search entries is spread over,
 *     so one busy service cannot exceed a partition's write rate; writers and readers must agree
 *     (a reader queries shards {@code 0..searchShards-1}, a writer refuses any other shard)
 * @param edgeRetention how long an edge item lives after its minute (the {@code expiresAt} its
 *     writes set): edge deltas carry no expiry of their own
 * @param batchRetry how BatchWriteItem calls are retried for unprocessed items
 */
public record DynamoIndexSettings(int searchShards, Duration edgeRetention,
        RetrySettings batchRetry) {

    public static final int DEFAULT_SEARCH_SHARDS = 4;
    public static final Duration DEFAULT_EDGE_RETENTION = Duration.ofDays(30);

    public DynamoIndexSettings {
        if (searchShards < 1) {
            throw new IllegalArgumentException("searchShards must be at least 1, got " + searchShards);
        }
        Objects.requireNonNull(edgeRetention, "edgeRetention");
        if (edgeRetention.isNegative() || edgeRetention.isZero()) {
            throw new IllegalArgumentException("edgeRetention must be positive, got " + edgeRetention);
        }
        Objects.requireNonNull(batchRetry, "batchRetry");
    }

    /** 4 search shards, edges kept 30 days, {@link RetrySettings#defaults()}. */
    public static DynamoIndexSettings defaults() {
        return new DynamoIndexSettings(DEFAULT_SEARCH_SHARDS, DEFAULT_EDGE_RETENTION,
                RetrySettings.defaults());
    }

    public DynamoIndexSettings withSearchShards(int searchShards) {
        return new DynamoIndexSettings(searchShards, edgeRetention, batchRetry);
    }

    public DynamoIndexSettings withEdgeRetention(Duration edgeRetention) {
        return new DynamoIndexSettings(searchShards, edgeRetention, batchRetry);
    }

    public DynamoIndexSettings withBatchRetry(RetrySettings batchRetry) {
        return new DynamoIndexSettings(searchShards, edgeRetention, batchRetry);
    }
}
