package dev.skein.cdk;

import java.util.OptionalInt;

/**
 * How the span stream gets its capacity: on demand (Kinesis adds shards as traffic grows, billed
 * per GB) or a fixed number of provisioned shards (billed per shard-hour, cheaper for steady
 * traffic above roughly a shard's worth).
 */
public final class StreamCapacity {
    /** Kinesis's limit on shards per stream in most accounts without a quota increase. */
    static final int MAX_PROVISIONED_SHARDS = 500;

    private final Integer shards;

    private StreamCapacity(Integer shards) {
        this.shards = shards;
    }

    /** On-demand mode: the default. */
    public static StreamCapacity onDemand() {
        return new StreamCapacity(null);
    }

    /**
     * Provisioned mode with {@code shards} shards, 1 to 500. Each shard takes 1 MB/s or 1,000
     * records/s of ingest and is read by its own assembler invocations (times the
     * parallelization factor).
     */
    public static StreamCapacity provisioned(int shards) {
        if (shards < 1 || shards > MAX_PROVISIONED_SHARDS) {
            throw new IllegalArgumentException("provisioned shards must be 1.." + MAX_PROVISIONED_SHARDS + ", got " + shards);
        }
        return new StreamCapacity(shards);
    }

    /** The provisioned shard count; empty in on-demand mode. */
    public OptionalInt provisionedShards() {
        return shards == null ? OptionalInt.empty() : OptionalInt.of(shards);
    }

    @Override
    public String toString() {
        return shards == null ? "on-demand" : shards + " provisioned shards";
    }
}
