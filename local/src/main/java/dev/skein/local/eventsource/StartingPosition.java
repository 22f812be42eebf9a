package dev.skein.local.eventsource;

/** Where a {@link KinesisEventSource} starts reading the shards it finds when it starts. */
public enum StartingPosition {
    /** The oldest record still in the shard. */
    TRIM_HORIZON,
    /** Only records added after the source started. */
    LATEST
}
