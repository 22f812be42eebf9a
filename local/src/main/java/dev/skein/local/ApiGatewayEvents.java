package dev.skein.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds API Gateway HTTP API events (payload format 2.0) the way API Gateway does: header
 * names in lower case with repeated values joined by commas, the body always base64, the
 * authorizer's context under {@code requestContext.authorizer.lambda}. So a handler cannot
 * tell the local front door from the cloud.
 */
final class ApiGatewayEvents {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ApiGatewayEvents() {}

    static APIGatewayV2HTTPEvent request(String method, String path, String rawQuery,
            Map<String, List<String>> headers, byte[] body, String sourceIp, String host,
            Optional<Map<String, Object>> authorizerContext, Instant now) {
        Map<String, String> h = new LinkedHashMap<>();
        headers.forEach((name, values) -> h.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.merge(k, v, (a, b) -> a + "," + b);
            }
        }
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = authorizer(authorizerContext);
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(host)
                .withDomainPrefix("local")
                .withStage("$default")
                .withRouteKey("$default")
                .withRequestId(UUID.randomUUID().toString())
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withAuthorizer(authorizer)
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method)
                        .withPath(path)
                        .withProtocol("HTTP/1.1")
                        .withSourceIp(sourceIp)
                        .withUserAgent(h.getOrDefault("user-agent", ""))
                        .build())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(h)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withRequestContext(context)
                .withBody(body.length == 0 ? null : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0)
                .build();
    }

    /** Puts what the authorizer passed on into an event built before it ran. */
    static void setAuthorizerContext(APIGatewayV2HTTPEvent event, Optional<Map<String, Object>> authorizerContext) {
        event.getRequestContext().setAuthorizer(authorizer(authorizerContext));
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(
            Optional<Map<String, Object>> authorizerContext) {
        return authorizerContext
                .map(ctx -> APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(ctx).build())
                .orElse(null);
    }

    /** The response body as bytes, undoing the base64 a handler uses for binary bodies. */
    static byte[] responseBody(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        if (body == null) {
            return new byte[0];
        }
        return response.getIsBase64Encoded()
                ? Base64.getDecoder().decode(body)
                : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
