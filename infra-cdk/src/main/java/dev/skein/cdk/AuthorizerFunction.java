package dev.skein.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.constructs.Construct;

/**
 * The API-key authorizer: API Gateway hands it a request's credentials and route, it answers
 * whether the key is valid and holds the route's scope, with the key's tenant and scopes. It may
 * read the API keys' items in the table and nothing else, so even this function cannot write a
 * key or read a trace.
 */
final class AuthorizerFunction extends Construct {
    /** A key check is one GetItem: 10 s leaves room for a SnapStart restore and the SDK's retries. */
    static final Duration TIMEOUT = Duration.seconds(10);

    final SkeinFunction function;

    AuthorizerFunction(Construct scope, String id, SkeinProps props, ITable table) {
        super(scope, id);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SKEIN_TABLE", table.getTableName());
        // The function's own cache lives as long as API Gateway's, so a revoked key is refused
        // within twice the TTL wherever it is presented.
        env.put("SKEIN_AUTH_CACHE_SECONDS", Integer.toString(props.authorizerCacheTtl().toSeconds().intValue()));
        function = new SkeinFunction(this, "Authorizer", FunctionKind.AUTHORIZER, props, TIMEOUT, env);
        function.allowItems(List.of("dynamodb:GetItem"), table.getTableArn(), ArchiveStorage.KEY_PARTITIONS);
    }
}
