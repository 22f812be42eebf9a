package dev.skein.functions.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.skein.assembly.PipelineSettings;
import dev.skein.aws.StoragePriming;
import dev.skein.aws.lambda.PrimingSample;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.query.QueryLimits;
import dev.skein.query.QueryService;
import dev.skein.query.TraceReader;
import dev.skein.storage.InMemoryStorage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SnapStart priming for the query function: the sample trace, assembled and finalized in memory,
 * asked for through a second handler built as the real one, in each dialect (Zipkin JSON,
 * Jaeger JSON, Skein's OTLP JSON) by ID, by search and for the service map; then
 * reads of a trace and an object that cannot exist, for the DynamoDB and S3 clients, and of the
 * priming tenant's quota bucket. Only reads.
 */
final class QueryPriming {
    private QueryPriming() {
    }

    static SnapStartPriming of(StoragePriming storage, SnapStartPriming.Step quotaRead, PipelineSettings settings,
            QueryLimits limits, Cors cors, Clock clock, PrintStream log) {
        return new SnapStartPriming("query", List.of(
                new SnapStartPriming.Step("answer the sample in every dialect, from memory",
                        () -> querySample(settings, limits, cors, clock)),
                storage.absentTraceRead(),
                storage.absentObjectRead(),
                quotaRead), log);
    }

    private static void querySample(PipelineSettings settings, QueryLimits limits, Cors cors, Clock clock) {
        InMemoryStorage memory = new PrimingSample(clock.millis() - 60_000).finalized(settings, clock);
        try (QueryService service = new QueryService(new TraceReader(memory, memory, settings), memory, limits,
                settings.autocompleteKeys())) {
            QueryHandler handler = new QueryHandler(service, cors, Optional.empty(),
                    new PrintStream(OutputStream.nullOutputStream()), clock);
            String id = PrimingSample.TRACE_ID.toHex();
            long endMillis = clock.millis();
            get(handler, "/zipkin/api/v2/trace/" + id, "");
            get(handler, "/zipkin/api/v2/traces", "serviceName=frontend&limit=10");
            get(handler, "/zipkin/api/v2/services", "");
            get(handler, "/zipkin/api/v2/dependencies", "endTs=" + endMillis + "&lookback=3600000");
            get(handler, "/jaeger/api/traces/" + id, "");
            get(handler, "/jaeger/api/traces", "service=frontend&limit=10");
            get(handler, "/api/traces/" + id, "");
            get(handler, "/api/traces", "service=frontend");
            get(handler, "/api/service-map", "");
        }
    }

    private static void get(QueryHandler handler, String path, String query) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                PrimingSample.httpEvent("GET", path, query, Map.of(), new byte[0]), null);
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException(path + "?" + query + " answered " + response.getStatusCode()
                    + ": " + response.getBody());
        }
    }
}
