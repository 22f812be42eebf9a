package dev.skein.assembly;

import dev.skein.trace.TraceLimits;
import java.time.Duration;
import java.util.Map;

/**
 * Settings the assembler, the finalizer and the reader share, so they agree on what they write
 * and read.
 *
 * @param idlePeriod a trace is finalized once no chunk arrived for this long
 *     ({@code SKEIN_IDLE_SECONDS}, default 10)
 * @param retention how long traces are kept; DynamoDB TTL and the S3 lifecycle both use it
 *     ({@code SKEIN_RETENTION_DAYS}, default 30)
 * @param searchShards partitions one service's search entries are spread over
 *     ({@code SKEIN_SEARCH_SHARDS}, default 4)
 * @param archiveCompression gzip level of archive members ({@code SKEIN_ARCHIVE_COMPRESSION},
 *     default 6)
 * @param catalogueRefresh a service or operation is rewritten after this long, extending its TTL
 *     (default 1 day)
 * @param maxLinkedTraces traces a finalizer reads to resolve span links of one trace (default 8)
 */
public record PipelineSettings(
        Duration idlePeriod,
        Duration retention,
        int searchShards,
        int archiveCompression,
        Duration catalogueRefresh,
        int maxLinkedTraces,
        TraceLimits traceLimits) {

    public static final PipelineSettings DEFAULTS = new PipelineSettings(Duration.ofSeconds(10),
            Duration.ofDays(30), 4, 6, Duration.ofDays(1), 8, TraceLimits.DEFAULTS);

    public PipelineSettings {
        if (idlePeriod.isNegative() || idlePeriod.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("idle period must be between 0 and 15 minutes (the SQS delay limit)");
        }
        if (retention.toDays() < 1) throw new IllegalArgumentException("retention must be at least one day");
        if (searchShards < 1 || searchShards > 64) throw new IllegalArgumentException("search shards must be 1..64");
        if (archiveCompression < 1 || archiveCompression > 9) {
            throw new IllegalArgumentException("archive compression must be a gzip level 1..9");
        }
    }

    public static PipelineSettings fromEnvironment(Map<String, String> env) {
        PipelineSettings d = DEFAULTS;
        return new PipelineSettings(
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("SKEIN_IDLE_SECONDS", "" + d.idlePeriod.toSeconds()))),
                Duration.ofDays(Long.parseLong(env.getOrDefault("SKEIN_RETENTION_DAYS", "" + d.retention.toDays()))),
                Integer.parseInt(env.getOrDefault("SKEIN_SEARCH_SHARDS", "" + d.searchShards)),
                Integer.parseInt(env.getOrDefault("SKEIN_ARCHIVE_COMPRESSION", "" + d.archiveCompression)),
                d.catalogueRefresh,
                d.maxLinkedTraces,
                TraceLimits.fromEnvironment(env));
    }

    public PipelineSettings withIdlePeriod(Duration idle) {
        return new PipelineSettings(idle, retention, searchShards, archiveCompression, catalogueRefresh,
                maxLinkedTraces, traceLimits);
    }

    /** The TTL of something that arrived at {@code arrivalEpochMillis}. */
    public long expiresAt(long arrivalEpochMillis) {
        return arrivalEpochMillis / 1000 + retention.toSeconds();
    }
}
