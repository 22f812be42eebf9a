package dev.skein.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skein.codec.OtlpProtoDecoder;
import dev.skein.codec.OtlpResponses;
import dev.skein.codec.ZipkinJsonDecoder;
import dev.skein.ingest.BoundedGzip;
import dev.skein.model.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against a stand-in front door that records requests and answers as told. */
class SpanSenderTest {
    private static final long T0 = 1_795_003_140_000_000_000L;

    record Received(String path, String contentType, String contentEncoding, byte[] body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int answerStatus = 200;
    private volatile byte[] answerBody = new byte[0];
    private volatile String answerContentType;
    private HttpServer server;
    private final SendCounters counters = new SendCounters();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private SpanSender sender;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        sender = new SpanSender(URI.create(base + "/v1/traces"), URI.create(base + "/api/v2/spans"), java.util.Optional.empty(), counters,
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        sender.close();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("content-type"),
                    exchange.getRequestHeaders().getFirst("content-encoding"),
                    exchange.getRequestBody().readAllBytes()));
            byte[] body = answerBody;
            if (answerContentType != null) exchange.getResponseHeaders().set("content-type", answerContentType);
            exchange.sendResponseHeaders(answerStatus, body.length == 0 ? -1 : body.length);
            if (body.length > 0) exchange.getResponseBody().write(body);
        }
    }

    @Test
    void send_forAnOtlpService_postsProtobufThatReadsBackToTheSameSpans() throws Exception {
        List<Span> spans = spansOf(ShopServices.WEB);

        sender.send(new ExportQueues.Batch(ShopServices.WEB, spans));

        Received r = received.get(0);
        assertThat(r.path()).isEqualTo("/v1/traces");
        assertThat(r.contentType()).isEqualTo("application/x-protobuf");
        assertThat(r.contentEncoding()).isNull();
        assertThat(new OtlpProtoDecoder().decode(r.body(), 10_000).spans()).containsExactlyInAnyOrderElementsOf(spans);
        assertThat(counters.requests()).isEqualTo(1);
        assertThat(counters.spans()).isEqualTo(spans.size());
        assertThat(counters.refusedRequests()).isZero();
        assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void send_forACompressingOtlpService_gzipsTheProtobuf() throws Exception {
        List<Span> spans = spansOf(ShopServices.CHECKOUT);

        sender.send(new ExportQueues.Batch(ShopServices.CHECKOUT, spans));

        Received r = received.get(0);
        assertThat(r.contentEncoding()).isEqualTo("gzip");
        assertThat(new OtlpProtoDecoder().decode(BoundedGzip.inflate(r.body(), 1 << 24), 10_000).spans())
                .containsExactlyInAnyOrderElementsOf(spans);
    }

    @Test
    void send_forTheZipkinService_postsZipkinJsonToTheZipkinPath() throws Exception {
        answerStatus = 202;
        List<Span> spans = spansOf(ShopServices.INVENTORY);

        sender.send(new ExportQueues.Batch(ShopServices.INVENTORY, spans));

        Received r = received.get(0);
        assertThat(r.path()).isEqualTo("/api/v2/spans");
        assertThat(r.contentType()).isEqualTo("application/json");
        List<Span> decoded = new ZipkinJsonDecoder().decode(r.body(), 10_000).spans();
        assertThat(decoded).extracting(Span::spanId).containsExactlyElementsOf(spans.stream().map(Span::spanId).toList());
        assertThat(decoded).extracting(Span::serviceName).containsOnly("inventory");
        assertThat(counters.refusedRequests()).isZero();
    }

    @Test
    void send_whenRefused_countsEveryRefusalButSaysSoOncePerSummary() throws Exception {
        answerStatus = 503;
        answerBody = OtlpResponses.statusProto(OtlpResponses.UNAVAILABLE, "span stream is unavailable; retry later");
        answerContentType = "application/x-protobuf";
        ExportQueues.Batch batch = new ExportQueues.Batch(ShopServices.PAYMENTS, spansOf(ShopServices.PAYMENTS));

        sender.send(batch);
        sender.send(batch);
        sender.send(batch);

        assertThat(counters.refusedRequests()).isEqualTo(3);
        assertThat(counters.spans()).isZero();
        assertThat(log.toString(StandardCharsets.UTF_8).lines()).containsExactly("demo traffic: payments's request of "
                + batch.spans().size() + " spans to http://127.0.0.1:" + server.getAddress().getPort()
                + "/v1/traces was refused with 503: span stream is unavailable; retry later"
                + " (further refusals are counted in the next summary)");

        assertThat(counters.summary()).isEqualTo("demo traffic: 0 traces, 0 spans sent in 3 requests, 3 refused");
        sender.send(batch);
        assertThat(log.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
    }

    @Test
    void send_whenOnlyPartlyTaken_countsARefusalWithTheRejectedCount() throws Exception {
        answerBody = OtlpResponses.exportResponseProto(2, "2 spans are older than the ingest window");
        answerContentType = "application/x-protobuf";

        sender.send(new ExportQueues.Batch(ShopServices.WEB, spansOf(ShopServices.WEB)));

        assertThat(counters.refusedRequests()).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("was taken only in part: 2 spans rejected: 2 spans are older than the ingest window");
    }

    @Test
    void send_whenAnOtlpRefusalIsText_showsTheText() throws Exception {
        answerStatus = 413;
        answerBody = "request body is over API Gateway's 10485760-byte limit".getBytes(StandardCharsets.UTF_8);
        answerContentType = "text/plain; charset=utf-8";

        sender.send(new ExportQueues.Batch(ShopServices.WEB, spansOf(ShopServices.WEB)));

        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("was refused with 413: request body is over API Gateway's 10485760-byte limit (");
    }

    @Test
    void send_whenTheFrontDoorIsGone_countsARefusal() throws Exception {
        server.stop(0);

        sender.send(new ExportQueues.Batch(ShopServices.WEB, spansOf(ShopServices.WEB)));

        assertThat(counters.refusedRequests()).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("could not be sent: java.net.ConnectException");
    }

    /** One service's spans from a few simulated requests. */
    private static List<Span> spansOf(SimulatedService service) {
        ShopSimulator shop = new ShopSimulator(3);
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (Span s : shop.next(T0 + i * 1_000_000_000L)) if (s.serviceName().equals(service.name())) spans.add(s);
        }
        assertThat(spans).isNotEmpty();
        return spans;
    }
}
