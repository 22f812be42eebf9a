package dev.skein.functions.authorizer;

import dev.skein.aws.lambda.SnapStartPriming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SnapStart priming for the authorizer: whole events through the handler, one with a key that
 * is not one of Skein's and one with a well-formed key of a tenant that cannot exist, whose
 * lookup is a DynamoDB read of an absent item. Nothing is written anywhere.
 */
final class AuthorizerPriming {
    /** Well formed, but no issued key has this secret, so the lookup finds nothing to match. */
    private static final String ABSENT_KEY = "skn1.skein-priming.000000000000." + "A".repeat(43);

    private AuthorizerPriming() {}

    static SnapStartPriming of(AuthorizerHandler handler, PrintStream log) {
        return new SnapStartPriming("authorizer", List.of(
                new SnapStartPriming.Step("a malformed key", () -> authorize(handler, "not-a-key")),
                new SnapStartPriming.Step("dynamodb: look up a key that cannot exist", () -> authorize(handler, ABSENT_KEY))),
                log);
    }

    private static void authorize(AuthorizerHandler handler, String key) {
        String event = "{\"version\":\"2.0\",\"type\":\"REQUEST\",\"routeKey\":\"POST /v1/traces\","
                + "\"rawPath\":\"/v1/traces\",\"headers\":{\"authorization\":\"Bearer " + key + "\"},"
                + "\"requestContext\":{\"http\":{\"method\":\"POST\",\"path\":\"/v1/traces\"}}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!out.toString(StandardCharsets.UTF_8).contains("\"isAuthorized\":false")) {
            throw new IllegalStateException("a key that cannot exist was let through: " + out);
        }
    }
}
