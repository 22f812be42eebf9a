package dev.skein.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.protobuf.ByteString;
import dev.skein.codec.StreamRecordCodec;
import dev.skein.ingest.IngestLimits;
import dev.skein.ingest.RecordSink;
import dev.skein.ingest.RecordSinkUnavailableException;
import dev.skein.ingest.StreamRecord;
import dev.skein.tenancy.InMemoryQuotaLedger;
import dev.skein.tenancy.QuotaPolicy;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Every answer of the ingest function, through the Lambda handler and API Gateway events. */
class IngestHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final long START = NOW.getEpochSecond() * 1_000_000_000L - 2_000_000_000L;

    private final List<StreamRecord> stored = new ArrayList<>();
    private final RecordSink collecting = stored::addAll;

    private IngestHandler handler(IngestLimits limits, RecordSink sink, Optional<String> defaultTenant) {
        return new IngestHandler(new IngestConfig("spans", defaultTenant, limits, 6, Duration.ofSeconds(2)),
                sink, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private IngestHandler handler() {
        return handler(IngestLimits.DEFAULTS, collecting, Optional.of("acme"));
    }

    static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> headers, byte[] body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(path)
                .withHeaders(headers)
                .withBody(Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(true)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }

    static APIGatewayV2HTTPEvent post(String path, String contentType, byte[] body) {
        return event("POST", path, Map.of("content-type", contentType), body);
    }

    static byte[] responseBytes(APIGatewayV2HTTPResponse r) {
        return r.getIsBase64Encoded() ? Base64.getDecoder().decode(r.getBody())
                : r.getBody().getBytes(StandardCharsets.UTF_8);
    }

    static ByteString id(long high, long low) {
        ByteBuffer b = ByteBuffer.allocate(low == Long.MIN_VALUE ? 8 : 16);
        if (b.capacity() == 16) {
            b.putLong(high);
        }
        b.putLong(low);
        return ByteString.copyFrom(b.array());
    }

    static Span.Builder otlpSpan(long spanId) {
        return Span.newBuilder()
                .setTraceId(id(1, 2))
                .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(spanId).array()))
                .setName("GET /orders")
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(START)
                .setEndTimeUnixNano(START + 1_000_000);
    }

    static byte[] otlpRequest(Span.Builder... spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (Span.Builder s : spans) {
            scope.addSpans(s);
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("orders"))))
                .addScopeSpans(scope)).build().toByteArray();
    }

    static String otlpJson(String spanId) {
        return """
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10",
                "spanId":"%s","name":"x","startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}
                """.formatted(spanId, START, START + 1000);
    }

    static String zipkin(String id) {
        return """
                [{"traceId":"463ac35c9f6413ad","id":"%s","name":"get","timestamp":%d,"duration":10,
                  "localEndpoint":{"serviceName":"frontend"}}]
                """.formatted(id, START / 1000);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(data);
        }
        return out.toByteArray();
    }

    static com.google.rpc.Status protoStatus(APIGatewayV2HTTPResponse r) throws Exception {
        return com.google.rpc.Status.parseFrom(responseBytes(r));
    }

    // --- success ---

    @Test
    void otlpProtobuf_whenAllValid_answers200WithAnEmptyProtobufBody() throws Exception {
        APIGatewayV2HTTPResponse r = handler().handleRequest(
                post("/v1/traces", "application/x-protobuf", otlpRequest(otlpSpan(1), otlpSpan(2))), null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getHeaders()).containsEntry("content-type", "application/x-protobuf");
        assertThat(ExportTraceServiceResponse.parseFrom(responseBytes(r)).hasPartialSuccess()).isFalse();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).partitionKey()).isEqualTo("acme/00000000000000010000000000000002");
        assertThat(StreamRecordCodec.decode(stored.get(0).data()).spans()).hasSize(2);
    }

    @Test
    void otlpProtobuf_whenGzipped_isInflatedFirst() throws Exception {
        APIGatewayV2HTTPEvent e = event("POST", "/v1/traces", Map.of("content-type", "application/x-protobuf",
                "content-encoding", "gzip"), gzip(otlpRequest(otlpSpan(1))));
        assertThat(handler().handleRequest(e, null).getStatusCode()).isEqualTo(200);
        assertThat(stored).hasSize(1);
    }

    @Test
    void otlpProtobuf_whenSomeSpansInvalid_answersPartialSuccessAndStoresTheRest() throws Exception {
        byte[] body = otlpRequest(otlpSpan(1), otlpSpan(0), otlpSpan(3).setTraceId(ByteString.copyFrom(new byte[8])));
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/v1/traces", "application/x-protobuf", body), null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        ExportTraceServiceResponse resp = ExportTraceServiceResponse.parseFrom(responseBytes(r));
        assertThat(resp.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
        assertThat(resp.getPartialSuccess().getErrorMessage())
                .startsWith("rejected 2 of 3 spans: ")
                .contains("span 2: trace ID must be 16 bytes, got 8")
                .contains("span ID is all zeros");
        assertThat(StreamRecordCodec.decode(stored.get(0).data()).spans()).hasSize(1);
    }

    @Test
    void otlpJson_whenAllValid_answers200WithEmptyJsonObject() {
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/v1/traces", "application/json; charset=utf-8",
                otlpJson("00f067aa0ba902b7").getBytes(StandardCharsets.UTF_8)), null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(r.getBody()).isEqualTo("{}");
    }

    @Test
    void otlpJson_whenASpanIsInvalid_answersPartialSuccessInJson() {
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/v1/traces", "application/json",
                otlpJson("xyz").getBytes(StandardCharsets.UTF_8)), null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getBody()).startsWith("{\"partialSuccess\":{\"rejectedSpans\":\"1\",\"errorMessage\":\"rejected 1 of 1 spans: span 0: spanId");
        assertThat(stored).isEmpty();
    }

    @Test
    void otlp_whenSpansTrimmed_warnsInPartialSuccessWithZeroRejected() throws Exception {
        Span.Builder wide = otlpSpan(1);
        for (int i = 0; i < 130; i++) {
            wide.addAttributes(KeyValue.newBuilder().setKey("k" + i).setValue(AnyValue.newBuilder().setIntValue(i)));
        }
        APIGatewayV2HTTPResponse r = handler().handleRequest(
                post("/v1/traces", "application/x-protobuf", otlpRequest(wide)), null);
        ExportTraceServiceResponse resp = ExportTraceServiceResponse.parseFrom(responseBytes(r));
        assertThat(resp.getPartialSuccess().getRejectedSpans()).isZero();
        assertThat(resp.getPartialSuccess().getErrorMessage()).contains("2 attributes");
    }

    @Test
    void otlp_whenEmptyProtobufRequest_answers200AndStoresNothing() {
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/v1/traces", "application/x-protobuf", new byte[0]), null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(stored).isEmpty();
    }

    @Test
    void zipkin_whenValid_answers202WithNoBody() {
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/api/v2/spans", "application/json",
                zipkin("72485a3953bb6124").getBytes(StandardCharsets.UTF_8)), null);
        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(r.getBody()).isEmpty();
        assertThat(stored.get(0).partitionKey()).isEqualTo("acme/0000000000000000463ac35c9f6413ad");
    }

    @Test
    void zipkin_whenNoContentType_isReadAsJson() {
        APIGatewayV2HTTPResponse r = handler().handleRequest(event("POST", "/api/v2/spans", Map.of(),
                zipkin("72485a3953bb6124").getBytes(StandardCharsets.UTF_8)), null);
        assertThat(r.getStatusCode()).isEqualTo(202);
    }

    @Test
    void zipkin_whenAnIdIsAllZeros_answers400AsZipkinsDecoderRefusesTheList() {
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/api/v2/spans", "application/json",
                zipkin("0000000000000000").getBytes(StandardCharsets.UTF_8)), null);
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(r.getBody()).contains("id is all zeros");
    }

    @Test
    void zipkin_whenSomeSpansBreakARule_answers202AndNamesTheRejected() {
        String body = "[" + zipkin("72485a3953bb6124").strip().replaceAll("^\\[|\\]$", "") + ","
                + "{\"traceId\":\"463ac35c9f6413ad\",\"id\":\"0000000000000009\",\"name\":\"old\","
                + "\"timestamp\":1000000,\"duration\":5}]";
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/api/v2/spans", "application/json",
                body.getBytes(StandardCharsets.UTF_8)), null);
        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(r.getBody()).startsWith("rejected 1 of 2 spans").contains("older than");
        assertThat(stored).hasSize(1);
    }

    @Test
    void zipkin_whenEverySpanBreaksARule_answers400NamingTheProblem() {
        String old = "[{\"traceId\":\"463ac35c9f6413ad\",\"id\":\"0000000000000009\",\"name\":\"old\","
                + "\"timestamp\":1000000,\"duration\":5}]";
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/api/v2/spans", "application/json",
                old.getBytes(StandardCharsets.UTF_8)), null);
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(r.getBody()).contains("start time 1970-01-01T00:00:01Z is older than");
        assertThat(stored).isEmpty();
    }

    @Test
    void zipkin_whenMalformed_answers400AsText() {
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/api/v2/spans", "application/json",
                "[{\"traceId\":\"zz\"}]".getBytes(StandardCharsets.UTF_8)), null);
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(r.getHeaders().get("content-type")).startsWith("text/plain");
        assertThat(r.getBody()).startsWith("malformed Zipkin v2 JSON");
    }

    // --- client errors ---

    @Test
    void otlpProtobuf_whenMalformed_answers400WithAProtobufStatus() throws Exception {
        byte[] truncated = java.util.Arrays.copyOf(otlpRequest(otlpSpan(1)), 20);
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/v1/traces", "application/x-protobuf", truncated), null);
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(r.getHeaders()).containsEntry("content-type", "application/x-protobuf");
        com.google.rpc.Status status = protoStatus(r);
        assertThat(status.getCode()).isEqualTo(3);
        assertThat(status.getMessage()).startsWith("truncated").contains("at byte");
    }

    @Test
    void otlpJson_whenMalformed_answers400WithAJsonStatusNamingLineAndColumn() {
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/v1/traces", "application/json",
                "{\"resourceSpans\": [}".getBytes(StandardCharsets.UTF_8)), null);
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(r.getBody()).startsWith("{\"code\":3,\"message\":\"malformed JSON").contains("line 1, column");
    }

    @Test
    void otlp_whenGzipHeaderButPlainBody_answers400() {
        APIGatewayV2HTTPEvent e = event("POST", "/v1/traces", Map.of("content-type", "application/x-protobuf",
                "content-encoding", "gzip"), otlpRequest(otlpSpan(1)));
        APIGatewayV2HTTPResponse r = handler().handleRequest(e, null);
        assertThat(r.getStatusCode()).isEqualTo(400);
    }

    @Test
    void anyRoute_whenBodyIsNotBase64_answers400() {
        APIGatewayV2HTTPEvent e = post("/v1/traces", "application/x-protobuf", new byte[0]);
        e.setBody("not base64!");
        assertThat(handler().handleRequest(e, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void unknownPath_answers404NamingTheRoutes() {
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/v1/metrics", "application/x-protobuf", new byte[0]), null);
        assertThat(r.getStatusCode()).isEqualTo(404);
        assertThat(r.getBody()).contains("/v1/traces").contains("/api/v2/spans");
    }

    @Test
    void wrongMethod_answers405WithAllow() {
        APIGatewayV2HTTPResponse r = handler().handleRequest(event("GET", "/v1/traces", Map.of(), new byte[0]), null);
        assertThat(r.getStatusCode()).isEqualTo(405);
        assertThat(r.getHeaders()).containsEntry("allow", "POST");
        APIGatewayV2HTTPResponse z = handler().handleRequest(event("PUT", "/api/v2/spans", Map.of(), new byte[0]), null);
        assertThat(z.getStatusCode()).isEqualTo(405);
    }

    @Test
    void otlp_whenUnsupportedContentType_answers415() {
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/v1/traces", "text/plain", new byte[1]), null);
        assertThat(r.getStatusCode()).isEqualTo(415);
        assertThat(r.getBody()).contains("application/x-protobuf").contains("application/json");
        APIGatewayV2HTTPResponse none = handler().handleRequest(event("POST", "/v1/traces", Map.of(), new byte[1]), null);
        assertThat(none.getStatusCode()).isEqualTo(415);
    }

    @Test
    void zipkin_whenProtobuf_answers415() {
        APIGatewayV2HTTPResponse r = handler().handleRequest(post("/api/v2/spans", "application/x-protobuf", new byte[1]), null);
        assertThat(r.getStatusCode()).isEqualTo(415);
    }

    @Test
    void anyRoute_whenUnsupportedEncoding_answers415() throws Exception {
        APIGatewayV2HTTPEvent e = event("POST", "/v1/traces", Map.of("content-type", "application/x-protobuf",
                "content-encoding", "br"), new byte[1]);
        APIGatewayV2HTTPResponse r = handler().handleRequest(e, null);
        assertThat(r.getStatusCode()).isEqualTo(415);
        assertThat(protoStatus(r).getMessage()).contains("'br'");
    }

    private static IngestLimits limits(int maxBody, int maxInflated, int maxSpans) {
        IngestLimits d = IngestLimits.DEFAULTS;
        return new IngestLimits(maxBody, maxInflated, maxSpans, d.maxAttributesPerSpan(), d.maxAttributeValueBytes(),
                d.maxEventsPerSpan(), d.maxLinksPerSpan(), d.maxSpanAge(), d.maxSpanFuture());
    }

    @Test
    void anyRoute_whenBodyOverTheLimit_answers413() throws Exception {
        IngestHandler h = handler(limits(100, 1000, 10), collecting, Optional.of("acme"));
        APIGatewayV2HTTPResponse r = h.handleRequest(post("/v1/traces", "application/x-protobuf", new byte[101]), null);
        assertThat(r.getStatusCode()).isEqualTo(413);
        assertThat(protoStatus(r).getMessage()).contains("101 bytes").contains("100-byte limit");
    }

    @Test
    void anyRoute_whenGzipBombInflatesOverTheLimit_answers413() throws Exception {
        byte[] bomb = gzip(new byte[50 * 1024 * 1024]);
        APIGatewayV2HTTPEvent e = event("POST", "/v1/traces", Map.of("content-type", "application/x-protobuf",
                "content-encoding", "gzip"), bomb);
        APIGatewayV2HTTPResponse r = handler().handleRequest(e, null);
        assertThat(r.getStatusCode()).isEqualTo(413);
        assertThat(protoStatus(r).getMessage()).contains("limit after decompression");
    }

    @Test
    void anyRoute_whenTooManySpans_answers413AndStoresNothing() {
        IngestHandler h = handler(limits(1_000_000, 1_000_000, 2), collecting, Optional.of("acme"));
        APIGatewayV2HTTPResponse r = h.handleRequest(
                post("/v1/traces", "application/x-protobuf", otlpRequest(otlpSpan(1), otlpSpan(2), otlpSpan(3))), null);
        assertThat(r.getStatusCode()).isEqualTo(413);
        assertThat(stored).isEmpty();
    }

    // --- tenants ---

    @Test
    void tenant_whenAuthorizerContextPresent_isTakenFromItNotFromTheDefault() {
        APIGatewayV2HTTPEvent e = post("/api/v2/spans", "application/json", zipkin("72485a3953bb6124").getBytes(StandardCharsets.UTF_8));
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("tenant", "globex");
        ctx.put("scopes", "ingest");
        e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(ctx).build());
        handler().handleRequest(e, null);
        assertThat(stored.get(0).partitionKey()).startsWith("globex/");
    }

    @Test
    void scope_whenTheKeyHoldsNoIngestScope_answers403AndStoresNothing() {
        for (Map<String, Object> ctx : List.<Map<String, Object>>of(Map.of("tenant", "globex", "scopes", "query"),
                Map.of("tenant", "globex"))) {
            APIGatewayV2HTTPEvent e = post("/api/v2/spans", "application/json",
                    zipkin("72485a3953bb6124").getBytes(StandardCharsets.UTF_8));
            e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withLambda(ctx).build());
            APIGatewayV2HTTPResponse r = handler().handleRequest(e, null);
            assertThat(r.getStatusCode()).isEqualTo(403);
            assertThat(r.getBody()).contains("'ingest' scope");
        }
        assertThat(stored).isEmpty();
    }

    // --- quotas ---

    @Test
    void quota_whenATenantSendsFasterThanItsQuota_answers429WithRetryAfterAndStoresNothingOfThatRequest() throws Exception {
        QuotaPolicy policy = QuotaPolicy.parse("{\"default\":{\"spansPerSecond\":2,\"burstSeconds\":1}}");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        IngestHandler h = quotaHandler(policy, new PrintStream(log, true, StandardCharsets.UTF_8));
        byte[] twoSpans = otlpRequest(otlpSpan(1), otlpSpan(2));

        assertThat(h.handleRequest(as("acme", post("/v1/traces", "application/x-protobuf", twoSpans)), null)
                .getStatusCode()).isEqualTo(200);
        int storedBefore = stored.size();
        APIGatewayV2HTTPResponse refused = h.handleRequest(as("acme", post("/v1/traces", "application/x-protobuf",
                otlpRequest(otlpSpan(3), otlpSpan(4)))), null);
        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertThat(refused.getHeaders()).containsEntry("retry-after", "1");
        assertThat(protoStatus(refused).getCode()).isEqualTo(8); // RESOURCE_EXHAUSTED
        assertThat(protoStatus(refused).getMessage()).contains("spans per second quota");
        assertThat(stored).hasSize(storedBefore);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("\"status\":429").contains("\"refused\":2").contains("\"refusedReason\":\"spans_per_second\"")
                // An embedded-metric document: CloudWatch counts refused spans per tenant and reason.
                .contains("\"Namespace\":\"Skein/ingest\",\"Dimensions\":[[\"tenant\",\"refusedReason\"]],"
                        + "\"Metrics\":[{\"Name\":\"refused\",\"Unit\":\"Count\"}]");

        // Another tenant, in the same second, spends from its own bucket.
        APIGatewayV2HTTPResponse other = h.handleRequest(as("globex", post("/v1/traces", "application/x-protobuf",
                twoSpans)), null);
        assertThat(other.getStatusCode()).isEqualTo(200);
        assertThat(stored.get(stored.size() - 1).partitionKey()).startsWith("globex/");
    }

    @Test
    void quota_zipkinAnswers429TooAndBytesCountAfterDecompression() throws IOException {
        QuotaPolicy policy = QuotaPolicy.parse("{\"default\":{\"bytesPerSecond\":300,\"burstSeconds\":1}}");
        IngestHandler h = quotaHandler(policy, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        byte[] body = zipkin("72485a3953bb6124").getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent first = as("acme", event("POST", "/api/v2/spans",
                Map.of("content-type", "application/json", "content-encoding", "gzip"), gzip(body)));
        assertThat(h.handleRequest(first, null).getStatusCode()).isEqualTo(202);
        APIGatewayV2HTTPResponse second = h.handleRequest(as("acme", post("/api/v2/spans", "application/json", body)), null);
        assertThat(second.getStatusCode()).isEqualTo(429);
        assertThat(second.getBody()).contains("bytes per second quota");
        assertThat(second.getHeaders()).containsKey("retry-after");
    }

    private IngestHandler quotaHandler(QuotaPolicy policy, PrintStream log) {
        IngestConfig config = new IngestConfig("spans", Optional.empty(), IngestLimits.DEFAULTS, 6,
                Duration.ofSeconds(2), policy, Optional.empty());
        return new IngestHandler(config, collecting, Clock.fixed(NOW, ZoneOffset.UTC), new InMemoryQuotaLedger(), log);
    }

    private static APIGatewayV2HTTPEvent as(String tenant, APIGatewayV2HTTPEvent e) {
        e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(Map.of("tenant", tenant, "scopes", "ingest")).build());
        return e;
    }

    @Test
    void tenant_whenClientSendsATenantHeader_isIgnored() {
        APIGatewayV2HTTPEvent e = event("POST", "/api/v2/spans", Map.of("content-type", "application/json",
                "x-skein-tenant", "globex", "x-tenant", "globex"), zipkin("72485a3953bb6124").getBytes(StandardCharsets.UTF_8));
        handler().handleRequest(e, null);
        assertThat(stored.get(0).partitionKey()).startsWith("acme/");
    }

    @Test
    void tenant_whenNoAuthorizerAndNoDefault_answers401() {
        IngestHandler h = handler(IngestLimits.DEFAULTS, collecting, Optional.empty());
        APIGatewayV2HTTPResponse r = h.handleRequest(post("/api/v2/spans", "application/json", new byte[2]), null);
        assertThat(r.getStatusCode()).isEqualTo(401);
        assertThat(stored).isEmpty();
    }

    @Test
    void tenant_whenAuthorizerGivesAnUnstorableId_answers403() {
        APIGatewayV2HTTPEvent e = post("/api/v2/spans", "application/json", new byte[2]);
        e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(Map.of("tenant", "a/b")).build());
        assertThat(handler().handleRequest(e, null).getStatusCode()).isEqualTo(403);
    }

    // --- the stream ---

    @Test
    void anyRoute_whenTheStreamStaysUnavailable_answers503WithRetryAfter() throws Exception {
        RecordSink down = records -> {
            throw new RecordSinkUnavailableException("throttled", records.size(), Duration.ofSeconds(5), null);
        };
        IngestHandler h = handler(IngestLimits.DEFAULTS, down, Optional.of("acme"));
        APIGatewayV2HTTPResponse r = h.handleRequest(post("/v1/traces", "application/x-protobuf", otlpRequest(otlpSpan(1))), null);
        assertThat(r.getStatusCode()).isEqualTo(503);
        assertThat(r.getHeaders()).containsEntry("retry-after", "5");
        assertThat(protoStatus(r).getCode()).isEqualTo(14);

        APIGatewayV2HTTPResponse z = h.handleRequest(post("/api/v2/spans", "application/json",
                zipkin("72485a3953bb6124").getBytes(StandardCharsets.UTF_8)), null);
        assertThat(z.getStatusCode()).isEqualTo(503);
        assertThat(z.getHeaders()).containsEntry("retry-after", "5");
    }

    @Test
    void config_fromEnvironment_readsItsVariablesAndRejectsBadOnes() {
        IngestConfig c = IngestConfig.fromEnvironment(Map.of("SKEIN_STREAM_NAME", "s", "SKEIN_DEFAULT_TENANT", "t1",
                "SKEIN_RECORD_COMPRESSION", "0", "SKEIN_RETRY_AFTER", "PT7S"));
        assertThat(c.streamName()).isEqualTo("s");
        assertThat(c.defaultTenant()).contains("t1");
        assertThat(c.compressionLevel()).isZero();
        assertThat(c.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of()))
                .hasMessageContaining("SKEIN_STREAM_NAME");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IngestConfig.fromEnvironment(
                Map.of("SKEIN_STREAM_NAME", "s", "SKEIN_DEFAULT_TENANT", "no spaces")))
                .hasMessageContaining("SKEIN_DEFAULT_TENANT");
    }
}
