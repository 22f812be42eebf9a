package dev.skein.assembly;

import dev.skein.model.Utf8Prefix;
import dev.skein.trace.TraceLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 * @param catalogueRefresh a catalogue entry is rewritten after this long, extending its TTL
 *     (default 1 day)
 * @param maxLinkedTraces traces a finalizer reads to resolve span links of one trace (default 8)
 * @param autocompleteKeys attribute keys whose values the catalogue records for autocompletion
 *     ({@code SKEIN_AUTOCOMPLETE_KEYS}, comma-separated, empty for none; default {@link
 *     #DEFAULT_AUTOCOMPLETE_KEYS}); at most {@value #MAX_AUTOCOMPLETE_KEYS} keys of 1 to
 *     {@value #MAX_AUTOCOMPLETE_KEY_BYTES} UTF-8 bytes. Keys whose values are few (methods,
 *     status codes, routes, systems, environments): a key with a value per request costs
 *     catalogue writes and autocompletes nothing useful.
 */
public record PipelineSettings(
        Duration idlePeriod,
        Duration retention,
        int searchShards,
        int archiveCompression,
        Duration catalogueRefresh,
        int maxLinkedTraces,
        TraceLimits traceLimits,
        List<String> autocompleteKeys) {

    /** The most autocomplete keys: each can add catalogue writes. */
    public static final int MAX_AUTOCOMPLETE_KEYS = 64;
    /** UTF-8 bytes of one autocomplete key; the key becomes part of a DynamoDB key. */
    public static final int MAX_AUTOCOMPLETE_KEY_BYTES = 256;

    /**
     * HTTP method, status and route, RPC method, database and messaging system, deployment
     * environment: in both the current OpenTelemetry semantic-convention names and the older
     * ones that instrumentation (and Zipkin's mapping) still sends.
     */
    public static final List<String> DEFAULT_AUTOCOMPLETE_KEYS = List.of(
            "http.method", "http.request.method", "http.status_code", "http.response.status_code", "http.route",
            "rpc.method", "db.system", "messaging.system", "deployment.environment", "deployment.environment.name");

    public static final PipelineSettings DEFAULTS = new PipelineSettings(Duration.ofSeconds(10),
            Duration.ofDays(30), 4, 6, Duration.ofDays(1), 8, TraceLimits.DEFAULTS, DEFAULT_AUTOCOMPLETE_KEYS);

    public PipelineSettings {
        if (idlePeriod.isNegative() || idlePeriod.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("idle period must be between 0 and 15 minutes (the SQS delay limit)");
        }
        if (retention.toDays() < 1) throw new IllegalArgumentException("retention must be at least one day");
        if (searchShards < 1 || searchShards > 64) throw new IllegalArgumentException("search shards must be 1..64");
        if (archiveCompression < 1 || archiveCompression > 9) {
            throw new IllegalArgumentException("archive compression must be a gzip level 1..9");
        }
        autocompleteKeys = List.copyOf(new LinkedHashSet<>(autocompleteKeys));
        if (autocompleteKeys.size() > MAX_AUTOCOMPLETE_KEYS) {
            throw new IllegalArgumentException("at most " + MAX_AUTOCOMPLETE_KEYS + " autocomplete keys (SKEIN_AUTOCOMPLETE_KEYS), got "
                    + autocompleteKeys.size());
        }
        for (String key : autocompleteKeys) {
            int bytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < 1 || bytes > MAX_AUTOCOMPLETE_KEY_BYTES) {
                throw new IllegalArgumentException("an autocomplete key (SKEIN_AUTOCOMPLETE_KEYS) must be 1.." + MAX_AUTOCOMPLETE_KEY_BYTES
                        + " UTF-8 bytes, got " + bytes + ": '" + Utf8Prefix.of(key, 64) + "'");
            }
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
                TraceLimits.fromEnvironment(env),
                env.containsKey("SKEIN_AUTOCOMPLETE_KEYS")
                        ? keyList(env.get("SKEIN_AUTOCOMPLETE_KEYS")) : d.autocompleteKeys);
    }

    /** Comma-separated keys, each trimmed; empty elements (and an empty list) are left out. */
    private static List<String> keyList(String commaSeparated) {
        List<String> keys = new ArrayList<>();
        for (String key : commaSeparated.split(",")) {
            if (!key.isBlank()) keys.add(key.trim());
        }
        return keys;
    }

    public PipelineSettings withIdlePeriod(Duration idle) {
        return new PipelineSettings(idle, retention, searchShards, archiveCompression, catalogueRefresh,
                maxLinkedTraces, traceLimits, autocompleteKeys);
    }

    public PipelineSettings withAutocompleteKeys(List<String> keys) {
        return new PipelineSettings(idlePeriod, retention, searchShards, archiveCompression, catalogueRefresh,
                maxLinkedTraces, traceLimits, keys);
    }

    /** The TTL of something that arrived at {@code arrivalEpochMillis}. */
    public long expiresAt(long arrivalEpochMillis) {
        return arrivalEpochMillis / 1000 + retention.toSeconds();
    }
}
