package dev.skein.cdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaResponseType;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Synthesizes Skein as the CDK CLI would: with cdk.json's feature flags and no environment (no
 * account, no region, no credentials). Each configuration is synthesized once per test JVM and
 * shared, since synthesis takes seconds.
 */
final class Synthesis {
    private static final Path OUTPUT_ROOT = Path.of("target", "synth");
    private static Synthesized defaults;
    private static Synthesized customized;
    private static Synthesized tunedKeys;

    private Synthesis() {}

    /** A synthesized stack, the Skein in it, and its template. */
    record Synthesized(App app, Stack stack, Skein skein, Template template, Path outdir) {
        /** The logical ID CloudFormation knows a construct's resource by. */
        String logicalId(IConstruct construct) {
            IConstruct resource = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
            return stack.resolve(((CfnElement) resource).getLogicalId()).toString();
        }

        TemplateJson json() {
            return new TemplateJson(template);
        }
    }

    /** {@link SkeinStack} with the default props: what {@code cdk deploy} deploys. */
    static synchronized Synthesized defaults() {
        if (defaults == null) defaults = of(SkeinProps.builder().build());
        return defaults;
    }

    /**
     * {@link SkeinStack} with Skein's own authorizer tuned: a five-minute cache and {@code acme}
     * as the first key's tenant.
     */
    static synchronized Synthesized tunedKeys() {
        if (tunedKeys == null) {
            tunedKeys = of(SkeinProps.builder().authorizerCacheTtl(Duration.minutes(5)).defaultTenant("acme").build());
        }
        return tunedKeys;
    }

    static Synthesized of(SkeinProps props) {
        App app = app();
        SkeinStack stack = new SkeinStack(app, "Skein", StackProps.builder().build(), props);
        return new Synthesized(app, stack, stack.getSkein(), Template.fromStack(stack), Path.of(app.getOutdir()));
    }

    /**
     * The construct in a team's own stack, with every optional setting given and every default
     * changed: a team's own Lambda authorizer, quotas, a custom domain, an alarm email,
     * provisioned shards, x86, and other values for each tunable.
     */
    static synchronized Synthesized customized() {
        if (customized == null) {
            App app = app();
            Stack stack = new Stack(app, "Skein", StackProps.builder().build());
            Skein skein = new Skein(stack, "Tracing", customizedProps(stack));
            customized = new Synthesized(app, stack, skein, Template.fromStack(stack), Path.of(app.getOutdir()));
        }
        return customized;
    }

    static SkeinProps customizedProps(Construct scope) {
        return SkeinProps.builder()
                .retentionDays(14)
                .idlePeriod(Duration.seconds(30))
                .streamCapacity(StreamCapacity.provisioned(2))
                .architecture(Architecture.X86_64)
                .memoryMb(FunctionKind.QUERY, 2048)
                .assemblerBatchSize(500)
                .assemblerBatchingWindow(Duration.seconds(2))
                .parallelizationFactor(3)
                .streamRetryAttempts(8)
                .streamMaxRecordAge(Duration.hours(2))
                .finalizerBatchSize(50)
                .finalizerBatchingWindow(Duration.seconds(2))
                .searchShards(8)
                .maxBodyBytes(1_048_576)
                .maxSpansPerRequest(5_000)
                .autocompleteKeys(List.of("http.route", "rpc.method"))
                .corsOrigins(List.of("https://grafana.example.com", "https://zipkin.example.com"))
                .authorizer(tenantAuthorizer(scope))
                .defaultQuota(TenantQuota.builder().spansPerSecond(20_000).bytesPerSecond(20_971_520)
                        .queriesPerSecond(50).burstSeconds(4).build())
                .tenantQuota("team-a", TenantQuota.builder().spansPerSecond(50_000).build())
                .tenantQuota("batch.jobs", TenantQuota.builder().queriesPerSecond(5).burstSeconds(10).build())
                .customDomain(new CustomDomain("traces.example.com",
                        "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"))
                .alarmEmail("oncall@example.com")
                .logRetention(RetentionDays.ONE_WEEK)
                .dataRemovalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    /** A team's API-key authorizer, deployed elsewhere in the same account and region. */
    static HttpLambdaAuthorizer tenantAuthorizer(Construct scope) {
        String arn = Stack.of(scope).formatArn(ArnComponents.builder()
                .service("lambda").resource("function").resourceName("team-tenant-authorizer")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        return HttpLambdaAuthorizer.Builder.create("TenantAuthorizer",
                        Function.fromFunctionAttributes(scope, "TenantAuthorizerFunction",
                                FunctionAttributes.builder().functionArn(arn).sameEnvironment(true).build()))
                .responseTypes(List.of(HttpLambdaResponseType.SIMPLE))
                .build();
    }

    /**
     * An app with cdk.json's context (the feature flags) and a fresh output directory under
     * target/, removed when the test JVM exits: each holds a copy of the functions' jars.
     */
    static App app() {
        try {
            Files.createDirectories(OUTPUT_ROOT);
            Path outdir = Files.createTempDirectory(OUTPUT_ROOT, "synth-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(outdir)));
            return App.Builder.create().outdir(outdir.toString()).context(cdkJsonContext()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left for mvn clean.
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
            return (Map<String, Object>) cdkJson.get("context");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
