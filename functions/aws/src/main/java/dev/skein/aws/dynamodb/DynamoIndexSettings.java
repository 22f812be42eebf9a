package dev.skein.aws.dynamodb;

import dev.skein.assembly.PipelineSettings;
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

    /** The layout of {@link PipelineSettings#DEFAULTS}. */
    public static DynamoIndexSettings defaults() {
        return of(PipelineSettings.DEFAULTS);
    }

    /**
     * The layout the pipeline's writers use: its search shards and retention. Every reader and
     * writer of one table must be built from the same pipeline settings.
     */
    public static DynamoIndexSettings of(PipelineSettings pipeline) {
        return new DynamoIndexSettings(pipeline.searchShards(), pipeline.retention(), RetrySettings.defaults());
    }
}
