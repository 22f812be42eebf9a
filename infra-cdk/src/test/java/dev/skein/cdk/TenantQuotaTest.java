package dev.skein.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Quotas as props, and the SKEIN_QUOTAS JSON they become (the tenancy contract's format). */
class TenantQuotaTest {
    @Test
    void settingsJson_holdsTheDefaultAndEachTenantsOverride_withOnlyTheFieldsThatWereSet() {
        Map<String, TenantQuota> tenants = new LinkedHashMap<>();
        tenants.put("team-a", TenantQuota.builder().spansPerSecond(50_000).build());
        tenants.put("ops.eu", TenantQuota.builder().bytesPerSecond(1_048_576).queriesPerSecond(100).build());
        TenantQuota defaults = TenantQuota.builder().spansPerSecond(10_000).bytesPerSecond(10_485_760)
                .queriesPerSecond(25).burstSeconds(2).build();
        assertThat(TenantQuota.settingsJson(defaults, tenants)).hasValue("{\"default\":{\"spansPerSecond\":10000,"
                + "\"bytesPerSecond\":10485760,\"queriesPerSecond\":25,\"burstSeconds\":2},"
                + "\"tenants\":{\"team-a\":{\"spansPerSecond\":50000},"
                + "\"ops.eu\":{\"bytesPerSecond\":1048576,\"queriesPerSecond\":100}}}");
    }

    @Test
    void settingsJson_leavesOutWhatWasNotSet() {
        assertThat(TenantQuota.settingsJson(null, Map.of())).isEmpty();
        assertThat(TenantQuota.settingsJson(TenantQuota.builder().burstSeconds(5).build(), Map.of()))
                .hasValue("{\"default\":{\"burstSeconds\":5}}");
        assertThat(TenantQuota.settingsJson(null, Map.of("t", TenantQuota.builder().queriesPerSecond(1).build())))
                .hasValue("{\"tenants\":{\"t\":{\"queriesPerSecond\":1}}}");
    }

    @Test
    void aTenantGivenTwice_keepsTheLastQuota() {
        SkeinProps props = SkeinProps.builder()
                .tenantQuota("team-a", TenantQuota.builder().spansPerSecond(1).build())
                .tenantQuota("team-a", TenantQuota.builder().spansPerSecond(2).build())
                .build();
        assertThat(props.tenantQuotas()).containsExactly(Map.entry("team-a", TenantQuota.builder().spansPerSecond(2).build()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spansPerSecond", "bytesPerSecond", "queriesPerSecond", "burstSeconds"})
    void everyField_mustBeGreaterThanZero(String field) {
        for (long bad : new long[] {0, -1}) {
            assertThatThrownBy(() -> setter(field, bad).apply(TenantQuota.builder()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(field + " must be greater than 0, got " + bad);
        }
        assertThat(setter(field, 1).apply(TenantQuota.builder()).build().toJson()).isEqualTo("{\"" + field + "\":1}");
    }

    private static UnaryOperator<TenantQuota.Builder> setter(String field, long value) {
        return switch (field) {
            case "spansPerSecond" -> b -> b.spansPerSecond(value);
            case "bytesPerSecond" -> b -> b.bytesPerSecond(value);
            case "queriesPerSecond" -> b -> b.queriesPerSecond(value);
            case "burstSeconds" -> b -> b.burstSeconds(value);
            default -> throw new IllegalArgumentException(field);
        };
    }
}
