package dev.skein.cdk;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * Skein on its own: one {@link Skein} and the outputs {@code cdk deploy} prints, the URLs to
 * point exporters and consoles at first and the command that makes the first API key.
 */
public final class SkeinStack extends Stack {
    private final Skein skein;

    public SkeinStack(Construct scope, String id, StackProps stackProps, SkeinProps props) {
        super(scope, id, stackProps);
        skein = new Skein(this, "Tracing", props);
        output("OtlpIngestUrl", skein.getOtlpIngestUrl(), "OTLP/HTTP traces endpoint (an OTel Collector's otlphttp traces_endpoint)");
        output("ZipkinIngestUrl", skein.getZipkinIngestUrl(), "Zipkin v2 spans endpoint (Zipkin reporters)");
        output("ZipkinQueryUrl", skein.getZipkinQueryUrl(), "Zipkin API base (Grafana's Zipkin data source URL)");
        output("JaegerQueryUrl", skein.getJaegerQueryUrl(), "Jaeger query API base (Grafana's Jaeger data source URL)");
        output("SkeinQueryUrl", skein.getSkeinQueryUrl(), "Skein's own API base (docs/api.md)");
        output("ArchiveBucketName", skein.getArchiveBucket().getBucketName(), "S3 bucket of span chunks and search pages");
        output("IndexTableName", skein.getIndexTable().getTableName(), "DynamoDB index table");
        output("AthenaTable", skein.getAthenaTable(), "Glue database.table of the span archive, for Athena");
        output("DashboardUrl", "https://console.aws.amazon.com/cloudwatch/home?region=" + getRegion()
                + "#dashboards:name=" + skein.getDashboard().getDashboardName(), "CloudWatch dashboard");
        skein.getCreateFirstKeyCommand().ifPresent(command -> output("CreateFirstKeyCommand", command,
                "Makes the first API key (run in Skein's repository with the deployer's credentials)"));
        skein.getCustomDomainTarget().ifPresent(target ->
                output("CustomDomainTarget", target, "Point the custom domain's DNS record (CNAME or alias) here"));
    }

    public Skein getSkein() {
        return skein;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
