package dev.skein.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * A complete Skein: the HTTP API guarded by Skein's API-key authorizer, the functions, the span
 * stream, the timer queue, the index table (which also holds the API keys and the quotas'
 * state), the archive bucket with its Athena table, alarms and a dashboard. Put one into any
 * stack; {@link SkeinStack} is the stand-alone deployment.
 *
 * <pre>{@code
 * Skein skein = new Skein(this, "Tracing", SkeinProps.builder()
 *         .retentionDays(14)
 *         .alarmEmail("oncall@example.com")
 *         .build());
 * skein.getOtlpIngestUrl(); // https://…/v1/traces
 * }</pre>
 *
 * <p>The stack stays environment-agnostic: nothing here looks anything up, so it synthesizes
 * without credentials.
 */
public final class Skein extends Construct {
    private final ArchiveStorage storage;
    private final SpanArchiveTable archiveTable;
    private final SpanStream stream;
    private final IngestFunction ingest;
    private final AssemblyFunctions assembly;
    private final QueryFunction query;
    /** Empty when a team's own authorizer replaces Skein's. */
    private final Optional<AuthorizerFunction> authorizer;
    private final Optional<String> createFirstKeyCommand;
    private final SkeinHttpApi api;
    private final SkeinAlarms alarms;
    private final SkeinDashboard dashboard;

    public Skein(Construct scope, String id, SkeinProps props) {
        super(scope, id);
        storage = new ArchiveStorage(this, "Storage", props);
        archiveTable = new SpanArchiveTable(this, "ArchiveTable", storage.bucket, props.retentionDays());
        stream = new SpanStream(this, "SpanStream", props);
        ingest = new IngestFunction(this, "Ingest", props, stream.stream, storage.table);
        assembly = new AssemblyFunctions(this, "Assembly", props, storage, stream);
        query = new QueryFunction(this, "Query", props, storage);
        authorizer = props.authorizer().isPresent() ? Optional.empty()
                : Optional.of(new AuthorizerFunction(this, "Authorizer", props, storage.table));
        createFirstKeyCommand = authorizer.map(a -> "bin/skein keys create --tenant " + props.defaultTenant()
                + " --scopes ingest,query --table " + storage.table.getTableName() + " --region " + Stack.of(this).getRegion());
        api = new SkeinHttpApi(this, "Http", props, ingest.function, query.function, authorizer.map(a -> a.function));
        List<SkeinFunction> functions = functions();
        alarms = new SkeinAlarms(this, "Alarms", props, functions, assembly.assembler,
                assembly.timers.deadLetters, stream.failures, api.api);
        dashboard = new SkeinDashboard(this, "Dashboard", api, stream, storage, functions, assembly, alarms.alarms);
        NagExemptions.apply(this);
    }

    /** {@code https://host} of the API: the custom domain when there is one. */
    public String getBaseUrl() {
        return api.baseUrl;
    }

    /** Where OTLP/HTTP exporters send traces (protobuf or JSON, optionally gzip). */
    public String getOtlpIngestUrl() {
        return api.baseUrl + SkeinHttpApi.OTLP_PATH;
    }

    /** Where Zipkin reporters send spans (Zipkin v2 JSON). */
    public String getZipkinIngestUrl() {
        return api.baseUrl + SkeinHttpApi.ZIPKIN_INGEST_PATH;
    }

    /** The Zipkin API's base, for Grafana's Zipkin data source and the Zipkin UI. */
    public String getZipkinQueryUrl() {
        return api.baseUrl + "/zipkin";
    }

    /** The Jaeger query API's base, for Grafana's Jaeger data source and the Jaeger UI. */
    public String getJaegerQueryUrl() {
        return api.baseUrl + "/jaeger";
    }

    /** Skein's own API's base (docs/api.md). */
    public String getSkeinQueryUrl() {
        return api.baseUrl + "/api";
    }

    public HttpApi getHttpApi() {
        return api.api;
    }

    /** The regional host name a custom domain's DNS record must point at. */
    public Optional<String> getCustomDomainTarget() {
        return api.domain.map(d -> d.getRegionalDomainName());
    }

    public IBucket getArchiveBucket() {
        return storage.bucket;
    }

    public ITable getIndexTable() {
        return storage.table;
    }

    public IStream getSpanStream() {
        return stream.stream;
    }

    /** {@code database.table} of the span archive in Athena. */
    public String getAthenaTable() {
        return archiveTable.databaseName + "." + SpanArchiveTable.TABLE_NAME;
    }

    /**
     * The alias ({@value SkeinFunction#ALIAS}) that the API or the event source invokes.
     *
     * @throws IllegalArgumentException for the authorizer when a team's own replaced it
     */
    public IFunction getFunction(FunctionKind kind) {
        return function(kind).alias;
    }

    /**
     * The command that makes the first API key, for {@link SkeinProps#defaultTenant()} with both
     * scopes, run from Skein's repository with the deployer's credentials (its table name and
     * region resolve at deploy); empty when a team's own authorizer replaced Skein's keys.
     */
    public Optional<String> getCreateFirstKeyCommand() {
        return createFirstKeyCommand;
    }

    public Dashboard getDashboard() {
        return dashboard.dashboard;
    }

    public List<Alarm> getAlarms() {
        return List.copyOf(alarms.alarms);
    }

    /** Where the alarms go, when anywhere. */
    public Optional<ITopic> getAlarmTopic() {
        return alarms.topic;
    }

    // Package-private views for tests that check grants and wiring.
    SkeinFunction function(FunctionKind kind) {
        return switch (kind) {
            case INGEST -> ingest.function;
            case ASSEMBLER -> assembly.assembler;
            case FINALIZER -> assembly.finalizer;
            case QUERY -> query.function;
            case AUTHORIZER -> authorizer.map(a -> a.function).orElseThrow(() -> new IllegalArgumentException(
                    "Skein's authorizer is not deployed: SkeinProps.authorizer(...) replaced it"));
        };
    }

    /** The functions this Skein deploys, in {@link FunctionKind}'s order. */
    List<SkeinFunction> functions() {
        List<SkeinFunction> functions = new ArrayList<>(List.of(ingest.function, assembly.assembler, assembly.finalizer,
                query.function));
        authorizer.ifPresent(a -> functions.add(a.function));
        return List.copyOf(functions);
    }

    ArchiveStorage storage() {
        return storage;
    }

    SpanStream stream() {
        return stream;
    }

    TimerQueue timers() {
        return assembly.timers;
    }

    SkeinHttpApi api() {
        return api;
    }

    SpanArchiveTable archiveTable() {
        return archiveTable;
    }
}
