package dev.skein.aws.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy between an SDK client and Kinesis that makes PutRecords fail the way a busy
 * stream does: chosen entries come back with ProvisionedThroughputExceededException while the
 * rest are really stored, whole calls fail with 500, or calls hang. Everything else passes
 * through. It records each PutRecords call, which also shows request sizes that the emulator
 * itself does not limit.
 *
 * <p>It edits JSON, so the client must not speak CBOR ({@code -Daws.cborEnabled=false}). It does
 * not re-sign the edited request: emulators do not check signatures (real AWS would).
 */
final class FaultInjectingProxy implements AutoCloseable {
    static final String PUT_RECORDS = "Kinesis_20131202.PutRecords";
    private static final String JSON = "application/x-amz-json-1.1";
    /** Hop-by-hop or computed headers the JDK client sets itself (it refuses some of them). */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection",
            "expect", "upgrade", "transfer-encoding", "keep-alive");

    /** Decides which entries of a PutRecords call come back rejected. */
    @FunctionalInterface
    interface EntryFault {
        /**
         * @param call which PutRecords call this is, from 1
         */
        boolean reject(int call, String partitionKey);

        static EntryFault none() {
            return (call, key) -> false;
        }
    }

    /**
     * One PutRecords call as the proxy received it.
     *
     * @param billedBytes data plus partition keys, what Kinesis limits to 5 MiB per call
     */
    record Call(int number, List<String> partitionKeys, long billedBytes, boolean failedWhole) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final List<Call> calls = new ArrayList<>();
    private volatile EntryFault entryFault = EntryFault.none();
    private volatile int wholeCallFailures;
    private volatile Duration stall = Duration.ZERO;

    private FaultInjectingProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FaultInjectingProxy start(URI upstream) throws IOException {
        return new FaultInjectingProxy(upstream);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, reject the entries {@code fault} picks. */
    FaultInjectingProxy rejectEntries(EntryFault fault) {
        this.entryFault = fault;
        return this;
    }

    /** Answer the first {@code count} PutRecords calls with 500 InternalFailure, storing nothing. */
    FaultInjectingProxy failWholeCalls(int count) {
        this.wholeCallFailures = count;
        return this;
    }

    /** Hold every PutRecords call this long before handling it, like a hung connection. */
    FaultInjectingProxy stallPutRecords(Duration stall) {
        this.stall = stall;
        return this;
    }

    synchronized List<Call> putRecordsCalls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (PUT_RECORDS.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                putRecords(exchange, body);
            } else {
                HttpResponse<byte[]> answer = forward(exchange, body);
                respond(exchange, answer.statusCode(), answer.headers().map(), answer.body());
            }
        } catch (IOException | RuntimeException e) {
            respondJson(exchange, 500, "{\"__type\":\"InternalFailure\",\"message\":"
                    + json.writeValueAsString("proxy: " + e) + "}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void putRecords(HttpExchange exchange, byte[] body)
            throws IOException, InterruptedException {
        Thread.sleep(stall.toMillis()); // close() interrupts it
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.contains("json")) {
            respondJson(exchange, 400, "{\"__type\":\"ValidationException\",\"message\":"
                    + "\"FaultInjectingProxy edits JSON: run with -Daws.cborEnabled=false\"}");
            return;
        }
        ObjectNode request = (ObjectNode) json.readTree(body);
        ArrayNode entries = (ArrayNode) request.get("Records");
        List<String> keys = new ArrayList<>();
        long billedBytes = 0;
        for (JsonNode entry : entries) {
            keys.add(entry.get("PartitionKey").asText());
            billedBytes += entry.get("PartitionKey").asText().length()
                    + Base64.getDecoder().decode(entry.get("Data").asText()).length;
        }

        int number;
        boolean failWhole;
        synchronized (this) {
            number = calls.size() + 1;
            failWhole = number <= wholeCallFailures;
            calls.add(new Call(number, List.copyOf(keys), billedBytes, failWhole));
        }
        if (failWhole) {
            respondJson(exchange, 500,
                    "{\"__type\":\"InternalFailure\",\"message\":\"injected by the test\"}");
            return;
        }

        boolean[] rejected = new boolean[keys.size()];
        ArrayNode forwarded = json.createArrayNode();
        for (int i = 0; i < keys.size(); i++) {
            rejected[i] = entryFault.reject(number, keys.get(i));
            if (!rejected[i]) {
                forwarded.add(entries.get(i));
            }
        }

        JsonNode upstreamAnswer = null;
        if (!forwarded.isEmpty()) {
            request.set("Records", forwarded);
            HttpResponse<byte[]> answer = forward(exchange, json.writeValueAsBytes(request));
            if (answer.statusCode() != 200) {
                respond(exchange, answer.statusCode(), answer.headers().map(), answer.body());
                return;
            }
            upstreamAnswer = json.readTree(answer.body());
        }
        respondJson(exchange, 200, json.writeValueAsString(
                merge(request.path("StreamName").asText("?"), rejected, upstreamAnswer)));
    }

    /** The upstream's results for the forwarded entries, with rejections back in their places. */
    private ObjectNode merge(String stream, boolean[] rejected, JsonNode upstreamAnswer) {
        Iterator<JsonNode> stored = upstreamAnswer == null
                ? List.<JsonNode>of().iterator()
                : upstreamAnswer.get("Records").elements();
        ArrayNode results = json.createArrayNode();
        int failed = upstreamAnswer == null ? 0 : upstreamAnswer.path("FailedRecordCount").asInt();
        for (boolean reject : rejected) {
            if (reject) {
                failed++;
                results.addObject()
                        .put("ErrorCode", "ProvisionedThroughputExceededException")
                        .put("ErrorMessage", "Rate exceeded for shard shardId-000000000000 in"
                                + " stream " + stream + " under account 000000000000.");
            } else {
                results.add(stored.next());
            }
        }
        ObjectNode merged = json.createObjectNode();
        merged.put("FailedRecordCount", failed);
        merged.set("Records", results);
        if (upstreamAnswer != null && upstreamAnswer.has("EncryptionType")) {
            merged.set("EncryptionType", upstreamAnswer.get("EncryptionType"));
        }
        return merged;
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        upstream.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void respond(HttpExchange exchange, int status,
            Map<String, List<String>> headers, byte[] body) throws IOException {
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                    && !name.equalsIgnoreCase("date") && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void respondJson(HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
