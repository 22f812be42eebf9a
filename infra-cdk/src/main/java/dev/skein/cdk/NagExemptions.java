package dev.skein.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.constructs.IConstruct;

/**
 * Every cdk-nag AwsSolutions finding Skein accepts, in one place, each with its reason. They
 * travel with the construct, so a team that runs cdk-nag over its own app sees the same reasons.
 * NagTest proves that nothing else is found.
 */
final class NagExemptions {
    private NagExemptions() {}

    static void apply(Skein skein) {
        for (SkeinFunction f : skein.functions()) {
            suppress(f.function, "AwsSolutions-L1", "Skein's functions are built and tested on Java 21 (java21 with "
                    + "SnapStart on arm64); moving to a newer runtime is a deliberate change with its own tests.");
        }
        suppress(skein.stream().failures, "AwsSolutions-SQS3", "This queue is itself the span stream's on-failure "
                + "destination: it holds failed batches' positions for an operator (alarm StreamFailures), and "
                + "nothing consumes it, so a dead-letter queue behind it would never receive anything.");
        archiveObjects(skein.function(FunctionKind.ASSEMBLER), "spans|search", "The assembler writes one chunk object and one search page per "
                + "batch under keys made of tenant, date, hour and batch ID; the wildcard covers exactly the two "
                + "key prefixes it writes.");
        archiveObjects(skein.function(FunctionKind.FINALIZER), "spans", "The finalizer reads trace chunks by the keys the index points at; "
                + "the wildcard covers only the span-chunk prefix.");
        archiveObjects(skein.function(FunctionKind.QUERY), "spans|search", "The query function reads chunks and search pages by the keys the "
                + "index points at; the wildcard covers only those two prefixes, read-only.");
        for (HttpRoute route : skein.api().preflightRoutes) {
            suppress(route, "AwsSolutions-APIG4", "A CORS preflight (OPTIONS) carries no credentials by the "
                    + "browser's rules; the query function answers it with CORS headers only, never data.");
        }
    }

    /** IAM5 for object ARNs under the given archive prefixes (a regex alternation) in the function's role's policy. */
    private static void archiveObjects(SkeinFunction f, String prefixes, String reason) {
        NagSuppressions.addResourceSuppressions(f.role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(reason)
                .appliesTo(List.of(RegexAppliesTo.builder()
                        .regex("/^Resource::<[A-Za-z0-9]+\\.Arn>\\/(" + prefixes + ")\\/\\*$/")
                        .build()))
                .build()), true); // the role's children: its default policy holds the statements
    }

    /** On the construct's own CloudFormation resource only. */
    private static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(NagPackSuppression.builder()
                .id(rule)
                .reason(reason)
                .build()), false);
    }
}
