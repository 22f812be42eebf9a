package dev.skein.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.aws.dynamodb.DynamoQuotaLedger;
import dev.skein.aws.kinesis.KinesisRecordSink;
import dev.skein.aws.kinesis.KinesisSinkSettings;
import dev.skein.aws.lambda.HttpApiEvents;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.ingest.RecordSink;
import dev.skein.ingest.SpanIngester;
import dev.skein.tenancy.InMemoryQuotaLedger;
import dev.skein.tenancy.QuotaGate;
import dev.skein.tenancy.QuotaLedger;
import dev.skein.tenancy.Scope;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda entry point for API Gateway HTTP API events (payload format 2.0). It only translates:
 * event → {@link HttpRequest}, tenant from the authorizer's context, {@link HttpResponse} →
 * event. Everything is built once, in the constructor, so a warm function does no set-up.
 *
 * <p>The tenant comes from {@code requestContext.authorizer.lambda.tenant}, set by Skein's
 * authorizer, with the key's scopes, which must include {@code ingest}; never from anything
 * the client sends. Without an authorizer the configured default tenant applies. Each request's
 * spans and bytes are spent from the tenant's quota, kept in the index table so that every
 * instance of the function spends from the same buckets.
 */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final IngestEndpoint endpoint;
    private final Optional<String> defaultTenant;
    /** Held because the checkpoint context may hold it weakly; Lambda's constructor only. */
    @SuppressWarnings("unused")
    private SnapStartPriming priming;

    /** The Lambda runtime's constructor: configuration from the environment, and SnapStart priming. */
    public IngestHandler() {
        this(IngestConfig.fromEnvironment(System.getenv()), System.getenv());
    }

    private IngestHandler(IngestConfig config, Map<String, String> env) {
        this(config, new AwsClients(AwsClientSettings.fromEnvironment(env)));
    }

    private IngestHandler(IngestConfig config, AwsClients clients) {
        this(config, new KinesisRecordSink(clients.kinesis(), config.streamName(), KinesisSinkSettings.defaults()),
                config.quotaTable().map(table -> new DynamoQuotaLedger(clients.dynamoDb(), table, Clock.systemUTC())));
    }

    private IngestHandler(IngestConfig config, KinesisRecordSink sink, Optional<DynamoQuotaLedger> quotas) {
        this(config, sink, Clock.systemUTC(), quotas.<QuotaLedger>map(q -> q).orElseGet(InMemoryQuotaLedger::new));
        this.priming = IngestPriming.of(config, sink, quotas.map(q -> q.bucketRead(QuotaGate.INGEST_BUCKET)),
                Clock.systemUTC(), System.out).register();
    }

    /** For hosts that bring their own sink and keep quotas in this process only: tests. */
    public IngestHandler(IngestConfig config, RecordSink sink, Clock clock) {
        this(config, sink, clock, new InMemoryQuotaLedger());
    }

    /** For hosts that bring their own sink and quota ledger: skein-local, tests. */
    public IngestHandler(IngestConfig config, RecordSink sink, Clock clock, QuotaLedger quotas) {
        this(config, sink, clock, quotas, System.out);
    }

    IngestHandler(IngestConfig config, RecordSink sink, Clock clock, QuotaLedger quotas, PrintStream log) {
        SpanIngester ingester = new SpanIngester(config.limits(), clock, sink, config.compressionLevel(),
                new QuotaGate(quotas, config.quotas(), clock));
        this.endpoint = new IngestEndpoint(ingester, config.retryAfter(), new JsonLineLog(log));
        this.defaultTenant = config.defaultTenant();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApiEvents.response(handle(event));
    }

    HttpResponse handle(APIGatewayV2HTTPEvent event) {
        String tenant = HttpApiEvents.tenant(event, defaultTenant);
        HttpResponse refusal = HttpApiEvents.accessRefusal(event, tenant, Scope.INGEST);
        if (refusal != null) {
            return refusal;
        }
        HttpRequest request;
        try {
            request = HttpApiEvents.request(event);
        } catch (IllegalArgumentException e) {
            return HttpResponse.text(400, e.getMessage());
        }
        return endpoint.handle(request, tenant);
    }
}
