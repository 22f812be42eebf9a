package dev.skein.functions.query;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.skein.assembly.PipelineSettings;
import dev.skein.aws.AwsStorage;
import dev.skein.aws.dynamodb.DynamoQuotaLedger;
import dev.skein.aws.lambda.HttpApiEvents;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.functions.query.jaeger.JaegerApi;
import dev.skein.functions.query.skein.SkeinApi;
import dev.skein.functions.query.zipkin.ZipkinApi;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.query.QueryLimits;
import dev.skein.query.QueryService;
import dev.skein.query.TraceReader;
import dev.skein.tenancy.InMemoryQuotaLedger;
import dev.skein.tenancy.QuotaGate;
import dev.skein.tenancy.QuotaPolicy;
import dev.skein.tenancy.Scope;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda entry point for the query API (API Gateway HTTP API, payload format 2.0). It only
 * translates the event to an {@link HttpRequest} with the caller's tenant (from the authorizer,
 * whose key must hold the {@code query} scope) and hands it to the {@link QueryRouter};
 * everything is built once, in the constructor.
 *
 * <p>Base paths: {@code /zipkin} (Zipkin API v2), {@code /jaeger} (Jaeger query API),
 * {@code /api} (Skein's own API); see docs/api.md.
 */
public final class QueryHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final QueryRouter router;
    private final Optional<String> defaultTenant;
    /** Held because the checkpoint context may hold it weakly; Lambda's constructor only. */
    @SuppressWarnings("unused")
    private SnapStartPriming priming;

    /** The Lambda runtime's constructor: configuration from the environment, and SnapStart priming. */
    public QueryHandler() {
        this(PipelineSettings.fromEnvironment(System.getenv()), System.getenv());
    }

    private QueryHandler(PipelineSettings settings, Map<String, String> env) {
        this(settings, AwsStorage.fromEnvironment(env, settings), QueryLimits.fromEnvironment(env),
                Cors.fromEnvironment(env), HttpApiEvents.defaultTenant(env), QuotaPolicy.parse(env.get("SKEIN_QUOTAS")));
    }

    private QueryHandler(PipelineSettings settings, AwsStorage storage, QueryLimits limits, Cors cors,
            Optional<String> defaultTenant, QuotaPolicy quotas) {
        this(settings, storage, storage.quotaLedger(Clock.systemUTC()), limits, cors, defaultTenant, quotas);
    }

    private QueryHandler(PipelineSettings settings, AwsStorage storage, DynamoQuotaLedger ledger, QueryLimits limits,
            Cors cors, Optional<String> defaultTenant, QuotaPolicy quotas) {
        this(service(storage, settings, limits), cors, defaultTenant,
                new QuotaGate(ledger, quotas, Clock.systemUTC()), System.out, Clock.systemUTC());
        this.priming = QueryPriming.of(storage.priming(), ledger.bucketRead(QuotaGate.QUERY_BUCKET), settings, limits,
                cors, Clock.systemUTC(), System.out).register();
    }

    /** For hosts that wire their own storage, with default query quotas kept in this process: tests. */
    public QueryHandler(QueryService service, Cors cors, Optional<String> defaultTenant, PrintStream log, Clock clock) {
        this(service, cors, defaultTenant, new QuotaGate(new InMemoryQuotaLedger(), QuotaPolicy.defaults(), clock),
                log, clock);
    }

    /** For hosts that wire their own storage and quotas: skein-local, tests. */
    public QueryHandler(QueryService service, Cors cors, Optional<String> defaultTenant, QuotaGate quotas,
            PrintStream log, Clock clock) {
        this.router = new QueryRouter(dialects(service, clock), cors, quotas, log);
        this.defaultTenant = defaultTenant;
    }

    /** The dialects' base paths, for a front door that routes to this function. */
    public static final List<String> BASES = List.of("/zipkin", "/jaeger", "/api");

    /** Every dialect the query API serves, each under its base path ({@link #BASES}). */
    public static List<Dialect> dialects(QueryService service, Clock clock) {
        return List.of(new ZipkinApi(service, clock), new JaegerApi(service, clock), new SkeinApi(service, clock));
    }

    private static QueryService service(AwsStorage storage, PipelineSettings settings, QueryLimits limits) {
        TraceReader reader = new TraceReader(storage.archive(), storage.index(), settings);
        return new QueryService(reader, storage.index(), limits, settings.autocompleteKeys());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApiEvents.response(handle(event));
    }

    HttpResponse handle(APIGatewayV2HTTPEvent event) {
        HttpRequest request;
        try {
            request = HttpApiEvents.request(event);
        } catch (IllegalArgumentException e) {
            return HttpResponse.text(400, e.getMessage());
        }
        if (request.method().equals("OPTIONS")) {
            return router.preflight(request); // browsers send preflights without credentials
        }
        String tenant = HttpApiEvents.tenant(event, defaultTenant);
        HttpResponse refusal = HttpApiEvents.accessRefusal(event, tenant, Scope.QUERY);
        if (refusal != null) return refusal;
        return router.handle(request, tenant);
    }
}
