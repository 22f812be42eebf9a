package dev.skein.tenancy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Every tenant's quota: a default and per-tenant overrides, from {@code SKEIN_QUOTAS}:
 *
 * <pre>{"default":{"spansPerSecond":10000,"bytesPerSecond":10485760,"queriesPerSecond":25,"burstSeconds":2},
 *  "tenants":{"team-a":{"spansPerSecond":50000}}}</pre>
 *
 * A field a tenant leaves out is the default's; a field the default leaves out is {@link
 * TenantQuota#DEFAULT}'s.
 */
public final class QuotaPolicy {
    private static final JsonFactory JSON = new JsonFactory();

    private final TenantQuota fallback;
    private final Map<String, TenantQuota> tenants;

    public QuotaPolicy(TenantQuota fallback, Map<String, TenantQuota> tenants) {
        this.fallback = fallback;
        this.tenants = Map.copyOf(tenants);
    }

    /** Every tenant gets {@link TenantQuota#DEFAULT}. */
    public static QuotaPolicy defaults() {
        return new QuotaPolicy(TenantQuota.DEFAULT, Map.of());
    }

    public TenantQuota forTenant(String tenant) {
        return tenants.getOrDefault(tenant, fallback);
    }

    /**
     * The policy in {@code json}; blank means {@link #defaults()}.
     *
     * @throws IllegalArgumentException naming what is wrong (unknown field, bad tenant ID, a rate not above zero)
     */
    public static QuotaPolicy parse(String json) {
        if (json == null || json.isBlank()) return defaults();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "SKEIN_QUOTAS must be a JSON object");
            Map<String, Double> defaults = Map.of();
            Map<String, Map<String, Double>> overrides = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "default" -> defaults = fields(p, "default");
                    case "tenants" -> {
                        expect(p, p.currentToken(), JsonToken.START_OBJECT, "SKEIN_QUOTAS: \"tenants\" must be an object");
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String tenant = p.currentName();
                            requireTenant(tenant);
                            p.nextToken();
                            overrides.put(tenant, fields(p, "tenant " + tenant));
                        }
                    }
                    default -> throw new IllegalArgumentException("SKEIN_QUOTAS: unknown field '" + field
                            + "'; it has \"default\" and \"tenants\"");
                }
            }
            expect(p, p.nextToken(), null, "SKEIN_QUOTAS: something follows the JSON object");
            TenantQuota fallback = merge(TenantQuota.DEFAULT, defaults, "default");
            Map<String, TenantQuota> tenants = new HashMap<>();
            overrides.forEach((tenant, f) -> tenants.put(tenant, merge(fallback, f, "tenant " + tenant)));
            return new QuotaPolicy(fallback, tenants);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("SKEIN_QUOTAS is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("SKEIN_QUOTAS could not be read: " + e.getMessage());
        }
    }

    private static Map<String, Double> fields(JsonParser p, String where) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT, "SKEIN_QUOTAS: " + where + " must be an object");
        Map<String, Double> fields = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (!name.equals("spansPerSecond") && !name.equals("bytesPerSecond")
                    && !name.equals("queriesPerSecond") && !name.equals("burstSeconds")) {
                throw new IllegalArgumentException("SKEIN_QUOTAS: " + where + " has unknown field '" + name
                        + "'; quotas have spansPerSecond, bytesPerSecond, queriesPerSecond, burstSeconds");
            }
            if (!p.nextToken().isNumeric()) {
                throw new IllegalArgumentException("SKEIN_QUOTAS: " + where + "." + name + " must be a number");
            }
            fields.put(name, p.getDoubleValue());
        }
        return fields;
    }

    private static TenantQuota merge(TenantQuota base, Map<String, Double> f, String where) {
        try {
            return new TenantQuota(f.getOrDefault("spansPerSecond", base.spansPerSecond()),
                    f.getOrDefault("bytesPerSecond", base.bytesPerSecond()),
                    f.getOrDefault("queriesPerSecond", base.queriesPerSecond()),
                    f.getOrDefault("burstSeconds", base.burstSeconds()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SKEIN_QUOTAS: " + where + ": " + e.getMessage());
        }
    }

    private static void requireTenant(String tenant) {
        try {
            KeyManager.requireTenant(tenant);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SKEIN_QUOTAS: \"tenants\": " + e.getMessage());
        }
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken wanted, String message) {
        if (actual != wanted) throw new IllegalArgumentException(message);
    }
}
