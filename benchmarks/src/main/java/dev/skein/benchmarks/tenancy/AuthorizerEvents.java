package dev.skein.benchmarks.tenancy;

/**
 * The event API Gateway's HTTP API hands Skein's Lambda authorizer (payload format 2.0, type
 * REQUEST) for an OTLP/HTTP export: the route {@value #ROUTE_KEY}, the exporter's headers with
 * the API key as a bearer token, and the identity sources the stack caches by (the
 * Authorization header and the route key). An authorizer event has no body.
 */
public final class AuthorizerEvents {
    /** The route OTLP/HTTP exporters post to; it needs the ingest scope. */
    public static final String ROUTE_KEY = "POST /v1/traces";

    private AuthorizerEvents() {}

    /** An export carrying {@code apiKey} in {@code Authorization: Bearer}. */
    public static String otlpExport(String apiKey) {
        return """
                {"version": "2.0", "type": "REQUEST",
                 "routeArn": "arn:aws:execute-api:us-east-1:111122223333:abc123/$default/POST/v1/traces",
                 "identitySource": ["Bearer %1$s", "%2$s"],
                 "routeKey": "%2$s", "rawPath": "/v1/traces", "rawQueryString": "",
                 "headers": {"accept": "*/*", "authorization": "Bearer %1$s", "content-encoding": "gzip",
                   "content-length": "37482", "content-type": "application/x-protobuf",
                   "host": "abc123.execute-api.us-east-1.amazonaws.com",
                   "user-agent": "OTel-OTLP-Exporter-Java/1.44.1",
                   "x-amzn-trace-id": "Root=1-6741a2b3-0123456789abcdef01234567",
                   "x-forwarded-for": "203.0.113.7", "x-forwarded-port": "443", "x-forwarded-proto": "https"},
                 "requestContext": {"accountId": "111122223333", "apiId": "abc123",
                   "domainName": "abc123.execute-api.us-east-1.amazonaws.com", "domainPrefix": "abc123",
                   "http": {"method": "POST", "path": "/v1/traces", "protocol": "HTTP/1.1",
                     "sourceIp": "203.0.113.7", "userAgent": "OTel-OTLP-Exporter-Java/1.44.1"},
                   "requestId": "Bq3kXhGcDoEEJ2C=", "routeKey": "%2$s", "stage": "$default",
                   "time": "25/Nov/2026:12:00:00 +0000", "timeEpoch": 1795003200000}}
                """.formatted(apiKey, ROUTE_KEY);
    }
}
