package dev.skein.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.Optional;

/**
 * What API Gateway does between a request and its function: here, run the authorizer. Either
 * the context to put in the event ({@code requestContext.authorizer.lambda}), or the answer
 * that ends the request before any function runs.
 */
public interface Guard {
    public record Outcome(Optional<Map<String, Object>> context, APIGatewayV2HTTPResponse refusal) {
        public static Outcome pass(Map<String, Object> context) {
            return new Outcome(Optional.of(context), null);
        }

        /** Let through with no authorizer context: routes API Gateway does not guard (preflights). */
        public static Outcome unguarded() {
            return new Outcome(Optional.empty(), null);
        }

        public static Outcome refuse(APIGatewayV2HTTPResponse response) {
            return new Outcome(Optional.empty(), response);
        }
    }

    Outcome check(APIGatewayV2HTTPEvent event);

    /** {@code --no-auth}: every request is the one tenant's, with every scope, as if a key had been sent. */
    static Guard everyone(String tenant, String scopes) {
        Map<String, Object> context = Map.of("tenant", tenant, "scopes", scopes);
        return event -> Outcome.pass(context);
    }
}
