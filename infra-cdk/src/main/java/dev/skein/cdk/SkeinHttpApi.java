package dev.skein.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaResponseType;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.DomainMappingOptions;
import software.amazon.awscdk.services.apigatewayv2.DomainName;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpNoneAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * Skein's front door: one HTTP API (payload format 2.0) for ingest and query.
 *
 * <ul>
 *   <li>{@code POST /v1/traces} (OTLP/HTTP) and {@code POST /api/v2/spans} (Zipkin v2) →
 *       ingest;</li>
 *   <li>{@code GET}, {@code HEAD} and {@code OPTIONS} under {@code /zipkin}, {@code /jaeger} and
 *       {@code /api} → query (docs/api.md). {@code POST /api/v2/spans} is more specific than
 *       {@code GET /api/{proxy+}}, so the two never meet.</li>
 * </ul>
 *
 * <p>Skein's API-key authorizer guards every route but the {@code OPTIONS} preflights (a browser
 * sends those without credentials, and the query function answers them itself: CORS is the
 * function's, not the API's, so one list of origins governs both). It is attached twice:
 *
 * <ul>
 *   <li>cached, on {@code POST /v1/traces} and the query routes: API Gateway reuses an answer
 *       for the same {@code Authorization} header on the same route (the route is part of the
 *       cache key, so an answer for a key's ingest scope never serves a query) for {@link
 *       SkeinProps#authorizerCacheTtl()}. A request without the header is refused 401 without
 *       invoking the function;</li>
 *   <li>uncached, on {@code POST /api/v2/spans}: Zipkin reporters that cannot set a header send
 *       the key as {@code ?key=}, which is not known to be there before the function looks, so
 *       API Gateway requires nothing and caches nothing, and the function caches by key
 *       itself.</li>
 * </ul>
 *
 * <p>A team's own authorizer ({@link SkeinProps.Builder#authorizer}) replaces both on every
 * route.
 */
final class SkeinHttpApi extends Construct {
    static final String OTLP_PATH = "/v1/traces";
    static final String ZIPKIN_INGEST_PATH = "/api/v2/spans";
    static final List<String> QUERY_BASES = List.of("/zipkin", "/jaeger", "/api");
    /** The authorizers' names in API Gateway. */
    static final String CACHED_AUTHORIZER = "ApiKeys";
    static final String UNCACHED_AUTHORIZER = "ApiKeysUncached";

    final HttpApi api;
    final HttpStage stage;
    final LogGroup accessLogs;
    final Optional<DomainName> domain;
    /** Every route but the preflights: the ones an authorizer guards. */
    final List<HttpRoute> guardedRoutes = new ArrayList<>();
    /** The {@code OPTIONS} routes, never guarded. */
    final List<HttpRoute> preflightRoutes = new ArrayList<>();
    /** {@code https://host}, without a trailing slash: the custom domain when there is one. */
    final String baseUrl;

    SkeinHttpApi(Construct scope, String id, SkeinProps props, SkeinFunction ingest, SkeinFunction query,
            Optional<SkeinFunction> apiKeyAuthorizer) {
        super(scope, id);
        api = HttpApi.Builder.create(this, "Api")
                .apiName(Stack.of(this).getStackName() + "-" + scope.getNode().getId())
                .description("Skein: OTLP and Zipkin ingest, Zipkin, Jaeger and Skein query APIs")
                .createDefaultStage(false)
                .build();
        accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        domain = props.customDomain().map(this::domainName);
        HttpStageOptions.Builder stageOptions = HttpStageOptions.builder()
                .stageName("$default")
                .autoDeploy(true)
                .accessLogSettings(accessLogSettings(new LogGroupLogDestination(accessLogs)));
        domain.ifPresent(d -> stageOptions.domainMapping(DomainMappingOptions.builder().domainName(d).build()));
        stage = api.addStage("DefaultStage", stageOptions.build());
        baseUrl = props.customDomain().map(d -> "https://" + d.domainName()).orElse(api.getApiEndpoint());

        HttpLambdaIntegration ingestIntegration = new HttpLambdaIntegration("Ingest", ingest.alias);
        HttpLambdaIntegration queryIntegration = new HttpLambdaIntegration("Query", query.alias);
        Guards guards = apiKeyAuthorizer.map(f -> Guards.apiKeys(f, props.authorizerCacheTtl()))
                .orElseGet(() -> Guards.everywhere(props.authorizer().orElseThrow()));
        guardedRoutes.addAll(api.addRoutes(routes(OTLP_PATH, List.of(HttpMethod.POST), ingestIntegration, guards.byHeader)));
        guardedRoutes.addAll(api.addRoutes(routes(ZIPKIN_INGEST_PATH, List.of(HttpMethod.POST), ingestIntegration,
                guards.anyCredentials)));
        for (String base : QUERY_BASES) {
            String path = base + "/{proxy+}";
            guardedRoutes.addAll(api.addRoutes(routes(path, List.of(HttpMethod.GET, HttpMethod.HEAD), queryIntegration,
                    guards.byHeader)));
            preflightRoutes.addAll(api.addRoutes(routes(path, List.of(HttpMethod.OPTIONS), queryIntegration,
                    new HttpNoneAuthorizer())));
        }
        if (apiKeyAuthorizer.isPresent()) leaveOutIdentitySource(UNCACHED_AUTHORIZER);
    }

    /**
     * CDK hands an empty identity source on as {@code []}; API Gateway's documented way to ask
     * for none (a REQUEST authorizer without caching) is to leave the property out. The
     * authorizer exists once a route has bound it.
     */
    private void leaveOutIdentitySource(String authorizerName) {
        CfnResource authorizer = (CfnResource) api.getNode().findChild(authorizerName).getNode().getDefaultChild();
        authorizer.addPropertyDeletionOverride("IdentitySource");
    }

    private static AddRoutesOptions routes(String path, List<HttpMethod> methods, HttpLambdaIntegration integration,
            IHttpRouteAuthorizer authorizer) {
        return AddRoutesOptions.builder().path(path).methods(methods).integration(integration).authorizer(authorizer).build();
    }

    /**
     * The authorizer for routes whose key comes in the {@code Authorization} header, and the one
     * for the route whose key may come anywhere (the header or {@code ?key=}).
     */
    private record Guards(IHttpRouteAuthorizer byHeader, IHttpRouteAuthorizer anyCredentials) {
        static Guards everywhere(IHttpRouteAuthorizer authorizer) {
            return new Guards(authorizer, authorizer);
        }

        /** Skein's authorizer, cached by header and route, and uncached. Both answer with simple responses (payload 2.0). */
        static Guards apiKeys(SkeinFunction authorizer, Duration cacheTtl) {
            return new Guards(
                    HttpLambdaAuthorizer.Builder.create(CACHED_AUTHORIZER, authorizer.alias)
                            .identitySource(List.of("$request.header.Authorization", "$context.routeKey"))
                            .resultsCacheTtl(cacheTtl)
                            .responseTypes(List.of(HttpLambdaResponseType.SIMPLE))
                            .build(),
                    HttpLambdaAuthorizer.Builder.create(UNCACHED_AUTHORIZER, authorizer.alias)
                            .identitySource(List.of())
                            .resultsCacheTtl(Duration.seconds(0))
                            .responseTypes(List.of(HttpLambdaResponseType.SIMPLE))
                            .build());
        }
    }

    private DomainName domainName(CustomDomain custom) {
        return DomainName.Builder.create(this, "Domain")
                .domainName(custom.domainName())
                .certificate(Certificate.fromCertificateArn(this, "Certificate", custom.certificateArn()))
                .build();
    }

    /** One JSON line per request: enough to trace a failure to its function invocation. */
    private static IAccessLogSettings accessLogSettings(IAccessLogDestination destination) {
        AccessLogFormat format = AccessLogFormat.custom("{\"requestId\":\"$context.requestId\","
                + "\"ip\":\"$context.identity.sourceIp\",\"time\":\"$context.requestTime\","
                + "\"route\":\"$context.routeKey\",\"status\":\"$context.status\","
                + "\"protocol\":\"$context.protocol\","
                + "\"responseLength\":\"$context.responseLength\",\"latency\":\"$context.responseLatency\","
                + "\"integrationStatus\":\"$context.integrationStatus\","
                + "\"integrationLatency\":\"$context.integrationLatency\","
                + "\"integrationError\":\"$context.integrationErrorMessage\","
                + "\"authorizerError\":\"$context.authorizer.error\"}");
        return new IAccessLogSettings() {
            @Override
            public IAccessLogDestination getDestination() {
                return destination;
            }

            @Override
            public AccessLogFormat getFormat() {
                return format;
            }
        };
    }
}
