package dev.skein.cdk;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rates a tenant may use: ingest in spans and bytes per second (bytes of request bodies after
 * decompression), queries per second, and how many seconds of unused rate a quiet tenant may
 * spend at once ({@code burstSeconds}). Over a rate, ingest and query answer 429 with {@code
 * Retry-After}.
 *
 * <p>Every field is optional: as {@link SkeinProps.Builder#defaultQuota} an unset field keeps
 * the functions' built-in default, as {@link SkeinProps.Builder#tenantQuota} it keeps the
 * default quota's value.
 *
 * <pre>{@code
 * TenantQuota.builder().spansPerSecond(50_000).burstSeconds(5).build()
 * }</pre>
 */
public final class TenantQuota {
    private final Long spansPerSecond;
    private final Long bytesPerSecond;
    private final Long queriesPerSecond;
    private final Long burstSeconds;

    private TenantQuota(Builder b) {
        spansPerSecond = b.spansPerSecond;
        bytesPerSecond = b.bytesPerSecond;
        queriesPerSecond = b.queriesPerSecond;
        burstSeconds = b.burstSeconds;
    }

    public static Builder builder() {
        return new Builder();
    }

    public OptionalLong spansPerSecond() {
        return optional(spansPerSecond);
    }

    public OptionalLong bytesPerSecond() {
        return optional(bytesPerSecond);
    }

    public OptionalLong queriesPerSecond() {
        return optional(queriesPerSecond);
    }

    public OptionalLong burstSeconds() {
        return optional(burstSeconds);
    }

    /**
     * The value of {@code SKEIN_QUOTAS}, which ingest and query read: {@code
     * {"default":{…},"tenants":{"team-a":{…}}}} with only what was set, or empty when nothing
     * was (the functions then use their built-in defaults). Tenant IDs need no escaping: they are
     * letters, digits and {@code _ . -}.
     */
    static Optional<String> settingsJson(TenantQuota defaults, Map<String, TenantQuota> tenants) {
        if (defaults == null && tenants.isEmpty()) return Optional.empty();
        StringBuilder json = new StringBuilder("{");
        if (defaults != null) json.append("\"default\":").append(defaults.toJson());
        if (!tenants.isEmpty()) {
            if (defaults != null) json.append(',');
            json.append("\"tenants\":{");
            String separator = "";
            for (Map.Entry<String, TenantQuota> tenant : tenants.entrySet()) {
                json.append(separator).append('"').append(tenant.getKey()).append("\":").append(tenant.getValue().toJson());
                separator = ",";
            }
            json.append('}');
        }
        return Optional.of(json.append('}').toString());
    }

    /** The set fields as a JSON object; {@code {}} when none is set. */
    String toJson() {
        StringBuilder json = new StringBuilder("{");
        field(json, "spansPerSecond", spansPerSecond);
        field(json, "bytesPerSecond", bytesPerSecond);
        field(json, "queriesPerSecond", queriesPerSecond);
        field(json, "burstSeconds", burstSeconds);
        return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, Long value) {
        if (value == null) return;
        if (json.length() > 1) json.append(',');
        json.append('"').append(name).append("\":").append(value);
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantQuota q && Objects.equals(spansPerSecond, q.spansPerSecond)
                && Objects.equals(bytesPerSecond, q.bytesPerSecond) && Objects.equals(queriesPerSecond, q.queriesPerSecond)
                && Objects.equals(burstSeconds, q.burstSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spansPerSecond, bytesPerSecond, queriesPerSecond, burstSeconds);
    }

    @Override
    public String toString() {
        return "TenantQuota" + toJson();
    }

    /** Each setter refuses a value that is not positive, naming the field. */
    public static final class Builder {
        private Long spansPerSecond;
        private Long bytesPerSecond;
        private Long queriesPerSecond;
        private Long burstSeconds;

        private Builder() {}

        /** Spans a tenant may ingest per second (built-in default 10,000). */
        public Builder spansPerSecond(long spans) {
            this.spansPerSecond = positive("spansPerSecond", spans);
            return this;
        }

        /** Request-body bytes, after decompression, a tenant may ingest per second (built-in default 10 MiB). */
        public Builder bytesPerSecond(long bytes) {
            this.bytesPerSecond = positive("bytesPerSecond", bytes);
            return this;
        }

        /** Query requests a tenant may make per second (built-in default 25). */
        public Builder queriesPerSecond(long queries) {
            this.queriesPerSecond = positive("queriesPerSecond", queries);
            return this;
        }

        /** Seconds of each rate a tenant may spend at once after a quiet spell (built-in default 2). */
        public Builder burstSeconds(long seconds) {
            this.burstSeconds = positive("burstSeconds", seconds);
            return this;
        }

        public TenantQuota build() {
            return new TenantQuota(this);
        }

        private static Long positive(String name, long value) {
            if (value <= 0) throw new IllegalArgumentException(name + " must be greater than 0, got " + value);
            return value;
        }
    }
}
