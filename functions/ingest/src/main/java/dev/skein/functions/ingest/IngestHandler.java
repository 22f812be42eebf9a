package dev.skein.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.aws.kinesis.KinesisRecordSink;
import dev.skein.aws.kinesis.KinesisSinkSettings;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.ingest.RecordSink;
import dev.skein.ingest.SpanIngester;
import dev.skein.model.Tenants;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda entry point for API Gateway HTTP API events (payload format 2.0). It only translates:
 * event → {@link HttpRequest}, tenant from the authorizer's context, {@link HttpResponse} →
 * event. Everything is built once, in the constructor, so a warm function does no set-up.
 *
 * <p>The tenant comes from {@code requestContext.authorizer.lambda.tenant}, set by Skein's
 * authorizer; never from anything the client sends. Without an authorizer the configured
 * default tenant applies.
 */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final String TENANT_CONTEXT_KEY = "tenant";

    private final IngestEndpoint endpoint;
    private final Optional<String> defaultTenant;

    /** The Lambda runtime's constructor: configuration from the environment. */
    public IngestHandler() {
        this(System.getenv());
    }

    IngestHandler(Map<String, String> env) {
        this(IngestConfig.fromEnvironment(env), env);
    }

    private IngestHandler(IngestConfig config, Map<String, String> env) {
        this(config, kinesisSink(config, env), Clock.systemUTC());
    }

    /** For hosts that bring their own sink: skein-local, tests. */
    public IngestHandler(IngestConfig config, RecordSink sink, Clock clock) {
        SpanIngester ingester = new SpanIngester(config.limits(), clock, sink, config.compressionLevel());
        this.endpoint = new IngestEndpoint(ingester, config.retryAfter(), new JsonLineLog(System.out));
        this.defaultTenant = config.defaultTenant();
    }

    private static RecordSink kinesisSink(IngestConfig config, Map<String, String> env) {
        AwsClients clients = new AwsClients(AwsClientSettings.fromEnvironment(env));
        return new KinesisRecordSink(clients.kinesis(), config.streamName(), KinesisSinkSettings.defaults());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return toEvent(handle(event));
    }

    HttpResponse handle(APIGatewayV2HTTPEvent event) {
        String tenant = tenantOf(event);
        if (tenant == null) {
            return HttpResponse.text(401, "no tenant: this endpoint needs an API key");
        }
        if (!Tenants.isValid(tenant)) {
            return HttpResponse.text(403, "the authorizer gave a tenant ID that Skein cannot store");
        }
        byte[] body;
        try {
            body = bodyOf(event);
        } catch (IllegalArgumentException e) {
            return HttpResponse.text(400, "request body is marked base64 but is not valid base64");
        }
        String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : "";
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        return endpoint.handle(new HttpRequest(method, event.getRawPath(), headers, body), tenant);
    }

    private String tenantOf(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
        if (rc != null && rc.getAuthorizer() != null && rc.getAuthorizer().getLambda() != null) {
            Object tenant = rc.getAuthorizer().getLambda().get(TENANT_CONTEXT_KEY);
            return tenant == null ? null : tenant.toString();
        }
        return defaultTenant.orElse(null);
    }

    private static byte[] bodyOf(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded()
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    static APIGatewayV2HTTPResponse toEvent(HttpResponse response) {
        boolean text = response.isTextual();
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(text ? response.bodyText() : Base64.getEncoder().encodeToString(response.body()))
                .withIsBase64Encoded(!text)
                .build();
    }
}
