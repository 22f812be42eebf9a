package dev.skein.cdk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables the functions read (README "Limits and settings"), built from the
 * props so that the functions that must agree get the same values: the assembler, the finalizer
 * and the query function share one set of pipeline settings (a query function with fewer search
 * shards than the assembler would miss traces).
 */
final class FunctionEnvironment {
    private FunctionEnvironment() {}

    /**
     * Single-tenant mode: without an authorizer every request belongs to the default tenant.
     * With one, no default is set, so a request whose authorizer context names no tenant is
     * refused rather than filed under someone else's.
     */
    static Map<String, String> tenant(SkeinProps props) {
        return props.authorizer().isPresent() ? Map.of() : Map.of("SKEIN_DEFAULT_TENANT", props.defaultTenant());
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
