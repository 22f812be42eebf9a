package dev.skein.cdk;

import static dev.skein.cdk.TemplateJson.arnOf;
import static dev.skein.cdk.TemplateJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The HTTP API: routes, integrations, the authorizers, access logs and the custom domain. */
class ApiTest {
    private final Synthesis.Synthesized s = Synthesis.defaults();

    @Test
    void routes_sendIngestPathsToIngest_andTheDialectBasesToQuery() {
        String ingest = ref(s.logicalId(s.skein().function(FunctionKind.INGEST).alias)).toString();
        String query = ref(s.logicalId(s.skein().function(FunctionKind.QUERY).alias)).toString();
        Map<String, String> targets = new TreeMap<>();
        routes(s).forEach((key, route) -> targets.put(key, integrationUri(s, route).toString()));
        Map<String, String> expected = new TreeMap<>();
        expected.put("POST /v1/traces", ingest);
        expected.put("POST /api/v2/spans", ingest);
        for (String base : List.of("/zipkin", "/jaeger", "/api")) {
            for (String method : List.of("GET", "HEAD", "OPTIONS")) expected.put(method + " " + base + "/{proxy+}", query);
        }
        assertThat(targets).isEqualTo(expected);
    }

    @Test
    void integrations_areLambdaProxies_withPayloadFormat2() {
        for (Map<String, Object> integration : s.json().resources("AWS::ApiGatewayV2::Integration").values()) {
            assertThat(integration.get("Properties")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("IntegrationType", "AWS_PROXY")
                    .containsEntry("PayloadFormatVersion", "2.0");
        }
        s.template().resourceCountIs("AWS::ApiGatewayV2::Integration", 2);
    }

    @Test
    void skeinsAuthorizer_guardsEveryRouteButThePreflights_uncachedOnlyWhereZipkinMaySendTheKeyInTheUrl() {
        Map<String, String> guards = new TreeMap<>();
        routes(s).forEach((key, route) -> guards.put(key, guard(s, route)));
        Map<String, String> expected = new TreeMap<>();
        expected.put("POST /v1/traces", "CUSTOM ApiKeys");
        expected.put("POST /api/v2/spans", "CUSTOM ApiKeysUncached");
        for (String base : List.of("/zipkin", "/jaeger", "/api")) {
            expected.put("GET " + base + "/{proxy+}", "CUSTOM ApiKeys");
            expected.put("HEAD " + base + "/{proxy+}", "CUSTOM ApiKeys");
            expected.put("OPTIONS " + base + "/{proxy+}", "NONE");
        }
        assertThat(guards).isEqualTo(expected);
        s.template().resourceCountIs("AWS::ApiGatewayV2::Authorizer", 2);
    }

    @Test
    void cachedAuthorizer_keysItsCacheByHeaderAndRoute_forTheConfiguredTtl() {
        assertThat(authorizer(s, "ApiKeys")).containsEntry("IdentitySource",
                        List.of("$request.header.Authorization", "$context.routeKey"))
                .containsEntry("AuthorizerResultTtlInSeconds", 60);
        assertThat(authorizer(Synthesis.tunedKeys(), "ApiKeys")).containsEntry("AuthorizerResultTtlInSeconds", 300);
    }

    @Test
    void uncachedAuthorizer_requiresNoIdentitySource_andCachesNothing() {
        assertThat(authorizer(s, "ApiKeysUncached")).doesNotContainKey("IdentitySource")
                .containsEntry("AuthorizerResultTtlInSeconds", 0);
        assertThat(authorizer(Synthesis.tunedKeys(), "ApiKeysUncached")).doesNotContainKey("IdentitySource")
                .containsEntry("AuthorizerResultTtlInSeconds", 0);
    }

    @Test
    void skeinsAuthorizers_invokeTheAuthorizersAlias_withSimpleResponsesInPayload2() {
        String alias = s.logicalId(s.skein().function(FunctionKind.AUTHORIZER).alias);
        for (String name : List.of("ApiKeys", "ApiKeysUncached")) {
            assertThat(authorizer(s, name)).as(name)
                    .containsEntry("AuthorizerType", "REQUEST")
                    .containsEntry("AuthorizerPayloadFormatVersion", "2.0")
                    .containsEntry("EnableSimpleResponses", true);
            assertThat(TemplateJson.render(authorizer(s, name).get("AuthorizerUri"))).as(name)
                    .endsWith(":lambda:path/2015-03-31/functions/" + alias + "/invocations");
        }
    }

    @Test
    void aTeamsOwnAuthorizer_replacesSkeinsOnEveryRouteButThePreflights() {
        Synthesis.Synthesized c = Synthesis.customized();
        assertThat(c.json().resources("AWS::ApiGatewayV2::Authorizer")).hasSize(1);
        routes(c).forEach((key, route) -> assertThat(guard(c, route)).as(key)
                .isEqualTo(key.startsWith("OPTIONS ") ? "NONE" : "CUSTOM TenantAuthorizer"));
        c.template().hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                "AuthorizerType", "REQUEST",
                "AuthorizerPayloadFormatVersion", "2.0",
                "EnableSimpleResponses", true));
    }

    @Test
    void corsIsLeftToTheQueryFunction() {
        s.template().hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of(
                "ProtocolType", "HTTP",
                "CorsConfiguration", Match.absent()));
    }

    @Test
    void defaultStage_deploysItself_andLogsEveryRequestAsJson() {
        String logs = s.logicalId(s.skein().api().accessLogs);
        s.template().hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "$default",
                "AutoDeploy", true,
                "AccessLogSettings", Map.of(
                        "DestinationArn", arnOf(logs),
                        "Format", Match.stringLikeRegexp("^\\{\"requestId\":\"\\$context.requestId\".*\"status\":\"\\$context.status\".*\\}$"))));
        assertThat(s.json().properties(logs)).isEqualTo(Map.of("RetentionInDays", 30));
    }

    @Test
    void aliases_mayBeInvokedByThisApiOnly_theAuthorizersByItsTwoAuthorizersOnly() {
        String api = s.logicalId(s.skein().getHttpApi());
        String authorizerAlias = s.logicalId(s.skein().function(FunctionKind.AUTHORIZER).alias);
        Map<String, String> authorizers = new TreeMap<>();
        s.json().resources("AWS::ApiGatewayV2::Authorizer").forEach((id, a) ->
                authorizers.put(id, (String) ((Map<?, ?>) a.get("Properties")).get("Name")));
        List<String> authorizerSources = new ArrayList<>();
        for (Map<String, Object> permission : s.json().resources("AWS::Lambda::Permission").values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) permission.get("Properties");
            assertThat(p.get("Principal")).isEqualTo("apigateway.amazonaws.com");
            assertThat(p.get("FunctionName")).isIn(ref(s.logicalId(s.skein().function(FunctionKind.INGEST).alias)),
                    ref(s.logicalId(s.skein().function(FunctionKind.QUERY).alias)), ref(authorizerAlias));
            assertThat(p.get("SourceArn").toString()).contains(ref(api).toString());
            if (p.get("FunctionName").equals(ref(authorizerAlias))) authorizerSources.add(TemplateJson.render(p.get("SourceArn")));
        }
        assertThat(authorizerSources).containsExactlyInAnyOrderElementsOf(authorizers.keySet().stream()
                .map(id -> "arn:AWS::Partition:execute-api:AWS::Region:AWS::AccountId:" + api + "/authorizers/" + id)
                .toList());
    }

    @Test
    void customDomain_isMappedToTheStage_andBecomesTheBaseUrl() {
        Synthesis.Synthesized c = Synthesis.customized();
        String domain = c.json().resources("AWS::ApiGatewayV2::DomainName").keySet().iterator().next();
        c.template().hasResourceProperties("AWS::ApiGatewayV2::DomainName", Map.of(
                "DomainName", "traces.example.com",
                "DomainNameConfigurations", List.of(Match.objectLike(Map.of(
                        "CertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
                        "EndpointType", "REGIONAL")))));
        c.template().hasResourceProperties("AWS::ApiGatewayV2::ApiMapping", Map.of(
                "DomainName", ref(domain),
                "Stage", "$default"));
        assertThat(c.skein().getOtlpIngestUrl()).isEqualTo("https://traces.example.com/v1/traces");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> routes(Synthesis.Synthesized s) {
        Map<String, Map<String, Object>> routes = new TreeMap<>();
        for (Map<String, Object> r : s.json().resources("AWS::ApiGatewayV2::Route").values()) {
            Map<String, Object> p = (Map<String, Object>) r.get("Properties");
            routes.put((String) p.get("RouteKey"), p);
        }
        return routes;
    }

    /** {@code NONE}, or {@code CUSTOM} and the name of the route's authorizer. */
    private static String guard(Synthesis.Synthesized s, Map<String, Object> route) {
        Object type = route.get("AuthorizationType");
        if (!route.containsKey("AuthorizerId")) return String.valueOf(type);
        @SuppressWarnings("unchecked")
        String id = (String) ((Map<String, Object>) route.get("AuthorizerId")).get("Ref");
        return type + " " + s.json().properties(id).get("Name");
    }

    /** The properties of the API's authorizer named {@code name}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> authorizer(Synthesis.Synthesized s, String name) {
        return s.json().resources("AWS::ApiGatewayV2::Authorizer").values().stream()
                .map(a -> (Map<String, Object>) a.get("Properties"))
                .filter(p -> name.equals(p.get("Name")))
                .findFirst().orElseThrow(() -> new AssertionError("no authorizer " + name));
    }

    @SuppressWarnings("unchecked")
    private static Object integrationUri(Synthesis.Synthesized s, Map<String, Object> route) {
        List<Object> join = (List<Object>) ((Map<String, Object>) route.get("Target")).get("Fn::Join");
        Map<String, Object> integration = (Map<String, Object>) ((List<Object>) join.get(1)).get(1);
        return s.json().properties((String) integration.get("Ref")).get("IntegrationUri");
    }
}
