package dev.skein.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.skein.assembly.AssemblyResult;
import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.codec.OtlpJsonEncoder;
import dev.skein.codec.OtlpProtoEncoder;
import dev.skein.codec.StreamRecordCodec;
import dev.skein.finalize.FinalizeResult;
import dev.skein.finalize.TraceFinalizer;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.InstrumentationScope;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanStatus;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import dev.skein.query.TraceReader;
import dev.skein.storage.InMemoryStorage;
import dev.skein.storage.TimerMessage;
import dev.skein.storage.TraceKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One small, ordinary trace for SnapStart priming, in every shape the functions meet it: OTLP
 * protobuf and JSON and Zipkin JSON (ingest), span-stream records (assembler), and spans
 * (assembled and finalized in memory for the finalizer and query). It has what real traces have
 * and what takes the less common code paths: three services, a client call with its server
 * side, a database call with {@code peer.service}, an event, an error status, attributes of
 * several types.
 *
 * <p>Lives in memory only: it is never written anywhere but to storage the priming throws away.
 */
public final class PrimingSample {
    /** Its tenant; never used by anything but priming. */
    public static final String TENANT = "skein-priming";
    public static final TraceId TRACE_ID = new TraceId(0x5ce1_0000_0000_0001L, 0x0000_0000_0000_0001L);
    public static final TraceKey KEY = new TraceKey(TENANT, TRACE_ID);
    /** Compression level of the sample's stream records, as ingest's default. */
    private static final int COMPRESSION = 6;

    private final long startNanos;
    private final List<Span> spans;

    /** @param startEpochMillis when the trace starts; it lasts 120 ms */
    public PrimingSample(long startEpochMillis) {
        this.startNanos = startEpochMillis * 1_000_000L;
        this.spans = buildSpans();
    }

    public List<Span> spans() {
        return spans;
    }

    public byte[] otlpProto() {
        return new OtlpProtoEncoder().encode(spans);
    }

    public byte[] otlpJson() {
        return OtlpJsonEncoder.encode(spans);
    }

    /** The same calls as a Zipkin reporter would send them (v2 JSON). */
    public byte[] zipkinJson() {
        String traceId = TRACE_ID.toHex();
        long micros = startNanos / 1_000;
        return ("""
                [{"traceId":"%1$s","id":"0000000000000001","kind":"SERVER","name":"get /checkout",
                  "timestamp":%2$d,"duration":120000,"localEndpoint":{"serviceName":"frontend","ipv4":"10.0.0.1"},
                  "tags":{"http.method":"GET","http.path":"/checkout","http.status_code":"500","error":"500"}},
                 {"traceId":"%1$s","parentId":"0000000000000001","id":"0000000000000002","kind":"CLIENT",
                  "name":"post /cart","timestamp":%3$d,"duration":80000,
                  "localEndpoint":{"serviceName":"frontend"},"remoteEndpoint":{"serviceName":"cart","port":8080},
                  "annotations":[{"timestamp":%3$d,"value":"retry"}]},
                 {"traceId":"%1$s","parentId":"0000000000000001","id":"0000000000000002","kind":"SERVER",
                  "name":"post /cart","timestamp":%4$d,"duration":70000,"shared":true,
                  "localEndpoint":{"serviceName":"cart"},"tags":{"http.method":"POST"}}]
                """.formatted(traceId, micros, micros + 10_000, micros + 15_000)).getBytes(StandardCharsets.UTF_8);
    }

    /** The span-stream records ingest writes for the sample, as the assembler receives them. */
    public List<BatchRecord> streamRecords(long arrivalEpochMillis) {
        List<byte[]> records;
        try (StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(COMPRESSION)) {
            records = encoder.encodeTrace(TENANT, spans).records();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<BatchRecord> batch = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            batch.add(new BatchRecord("priming-" + i, arrivalEpochMillis, records.get(i)));
        }
        return batch;
    }

