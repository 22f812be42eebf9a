package dev.skein.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.skein.codec.Json;
import dev.skein.functions.authorizer.AuthorizerHandler;
import dev.skein.functions.ingest.IngestEndpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway's side of Skein's authorizer, as the CDK stack configures it: preflights pass
 * unguarded; the Zipkin ingest route always asks the authorizer (reporters may send {@code
 * ?key=}); every other route answers 401 without an {@code Authorization} header, as an
 * authorizer whose identity source is missing does. The authorizer gets a payload 2.0 event and
 * gives a simple response: its context goes on to the function, and a no is API Gateway's 403.
 *
 * <p>For the Zipkin UI, which cannot send headers, a {@value #UI_COOKIE} cookie set by {@link
 * ZipkinUi} stands for the Authorization header. API Gateway's own cache is not reproduced: the
 * authorizer's in-function cache, with the same time, bounds revocation the same way.
 */
final class AuthorizerGuard implements Guard {
    static final String UI_COOKIE = "skein-key";
    private static final APIGatewayV2HTTPResponse UNAUTHORIZED = json(401, "{\"message\":\"Unauthorized\"}");
    private static final APIGatewayV2HTTPResponse FORBIDDEN = json(403, "{\"message\":\"Forbidden\"}");

    private final AuthorizerHandler authorizer;

    AuthorizerGuard(AuthorizerHandler authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public Outcome check(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext().getHttp().getMethod();
        if (method.equals("OPTIONS")) return Outcome.unguarded();
        Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        String cookieKey = uiCookie(headers.get("cookie"));
        if (!headers.containsKey("authorization") && cookieKey != null) {
            headers.put("authorization", "Bearer " + cookieKey);
        }
        boolean zipkinIngest = method.equals("POST") && event.getRawPath().equals(IngestEndpoint.ZIPKIN_PATH);
        if (!zipkinIngest && !headers.containsKey("authorization")) return Outcome.refuse(UNAUTHORIZED);
        try {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            authorizer.handleRequest(new ByteArrayInputStream(authorizerEvent(event, method, headers)), answer, null);
            Map<String, Object> context = allowedContext(answer.toByteArray());
            return context == null ? Outcome.refuse(FORBIDDEN) : Outcome.pass(context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A payload 2.0 authorizer event: the default route's key, the request's path, headers and query. */
    private static byte[] authorizerEvent(APIGatewayV2HTTPEvent event, String method, Map<String, String> headers)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("version", "2.0");
            json.writeStringField("type", "REQUEST");
            json.writeStringField("routeKey", "$default");
            json.writeStringField("rawPath", event.getRawPath());
            json.writeStringField("rawQueryString", event.getRawQueryString());
            writeMap(json, "headers", headers);
            writeMap(json, "queryStringParameters", event.getQueryStringParameters());
            json.writeObjectFieldStart("requestContext");
            json.writeObjectFieldStart("http");
            json.writeStringField("method", method);
            json.writeStringField("path", event.getRawPath());
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeMap(JsonGenerator json, String name, Map<String, String> values) throws IOException {
        if (values == null) return;
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : values.entrySet()) json.writeStringField(e.getKey(), e.getValue());
        json.writeEndObject();
    }

    /** The context of a simple response that says yes; null for a no. */
    private static Map<String, Object> allowedContext(byte[] response) throws IOException {
        boolean authorized = false;
        Map<String, Object> context = new HashMap<>();
        try (JsonParser p = Json.FACTORY.createParser(response)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("isAuthorized")) {
                    authorized = value == JsonToken.VALUE_TRUE;
                } else if (field.equals("context") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        context.put(name, p.getValueAsString());
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return authorized ? context : null;
    }

    /** The key in the {@value #UI_COOKIE} cookie of a Cookie header; null when there is none. */
    static String uiCookie(String cookieHeader) {
        if (cookieHeader == null) return null;
        for (String part : List.of(cookieHeader.split("[;,]"))) {
            String c = part.trim();
            if (c.startsWith(UI_COOKIE + "=")) return c.substring(UI_COOKIE.length() + 1);
        }
        return null;
    }

    private static APIGatewayV2HTTPResponse json(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("content-type", "application/json")).withBody(body).build();
    }
}
