package dev.skein.cdk;

import static dev.skein.cdk.TemplateJson.arnOf;
import static dev.skein.cdk.TemplateJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The HTTP API: routes, integrations, the authorizer slot, access logs and the custom domain. */
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
    void withoutAnAuthorizer_everyRouteIsOpen_singleTenantMode() {
        assertThat(routes(s).values()).allSatisfy(r -> assertThat(r.get("AuthorizationType")).isEqualTo("NONE"));
        s.template().resourceCountIs("AWS::ApiGatewayV2::Authorizer", 0);
    }

    @Test
    void aLambdaAuthorizer_guardsEveryRouteButThePreflights() {
        Synthesis.Synthesized c = Synthesis.customized();
        String authorizer = c.json().resources("AWS::ApiGatewayV2::Authorizer").keySet().iterator().next();
        routes(c).forEach((key, route) -> {
            if (key.startsWith("OPTIONS ")) {
                assertThat(route.get("AuthorizationType")).as(key).isEqualTo("NONE");
                assertThat(route).as(key).doesNotContainKey("AuthorizerId");
            } else {
                assertThat(route.get("AuthorizationType")).as(key).isEqualTo("CUSTOM");
                assertThat(route.get("AuthorizerId")).as(key).isEqualTo(ref(authorizer));
            }
        });
    }

    @Test
    void theAuthorizer_usesSimpleResponses_whoseContextCarriesTheTenant() {
        Synthesis.Synthesized c = Synthesis.customized();
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
    void aliases_mayBeInvokedByThisApiOnly() {
        String api = s.logicalId(s.skein().getHttpApi());
        for (Map<String, Object> permission : s.json().resources("AWS::Lambda::Permission").values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) permission.get("Properties");
            assertThat(p.get("Principal")).isEqualTo("apigateway.amazonaws.com");
            assertThat(p.get("FunctionName")).isIn(ref(s.logicalId(s.skein().function(FunctionKind.INGEST).alias)),
                    ref(s.logicalId(s.skein().function(FunctionKind.QUERY).alias)));
            assertThat(p.get("SourceArn").toString()).contains(ref(api).toString());
        }
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

    @SuppressWarnings("unchecked")
    private static Object integrationUri(Synthesis.Synthesized s, Map<String, Object> route) {
        List<Object> join = (List<Object>) ((Map<String, Object>) route.get("Target")).get("Fn::Join");
        Map<String, Object> integration = (Map<String, Object>) ((List<Object>) join.get(1)).get(1);
        return s.json().properties((String) integration.get("Ref")).get("IntegrationUri");
    }
}
