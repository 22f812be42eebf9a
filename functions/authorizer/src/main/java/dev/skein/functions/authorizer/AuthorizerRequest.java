package dev.skein.functions.authorizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.skein.codec.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an API Gateway HTTP API authorizer event (payload format 2.0) that a decision
 * needs: the route, the headers and the query parameters. Read with a streaming parser and
 * nothing else, so a cold authorizer loads no event classes and no data binding.
 */
record AuthorizerRequest(String routeKey, String method, String path, Map<String, String> headers,
        Map<String, String> queryParameters) {

    /** API Gateway's route key when a request matched the default route, which names no method or path. */
    static final String DEFAULT_ROUTE = "$default";

    static AuthorizerRequest read(InputStream in) throws IOException {
        String routeKey = null;
        String method = null;
        String path = null;
        Map<String, String> headers = new HashMap<>();
        Map<String, String> query = new HashMap<>();
        try (JsonParser p = Json.FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("an authorizer event is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "routeKey" -> routeKey = p.getValueAsString();
                    case "rawPath" -> path = p.getValueAsString();
                    case "headers" -> strings(p, value, headers, true);
                    case "queryStringParameters" -> strings(p, value, query, false);
                    case "requestContext" -> method = methodOf(p, value);
                    default -> p.skipChildren();
                }
            }
        }
        return new AuthorizerRequest(routeKey, method, path, headers, query);
    }

    private static void strings(JsonParser p, JsonToken start, Map<String, String> into, boolean lowerCaseNames)
            throws IOException {
        if (start != JsonToken.START_OBJECT) return; // null: none sent
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            into.put(lowerCaseNames ? name.toLowerCase(Locale.ROOT) : name, p.getValueAsString());
        }
    }

    /** {@code requestContext.http.method}. */
    private static String methodOf(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) return null;
        String method = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("http") && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("method")) method = p.getValueAsString();
                    else p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
        }
        return method;
    }
}
