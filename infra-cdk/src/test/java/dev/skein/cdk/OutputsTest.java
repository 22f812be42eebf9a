package dev.skein.cdk;

import static dev.skein.cdk.TemplateJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code cdk deploy} prints: the URLs to point exporters and consoles at, where data lives,
 * and how to make the first API key.
 */
class OutputsTest {
    private final Synthesis.Synthesized s = Synthesis.defaults();
    /** The API's endpoint, as {@link #url} writes it. */
    private final String endpoint = "{ApiEndpoint}";

    @Test
    void outputs_nameTheIngestAndQueryUrlsBucketTableAthenaTableDashboardAndFirstKeyCommand() {
        assertThat(s.json().section("Outputs").keySet()).containsExactlyInAnyOrder("OtlpIngestUrl", "ZipkinIngestUrl",
                "ZipkinQueryUrl", "JaegerQueryUrl", "SkeinQueryUrl", "ArchiveBucketName", "IndexTableName", "AthenaTable",
                "DashboardUrl", "CreateFirstKeyCommand");
    }

    @Test
    void createFirstKeyCommand_makesAnIngestAndQueryKeyForTheDefaultTenant_inTheStacksTableAndRegion() {
        String table = s.logicalId(s.skein().storage().table);
        assertThat(value(s, "CreateFirstKeyCommand")).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
                "bin/skein keys create --tenant default --scopes ingest,query --table ", ref(table),
                " --region ", ref("AWS::Region")))));
        Synthesis.Synthesized acme = Synthesis.tunedKeys();
        assertThat(TemplateJson.render(value(acme, "CreateFirstKeyCommand")))
                .isEqualTo("bin/skein keys create --tenant acme --scopes ingest,query --table "
                        + acme.logicalId(acme.skein().storage().table) + " --region AWS::Region");
    }

    @Test
    void withATeamsOwnAuthorizer_thereIsNoFirstKeyToMake() {
        assertThat(Synthesis.customized().skein().getCreateFirstKeyCommand()).isEmpty();
    }

    @Test
    void urls_areTheApiEndpointWithEachPath() {
        assertThat(url("OtlpIngestUrl")).isEqualTo(endpoint + "/v1/traces");
        assertThat(url("ZipkinIngestUrl")).isEqualTo(endpoint + "/api/v2/spans");
        assertThat(url("ZipkinQueryUrl")).isEqualTo(endpoint + "/zipkin");
        assertThat(url("JaegerQueryUrl")).isEqualTo(endpoint + "/jaeger");
        assertThat(url("SkeinQueryUrl")).isEqualTo(endpoint + "/api");
    }

    @Test
    void dataOutputs_nameTheBucketTableAndAthenaTable() {
        assertThat(value(s, "ArchiveBucketName")).isEqualTo(ref(s.logicalId(s.skein().storage().bucket)));
        assertThat(value(s, "IndexTableName")).isEqualTo(ref(s.logicalId(s.skein().storage().table)));
        assertThat(value(s, "AthenaTable")).isEqualTo("skein_tracing.spans");
    }

    @Test
    void dashboardUrl_opensTheDashboardInTheStacksRegion() {
        String dashboard = s.logicalId(s.skein().getDashboard());
        assertThat(value(s, "DashboardUrl")).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
                "https://console.aws.amazon.com/cloudwatch/home?region=", ref("AWS::Region"),
                "#dashboards:name=", ref(dashboard)))));
    }

    @Test
    void aCustomDomain_addsItsDnsTarget_andTheUrlsUseIt() {
        Synthesis.Synthesized c = Synthesis.of(SkeinProps.builder().customDomain(new CustomDomain("traces.example.com",
                "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000")).build());
        String domain = c.json().resources("AWS::ApiGatewayV2::DomainName").keySet().iterator().next();
        assertThat(value(c, "CustomDomainTarget")).isEqualTo(Map.of("Fn::GetAtt", List.of(domain, "RegionalDomainName")));
        assertThat(value(c, "OtlpIngestUrl")).isEqualTo("https://traces.example.com/v1/traces");
        assertThat(value(c, "JaegerQueryUrl")).isEqualTo("https://traces.example.com/jaeger");
    }

    /** A URL output, the API's endpoint (https://id.execute-api.region.amazonaws.com) written as a placeholder. */
    @SuppressWarnings("unchecked")
    private String url(String output) {
        String api = s.logicalId(s.skein().getHttpApi());
        StringBuilder b = new StringBuilder();
        for (Object part : (List<Object>) ((List<Object>) ((Map<String, Object>) value(s, output)).get("Fn::Join")).get(1)) {
            if (part instanceof String text) b.append(text);
            else if (part.equals(Map.of("Fn::GetAtt", List.of(api, "ApiEndpoint")))) b.append("{ApiEndpoint}");
            else throw new AssertionError("unexpected part " + part);
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object value(Synthesis.Synthesized s, String output) {
        return ((Map<String, Object>) s.json().section("Outputs").get(output)).get("Value");
    }
}
