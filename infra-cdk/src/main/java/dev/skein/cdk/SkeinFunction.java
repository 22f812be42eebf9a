package dev.skein.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One of Skein's functions as Lambda runs it: the jar from {@link FunctionJars} on Java 21, with
 * SnapStart on published versions and an alias, {@value #ALIAS}, that always points at the
 * version this deploy published. Event sources and the API invoke the alias, never {@code
 * $LATEST}: SnapStart only applies to published versions, and a published version is exactly
 * the code and configuration this deploy shipped.
 *
 * <p>Its role starts empty (no managed policy): it may write its own log group and nothing
 * else until the owner grants exactly what the function calls ({@link #allow}).
 */
final class SkeinFunction extends Construct {
    static final String ALIAS = "live";

    final FunctionKind kind;
    final Role role;
    final LogGroup logGroup;
    final Function function;
    final Alias alias;

    SkeinFunction(Construct scope, String id, FunctionKind kind, SkeinProps props, Duration timeout,
            Map<String, String> environment) {
        super(scope, id);
        this.kind = kind;
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Skein " + kind.module() + " function: only what it calls")
                .build();
        logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(props.logRetention())
                // Logs expire anyway; a retained group would outlive the stack unnoticed.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        logGroup.grantWrite(role);
        function = Function.Builder.create(this, "Function")
                .description("Skein " + kind.module())
                .runtime(Runtime.JAVA_21)
                .architecture(props.architecture())
                .handler(kind.handler())
                .code(Code.fromAsset(props.functionJars().checkedJar(kind).toString()))
                .memorySize(props.memoryMb(kind))
                .timeout(timeout)
                .role(role)
                .logGroup(logGroup)
                .environment(environment)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the alias below publishes a version of every change, and only the alias is ever invoked");
        alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }

    /** Lets the function call {@code actions} on {@code resources}, and nothing more. */
    void allow(List<String> actions, String... resources) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(resources))
                .build());
    }

    /**
     * Lets the function call {@code actions} on those items of the table {@code tableArn} whose
     * partition key matches {@code partitionKeys}, an IAM pattern such as {@code K#*}, and
     * nothing more. {@code ForAllValues} also admits a request that names no partition key, so
     * this suits only single-item actions (GetItem, PutItem), which always name one.
     */
    void allowItems(List<String> actions, String tableArn, String partitionKeys) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(tableArn))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of(partitionKeys))))
                .build());
    }
}
