package dev.skein.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class QuotaPolicyTest {

    @Test
    void defaultQuota_isTheDocumentedOne() {
        assertThat(TenantQuota.DEFAULT).isEqualTo(new TenantQuota(10_000, 10_485_760, 25, 2));
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\n", "{}", "{\"default\":{}}", "{\"tenants\":{}}", "{\"default\":{},\"tenants\":{}}"})
    void parse_ofNothingConfigured_givesTheDefaultToEveryone(String json) {
        QuotaPolicy policy = QuotaPolicy.parse(json);

        assertThat(policy.forTenant("acme")).isEqualTo(TenantQuota.DEFAULT);
        assertThat(QuotaPolicy.defaults().forTenant("acme")).isEqualTo(TenantQuota.DEFAULT);
    }

    @Test
    void parse_theDocumentedExample() {
        QuotaPolicy policy = QuotaPolicy.parse("""
                {"default":{"spansPerSecond":10000,"bytesPerSecond":10485760,"queriesPerSecond":25,"burstSeconds":2},
                 "tenants":{"team-a":{"spansPerSecond":50000}}}""");

        assertThat(policy.forTenant("team-a")).isEqualTo(new TenantQuota(50_000, 10_485_760, 25, 2));
        assertThat(policy.forTenant("team-b")).isEqualTo(TenantQuota.DEFAULT);
    }

    @Test
    void parse_aPartialDefault_keepsTheBuiltInValuesForTheRest() {
        QuotaPolicy policy = QuotaPolicy.parse("{\"default\":{\"queriesPerSecond\":5,\"burstSeconds\":0.5}}");

        assertThat(policy.forTenant("acme")).isEqualTo(new TenantQuota(10_000, 10_485_760, 5, 0.5));
    }

    @Test
    void parse_tenantOverrides_inheritTheConfiguredDefaultsOtherFields_whateverTheOrder() {
        QuotaPolicy policy = QuotaPolicy.parse("""
                {"tenants":{"big.co":{"spansPerSecond":50000,"burstSeconds":4},"tiny_1":{"bytesPerSecond":1000}},
                 "default":{"spansPerSecond":100,"queriesPerSecond":3}}""");

        assertThat(policy.forTenant("big.co")).isEqualTo(new TenantQuota(50_000, 10_485_760, 3, 4));
        assertThat(policy.forTenant("tiny_1")).isEqualTo(new TenantQuota(100, 1000, 3, 2));
        assertThat(policy.forTenant("other")).isEqualTo(new TenantQuota(100, 10_485_760, 3, 2));
    }

    @Test
    void parse_acceptsFractionsAndExponents() {
        assertThat(QuotaPolicy.parse("{\"default\":{\"queriesPerSecond\":0.25,\"spansPerSecond\":1e5}}").forTenant("a"))
                .isEqualTo(new TenantQuota(100_000, 10_485_760, 0.25, 2));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"default\":{\"spansPerSec\":5}}|default has unknown field 'spansPerSec'",
            "{\"tenants\":{\"a\":{\"rate\":5}}}|tenant a has unknown field 'rate'",
            "{\"defaults\":{}}|unknown field 'defaults'",
            "{\"default\":{\"spansPerSecond\":\"100\"}}|default.spansPerSecond must be a number",
            "{\"default\":{\"burstSeconds\":null}}|default.burstSeconds must be a number",
            "{\"default\":{\"bytesPerSecond\":true}}|default.bytesPerSecond must be a number",
            "{\"tenants\":{\"a\":{\"queriesPerSecond\":[1]}}}|tenant a.queriesPerSecond must be a number",
            "{\"default\":{\"spansPerSecond\":0}}|default: spansPerSecond must be a positive number",
            "{\"default\":{\"burstSeconds\":-1}}|default: burstSeconds must be a positive number",
            "{\"tenants\":{\"a\":{\"queriesPerSecond\":0}}}|tenant a: queriesPerSecond must be a positive number",
            "{\"tenants\":{\"a\":{\"bytesPerSecond\":-0.5}}}|tenant a: bytesPerSecond must be a positive number",
            "{\"default\":{\"spansPerSecond\":1e999}}|default: spansPerSecond must be a positive number",
            "{\"default\":5}|default must be an object",
            "{\"tenants\":[]}|\"tenants\" must be an object",
            "{\"tenants\":{\"a\":5}}|tenant a must be an object",
            "[]|must be a JSON object",
            "5|must be a JSON object",
            "null|must be a JSON object",
    })
    void parse_refusesWhatItCannotUse_namingTheField(String json, String message) {
        assertThatThrownBy(() -> QuotaPolicy.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SKEIN_QUOTAS")
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"{\"tenants\":{\"a b\":{}}}", "{\"tenants\":{\"\":{}}}", "{\"tenants\":{\"a#b\":{\"spansPerSecond\":1}}}"})
    void parse_refusesATenantIdSkeinCannotStore(String json) {
        assertThatThrownBy(() -> QuotaPolicy.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SKEIN_QUOTAS")
                .hasMessageContaining("1-64 of A-Z a-z 0-9 _ . -");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"{", "{\"default\":", "{\"default\":{\"spansPerSecond\":", "{\"default\":{}",
            "{default:{}}", "{\"default\":{}}}", "{\"default\":{}} {}", "{\"default\":{\"spansPerSecond\":1,}}", "nonsense"})
    void parse_refusesJsonThatIsNotValid(String json) {
        assertThatThrownBy(() -> QuotaPolicy.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SKEIN_QUOTAS");
    }

    @Test
    void tenantQuota_refusesRatesNotAboveZero_namingTheField() {
        assertThatThrownBy(() -> new TenantQuota(0, 1, 1, 1)).hasMessageContaining("spansPerSecond");
        assertThatThrownBy(() -> new TenantQuota(1, -1, 1, 1)).hasMessageContaining("bytesPerSecond");
        assertThatThrownBy(() -> new TenantQuota(1, 1, Double.NaN, 1)).hasMessageContaining("queriesPerSecond");
        assertThatThrownBy(() -> new TenantQuota(1, 1, 1, Double.POSITIVE_INFINITY)).hasMessageContaining("burstSeconds");
    }

    @Test
    void forTenant_ofAPolicyBuiltByHand_fallsBackToItsDefault() {
        TenantQuota fallback = new TenantQuota(1, 2, 3, 4);
        TenantQuota special = new TenantQuota(5, 6, 7, 8);
        QuotaPolicy policy = new QuotaPolicy(fallback, Map.of("vip", special));

        assertThat(policy.forTenant("vip")).isEqualTo(special);
        assertThat(policy.forTenant("anyone")).isEqualTo(fallback);
    }
}
