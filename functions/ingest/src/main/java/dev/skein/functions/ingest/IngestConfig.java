package dev.skein.functions.ingest;

import dev.skein.aws.lambda.HttpApiEvents;
import dev.skein.ingest.IngestLimits;
import dev.skein.model.Tenants;
import dev.skein.tenancy.QuotaPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The ingest function's settings, read once at start-up from its environment. A missing or
 * malformed setting fails the start, not a request.
 *
 * @param streamName the Kinesis stream spans go to ({@code SKEIN_STREAM_NAME}, required)
 * @param defaultTenant the tenant when no authorizer is configured ({@code SKEIN_DEFAULT_TENANT});
 *     empty means every request must carry an authorizer context
 * @param limits every ingest bound ({@code SKEIN_MAX_*}, see {@link IngestLimits})
 * @param compressionLevel deflate level of stream records, 0 for none ({@code SKEIN_RECORD_COMPRESSION}, default 6)
 * @param retryAfter what a 503 tells the client to wait ({@code SKEIN_RETRY_AFTER}, default PT2S)
 * @param quotas each tenant's rates ({@code SKEIN_QUOTAS}, see {@link QuotaPolicy})
 * @param quotaTable the table where every instance keeps the tenants' buckets ({@code
 *     SKEIN_TABLE}); empty keeps them in this instance only
 */
public record IngestConfig(String streamName, Optional<String> defaultTenant, IngestLimits limits,
        int compressionLevel, Duration retryAfter, QuotaPolicy quotas, Optional<String> quotaTable) {

    /** Default quotas, kept per instance. */
    public IngestConfig(String streamName, Optional<String> defaultTenant, IngestLimits limits,
            int compressionLevel, Duration retryAfter) {
        this(streamName, defaultTenant, limits, compressionLevel, retryAfter, QuotaPolicy.defaults(), Optional.empty());
    }

    public IngestConfig {
        if (streamName == null || streamName.isBlank()) {
            throw new IllegalArgumentException("SKEIN_STREAM_NAME is required");
        }
        defaultTenant.ifPresent(t -> {
            if (!Tenants.isValid(t)) {
                throw new IllegalArgumentException("SKEIN_DEFAULT_TENANT must be 1-64 of A-Z a-z 0-9 _ . -, got '" + t + "'");
            }
        });
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("SKEIN_RECORD_COMPRESSION must be 0-9, got " + compressionLevel);
        }
    }

    public static IngestConfig fromEnvironment(Map<String, String> env) {
        String level = env.getOrDefault("SKEIN_RECORD_COMPRESSION", "6").trim();
        int compression;
        try {
            compression = Integer.parseInt(level);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SKEIN_RECORD_COMPRESSION must be 0-9, got '" + level + "'");
        }
        Duration retryAfter = Duration.parse(env.getOrDefault("SKEIN_RETRY_AFTER", "PT2S").trim());
        return new IngestConfig(env.getOrDefault("SKEIN_STREAM_NAME", ""),
                HttpApiEvents.defaultTenant(env),
                IngestLimits.fromEnvironment(env), compression, retryAfter,
                QuotaPolicy.parse(env.get("SKEIN_QUOTAS")),
                Optional.ofNullable(env.get("SKEIN_TABLE")).map(String::trim).filter(t -> !t.isEmpty()));
    }
}
