package dev.skein.cdk;

import static dev.skein.cdk.TemplateJson.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The five functions: runtime, SnapStart, alias, memory, timeouts, logs and environment. */
class FunctionsTest {
    private final Synthesis.Synthesized s = Synthesis.defaults();
    private final TemplateJson json = s.json();

    @ParameterizedTest
    @EnumSource(FunctionKind.class)
    void function_runsItsHandlerOnJava21Arm64_withSnapStartOnPublishedVersions(FunctionKind kind) {
        Map<String, Object> f = function(s, kind);
        assertThat(f.get("Runtime")).isEqualTo("java21");
        assertThat(f.get("Architectures")).isEqualTo(List.of("arm64"));
        assertThat(f.get("Handler")).isEqualTo(kind.handler());
        assertThat(f.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(f.get("MemorySize")).isEqualTo(kind == FunctionKind.AUTHORIZER ? 512 : 1024);
    }

    @ParameterizedTest
    @EnumSource(FunctionKind.class)
    void function_isInvokedThroughAnAliasOfItsPublishedVersion(FunctionKind kind) {
        SkeinFunction f = s.skein().function(kind);
        String version = s.logicalId(f.function.getCurrentVersion());
        assertThat(json.properties(s.logicalId(f.alias))).isEqualTo(Map.of(
                "FunctionName", ref(s.logicalId(f.function)),
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version")),
                "Name", "live"));
        assertThat(json.properties(version)).isEqualTo(Map.of("FunctionName", ref(s.logicalId(f.function))));
    }

    @ParameterizedTest
    @EnumSource(FunctionKind.class)
    void function_logsToItsOwnGroup_keptAMonth(FunctionKind kind) {
        String group = s.logicalId(s.skein().function(kind).logGroup);
        assertThat(function(s, kind).get("LoggingConfig")).isEqualTo(Map.of("LogGroup", ref(group)));
        assertThat(json.properties(group)).isEqualTo(Map.of("RetentionInDays", 30));
    }

    @Test
    void timeouts_fitTheApiAndTheQueues() {
        assertThat(function(s, FunctionKind.INGEST).get("Timeout")).isEqualTo(30);
        assertThat(function(s, FunctionKind.QUERY).get("Timeout")).isEqualTo(30);
        assertThat(function(s, FunctionKind.ASSEMBLER).get("Timeout")).isEqualTo(120);
        assertThat(function(s, FunctionKind.FINALIZER).get("Timeout")).isEqualTo(120);
        assertThat(function(s, FunctionKind.AUTHORIZER).get("Timeout")).isEqualTo(10);
    }

    @Test
    void environments_carryExactlyWhatEachFunctionReads_withoutQuotasOrADefaultTenant() {
        String stream = s.logicalId(s.skein().stream().stream);
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("SKEIN_BUCKET", ref(s.logicalId(s.skein().storage().bucket)));
        pipeline.put("SKEIN_TABLE", ref(s.logicalId(s.skein().storage().table)));
        pipeline.put("SKEIN_RETENTION_DAYS", "30");
        pipeline.put("SKEIN_IDLE_SECONDS", "10");
        pipeline.put("SKEIN_SEARCH_SHARDS", "4");
        Map<String, Object> writers = new LinkedHashMap<>(pipeline);
        writers.put("SKEIN_TIMER_QUEUE_URL", ref(s.logicalId(s.skein().timers().queue)));
        Map<String, Object> query = new LinkedHashMap<>(pipeline);
        query.put("SKEIN_CORS_ORIGINS", "*");
        Object table = ref(s.logicalId(s.skein().storage().table));

        assertThat(environment(s, FunctionKind.INGEST)).isEqualTo(Map.of(
                "SKEIN_STREAM_NAME", ref(stream),
                "SKEIN_MAX_BODY_BYTES", "4194304",
                "SKEIN_MAX_SPANS_PER_REQUEST", "10000",
                "SKEIN_TABLE", table));
        assertThat(environment(s, FunctionKind.ASSEMBLER)).isEqualTo(writers);
        assertThat(environment(s, FunctionKind.FINALIZER)).isEqualTo(writers);
        assertThat(environment(s, FunctionKind.QUERY)).isEqualTo(query);
        assertThat(environment(s, FunctionKind.AUTHORIZER)).isEqualTo(Map.of(
                "SKEIN_TABLE", table,
                "SKEIN_AUTH_CACHE_SECONDS", "60"));
    }

    @Test
    void authorizersOwnCache_livesAsLongAsApiGateways() {
        assertThat(environment(Synthesis.tunedKeys(), FunctionKind.AUTHORIZER)).containsEntry("SKEIN_AUTH_CACHE_SECONDS", "300");
    }

    @Test
    void quotas_reachIngestAndQueryAlike_asJsonOfOnlyWhatWasSet() {
        Synthesis.Synthesized c = Synthesis.customized();
        String expected = "{\"default\":{\"spansPerSecond\":20000,\"bytesPerSecond\":20971520,\"queriesPerSecond\":50,"
                + "\"burstSeconds\":4},\"tenants\":{\"team-a\":{\"spansPerSecond\":50000},"
                + "\"batch.jobs\":{\"queriesPerSecond\":5,\"burstSeconds\":10}}}";
        assertThat(environment(c, FunctionKind.INGEST)).containsEntry("SKEIN_QUOTAS", expected);
        assertThat(environment(c, FunctionKind.QUERY)).containsEntry("SKEIN_QUOTAS", expected);
        for (FunctionKind kind : List.of(FunctionKind.ASSEMBLER, FunctionKind.FINALIZER)) {
            assertThat(environment(c, kind)).doesNotContainKey("SKEIN_QUOTAS");
        }
    }

    @Test
    void customizedProps_reachTheFunctions() {
        Synthesis.Synthesized c = Synthesis.customized();
        Map<FunctionKind, Map<String, Object>> env = new EnumMap<>(FunctionKind.class);
        for (SkeinFunction f : c.skein().functions()) {
            FunctionKind kind = f.kind;
            env.put(kind, environment(c, kind));
            assertThat(function(c, kind).get("Architectures")).isEqualTo(List.of("x86_64"));
            assertThat(c.json().properties(c.logicalId(c.skein().function(kind).logGroup))).containsEntry("RetentionInDays", 7);
        }
        assertThat(function(c, FunctionKind.QUERY).get("MemorySize")).isEqualTo(2048);
        assertThat(function(c, FunctionKind.INGEST).get("MemorySize")).isEqualTo(1024);
        assertThat(env.get(FunctionKind.INGEST)).containsEntry("SKEIN_MAX_BODY_BYTES", "1048576")
                .containsEntry("SKEIN_MAX_SPANS_PER_REQUEST", "5000");
        assertThat(env.get(FunctionKind.QUERY)).containsEntry("SKEIN_CORS_ORIGINS",
                "https://grafana.example.com,https://zipkin.example.com");
        for (FunctionKind kind : List.of(FunctionKind.ASSEMBLER, FunctionKind.FINALIZER, FunctionKind.QUERY)) {
            assertThat(env.get(kind)).containsEntry("SKEIN_RETENTION_DAYS", "14")
                    .containsEntry("SKEIN_IDLE_SECONDS", "30")
                    .containsEntry("SKEIN_SEARCH_SHARDS", "8")
                    .containsEntry("SKEIN_AUTOCOMPLETE_KEYS", "http.route,rpc.method");
        }
    }

    @Test
    void noFunctionHasADefaultTenant_withEitherAuthorizer() {
        for (Synthesis.Synthesized synthesized : List.of(s, Synthesis.customized())) {
            for (SkeinFunction f : synthesized.skein().functions()) {
                assertThat(environment(synthesized, f.kind)).doesNotContainKey("SKEIN_DEFAULT_TENANT");
            }
        }
    }

    @Test
    void withATeamsOwnAuthorizer_skeinsIsNotDeployed() {
        Synthesis.Synthesized c = Synthesis.customized();
        assertThat(c.skein().functions()).extracting(f -> f.kind).doesNotContain(FunctionKind.AUTHORIZER);
        assertThatThrownBy(() -> c.skein().getFunction(FunctionKind.AUTHORIZER))
                .hasMessageContaining("SkeinProps.authorizer(...) replaced it");
        assertThat(c.json().resources("AWS::Lambda::Function")).hasSize(4);
    }

    static Map<String, Object> function(Synthesis.Synthesized s, FunctionKind kind) {
        return s.json().properties(s.logicalId(s.skein().function(kind).function));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Synthesis.Synthesized s, FunctionKind kind) {
        return (Map<String, Object>) ((Map<String, Object>) function(s, kind).get("Environment")).get("Variables");
    }
}