    /**
     * Memory storage holding the sample as the assembler stores it (archive objects, pointers,
     * search pages, catalogue, a timer), arrived {@code arrivalEpochMillis}.
     */
    public InMemoryStorage assembled(PipelineSettings settings, Clock clock, long arrivalEpochMillis) {
        InMemoryStorage storage = new InMemoryStorage(clock);
        AssemblyResult result = new TraceAssembler(storage, storage, storage, settings, clock)
                .assemble(streamRecords(arrivalEpochMillis));
        if (!result.failures().isEmpty()) {
            throw new IllegalStateException("the priming sample did not assemble: " + result.failures());
        }
        return storage;
    }

    /** As {@link #assembled}, and finalized too (summary, service edges): what queries read. */
    public InMemoryStorage finalized(PipelineSettings settings, Clock clock) {
        InMemoryStorage storage = assembled(settings, clock, clock.millis() - settings.idlePeriod().toMillis() - 1_000);
        FinalizeResult result = new TraceFinalizer(new TraceReader(storage, storage, settings), storage, storage,
                settings, clock).finalizeTraces(List.of(new TimerMessage("priming", KEY)));
        if (result.finalized() != 1) {
            throw new IllegalStateException("the priming sample did not finalize: " + result.problems());
        }
        return storage;
    }

    /** An HTTP API request (payload 2.0) from the sample's tenant, as Skein's authorizer passes it on. */
    public static APIGatewayV2HTTPEvent httpEvent(String method, String path, String query,
            Map<String, String> headers, byte[] body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(path)
                .withRawQueryString(query)
                .withHeaders(headers)
                .withBody(Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(true)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of(HttpApiEvents.TENANT_CONTEXT_KEY, TENANT,
                                        HttpApiEvents.SCOPES_CONTEXT_KEY, "ingest query")).build())
                        .build())
                .build();
    }

    private List<Span> buildSpans() {
        Resource frontend = service("frontend");
        Resource cart = service("cart");
        InstrumentationScope scope = new InstrumentationScope("io.opentelemetry.servlet", "2.10.0", List.of(), 0, "");
        List<Span> built = new ArrayList<>();
        Span.Builder root = span(1, 0, "GET /checkout", SpanKind.SERVER, 0, 120, frontend, scope);
        root.attributes = List.of(Attribute.of("http.request.method", "GET"), Attribute.of("http.route", "/checkout"),
                new Attribute("http.response.status_code", new AnyValue.IntValue(500)));
        root.status = SpanStatus.of(StatusCode.ERROR, "cart unavailable");
        built.add(root.build());
        Span.Builder call = span(2, 1, "POST /cart", SpanKind.CLIENT, 10, 80, frontend, scope);
        call.attributes = List.of(Attribute.of("server.address", "cart"),
                new Attribute("server.port", new AnyValue.IntValue(8080)));
        call.events = List.of(new SpanEvent(startNanos + 50_000_000L, "retry",
                List.of(new Attribute("attempt", new AnyValue.IntValue(2))), 0));
        built.add(call.build());
        Span.Builder served = span(3, 2, "POST /cart", SpanKind.SERVER, 15, 70, cart, scope);
        served.attributes = List.of(Attribute.of("http.request.method", "POST"),
                new Attribute("cache.hit", new AnyValue.BoolValue(false)));
        built.add(served.build());
        Span.Builder query = span(4, 3, "SELECT carts", SpanKind.CLIENT, 20, 40, cart, scope);
        query.attributes = List.of(Attribute.of("db.system", "postgresql"), Attribute.of("peer.service", "carts-db"),
                new Attribute("db.rows", new AnyValue.DoubleValue(3)));
        built.add(query.build());
        return List.copyOf(built);
    }

    private Span.Builder span(long id, long parent, String name, SpanKind kind, long offsetMillis, long millis,
            Resource resource, InstrumentationScope scope) {
        Span.Builder b = Span.builder();
        b.traceId = TRACE_ID;
        b.spanId = id;
        b.parentSpanId = parent;
        b.name = name;
        b.kind = kind;
        b.startEpochNanos = startNanos + offsetMillis * 1_000_000L;
        b.endEpochNanos = b.startEpochNanos + millis * 1_000_000L;
        b.resource = resource;
        b.scope = scope;
        return b;
    }

    private static Resource service(String name) {
        return new Resource(List.of(Attribute.of("service.name", name), Attribute.of("telemetry.sdk.language", "java"),
                Attribute.of("host.name", "priming")), 0, "");
    }
}
