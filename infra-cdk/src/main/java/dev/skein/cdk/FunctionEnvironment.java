package dev.skein.cdk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables the functions read (README "Limits and settings"), built from the
 * props so that the functions that must agree get the same values: the assembler, the finalizer
 * and the query function share one set of pipeline settings (a query function with fewer search
 * shards than the assembler would miss traces), and ingest and query one set of quotas.
 */
final class FunctionEnvironment {
    private FunctionEnvironment() {}

    /**
     * The tenants' quotas, which ingest and query enforce alike; nothing when no quota was set,
     * so the functions keep their built-in defaults. No default tenant is ever set: the tenant
     * comes only from the authorizer's context, and a request without one is refused rather
     * than filed under someone else's.
     */
    static Map<String, String> quotas(SkeinProps props) {
        return props.quotasJson().map(json -> Map.of("SKEIN_QUOTAS", json)).orElse(Map.of());
    }

    /** What the assembler, the finalizer and the query function read alike (dev.skein.assembly.PipelineSettings). */
    static Map<String, String> pipeline(SkeinProps props, ArchiveStorage storage) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SKEIN_BUCKET", storage.bucket.getBucketName());
        env.put("SKEIN_TABLE", storage.table.getTableName());
        env.put("SKEIN_RETENTION_DAYS", Integer.toString(props.retentionDays()));
        env.put("SKEIN_IDLE_SECONDS", Integer.toString(props.idlePeriod().toSeconds().intValue()));
        env.put("SKEIN_SEARCH_SHARDS", Integer.toString(props.searchShards()));
        props.autocompleteKeys().ifPresent(keys -> env.put("SKEIN_AUTOCOMPLETE_KEYS", String.join(",", keys)));
        return env;
    }
}
