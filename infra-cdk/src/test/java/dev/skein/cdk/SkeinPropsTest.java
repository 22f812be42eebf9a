package dev.skein.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.logs.RetentionDays;

/** The props' defaults and bounds: a bad value fails when the props are built, naming the setting. */
class SkeinPropsTest {
    @Test
    void defaults_areSafeAndDocumented() {
        SkeinProps p = SkeinProps.builder().build();
        assertThat(p.retentionDays()).isEqualTo(30);
        assertThat(p.idlePeriod().toSeconds()).isEqualTo(10);
        assertThat(p.streamCapacity().provisionedShards()).isEmpty();
        assertThat(p.architecture().getName()).isEqualTo(Architecture.ARM_64.getName());
        assertThat(p.assemblerBatchSize()).isEqualTo(100);
        assertThat(p.assemblerBatchingWindow().toSeconds()).isEqualTo(10);
        assertThat(p.finalizerBatchSize()).isEqualTo(10);
        assertThat(p.maxBodyBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(p.corsOrigins()).containsExactly("*");
        assertThat(p.defaultTenant()).isEqualTo("default");
        assertThat(p.authorizer()).isEmpty();
        assertThat(p.authorizerCacheTtl().toSeconds().intValue()).isEqualTo(60);
        assertThat(p.memoryMb(FunctionKind.AUTHORIZER)).isEqualTo(512);
        assertThat(p.defaultQuota()).isEmpty();
        assertThat(p.tenantQuotas()).isEmpty();
        assertThat(p.quotasJson()).isEmpty();
        assertThat(p.alarmEmail()).isEmpty();
        assertThat(p.logRetention()).isEqualTo(RetentionDays.ONE_MONTH);
        assertThat(p.dataRemovalPolicy()).isEqualTo(RemovalPolicy.RETAIN);
    }

    static Stream<Arguments> outOfBounds() {
        return Stream.of(
                bad("retentionDays", b -> b.retentionDays(0)),
                bad("idlePeriod", b -> b.idlePeriod(Duration.seconds(901))),
                bad("query memory", b -> b.memoryMb(FunctionKind.QUERY, 64)),
                bad("assemblerBatchSize", b -> b.assemblerBatchSize(10_001)),
                bad("assemblerBatchingWindow", b -> b.assemblerBatchingWindow(Duration.minutes(6))),
                bad("parallelizationFactor", b -> b.parallelizationFactor(11)),
                bad("streamRetryAttempts", b -> b.streamRetryAttempts(-1)),
                bad("streamMaxRecordAge", b -> b.streamMaxRecordAge(Duration.hours(25))),
                bad("streamMaxRecordAge", b -> b.streamMaxRecordAge(Duration.seconds(59))),
                bad("finalizerBatchSize", b -> b.finalizerBatchSize(0)),
                bad("finalizerBatchingWindow of at least 1 s", b -> b.finalizerBatchSize(11)),
                bad("searchShards", b -> b.searchShards(65)),
                bad("maxBodyBytes", b -> b.maxBodyBytes(4 * 1024 * 1024 + 1)),
                bad("maxSpansPerRequest", b -> b.maxSpansPerRequest(0)),
                bad("defaultTenant", b -> b.defaultTenant("a/b")),
                bad("authorizerCacheTtl", b -> b.authorizerCacheTtl(Duration.seconds(3601))),
                bad("authorizer memory", b -> b.memoryMb(FunctionKind.AUTHORIZER, 10_241)),
                bad("tenantQuota's tenant", b -> b.tenantQuota("team#a", TenantQuota.builder().spansPerSecond(1).build())),
                bad("tenantQuota's tenant", b -> b.tenantQuota("t".repeat(65), TenantQuota.builder().spansPerSecond(1).build())),
                bad("tenantQuota's tenant", b -> b.tenantQuota("", TenantQuota.builder().spansPerSecond(1).build())),
                bad("corsOrigins", b -> b.corsOrigins(List.of())),
                bad("corsOrigins", b -> b.corsOrigins(List.of("https://a.example, https://b.example"))),
                bad("autocompleteKeys", b -> b.autocompleteKeys(List.of("a,b"))),
                bad("alarmEmail", b -> b.alarmEmail("not an address")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfBounds")
    void build_refusesAValueOutOfBounds_namingTheSetting(String setting, UnaryOperator<SkeinProps.Builder> change) {
        assertThatThrownBy(() -> change.apply(SkeinProps.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(setting);
    }

    @Test
    void build_acceptsTheEdgesOfEachRange() {
        SkeinProps p = SkeinProps.builder().retentionDays(1).idlePeriod(Duration.seconds(900))
                .streamMaxRecordAge(Duration.hours(24)).finalizerBatchSize(11).finalizerBatchingWindow(Duration.seconds(1))
                .maxBodyBytes(4 * 1024 * 1024).searchShards(64).parallelizationFactor(10).build();
        assertThat(p.finalizerBatchSize()).isEqualTo(11);
        assertThat(SkeinProps.builder().authorizerCacheTtl(Duration.seconds(0)).build().authorizerCacheTtl().toSeconds().intValue()).isZero();
        assertThat(SkeinProps.builder().authorizerCacheTtl(Duration.hours(1)).build().authorizerCacheTtl().toSeconds().intValue()).isEqualTo(3600);
        String longest = "t".repeat(64);
        assertThat(SkeinProps.builder().tenantQuota(longest, TenantQuota.builder().burstSeconds(1).build()).build()
                .tenantQuotas()).containsOnlyKeys(longest);
    }

    @Test
    void quotas_overLambdasEnvironmentBudget_failNamingTheSizeAndWhatToDo() {
        SkeinProps.Builder b = SkeinProps.builder();
        TenantQuota everyField = TenantQuota.builder().spansPerSecond(100_000).bytesPerSecond(104_857_600)
                .queriesPerSecond(100).burstSeconds(10).build();
        for (int i = 0; i < 40; i++) b.tenantQuota("tenant-" + i, everyField);
        assertThatThrownBy(b::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SKEIN_QUOTAS")
                .hasMessageContaining("more than 3072 of Lambda's 4 KB")
                .hasMessageContaining("fewer tenantQuota overrides");
    }

    @Test
    void quotas_justUnderTheBudget_areAccepted() {
        SkeinProps.Builder b = SkeinProps.builder();
        for (int i = 0; i < 25; i++) {
            b.tenantQuota("tenant-" + i, TenantQuota.builder().spansPerSecond(100_000).bytesPerSecond(104_857_600)
                    .queriesPerSecond(100).burstSeconds(10).build());
        }
        assertThat(b.build().quotasJson().orElseThrow().length()).isBetween(2_500, SkeinProps.MAX_QUOTAS_JSON_BYTES);
    }

    @Test
    void streamCapacity_provisioned_takesOneTo500Shards() {
        assertThat(StreamCapacity.provisioned(500).provisionedShards()).hasValue(500);
        assertThatThrownBy(() -> StreamCapacity.provisioned(0)).hasMessageContaining("1..500");
    }

    @Test
    void customDomain_wantsAHostNameAndAnAcmCertificate() {
        assertThatThrownBy(() -> new CustomDomain("https://traces.example.com", "arn:aws:acm:us-east-1:1:certificate/x"))
                .hasMessageContaining("host name");
        assertThatThrownBy(() -> new CustomDomain("traces.example.com", "arn:aws:iam::1:server-certificate/x"))
                .hasMessageContaining("ACM certificate");
    }

    @Test
    void functionJars_of_needsEveryFunction() {
        assertThatThrownBy(() -> FunctionJars.of(Map.of(FunctionKind.INGEST, java.nio.file.Path.of("a.jar"))))
                .hasMessageContaining("no jar given for the assembler function");
        assertThat(FunctionJars.builtIn(java.nio.file.Path.of("functions")).path(FunctionKind.AUTHORIZER).toString())
                .startsWith("functions/authorizer/target/skein-authorizer-");
    }

    @Test
    void builtInJars_carryThisBuildsVersion() {
        assertThat(FunctionJars.builtIn(java.nio.file.Path.of("functions")).path(FunctionKind.INGEST).toString())
                .matches("functions/ingest/target/skein-ingest-\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?-lambda\\.jar");
    }

    private static Arguments bad(String setting, UnaryOperator<SkeinProps.Builder> change) {
        return Arguments.of(setting, change);
    }
}
