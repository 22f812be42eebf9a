package dev.skein.emulators;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * LocalStack's one port, on machines without Docker: takes every AWS call and forwards it to the
 * emulator of the service its SigV4 Authorization header is scoped to
 * ({@code Credential=AKID/20261125/us-east-1/kinesis/aws4_request}), streaming the request and
 * the answer through. A function reads one endpoint for every service ({@code
 * SKEIN_AWS_ENDPOINT}); this gives it one in front of the four emulators.
 *
 * <pre>{@code
 * try (SingleEndpointRouter router = SingleEndpointRouter.start(Map.of("kinesis", kinesis.endpoint(),
 *         "dynamodb", dynamoDb.endpoint(), "s3", s3.endpoint(), "sqs", sqs.endpoint()))) {
 *     env.put("SKEIN_AWS_ENDPOINT", router.endpoint().toString());
 * }
 * }</pre>
 *
 * <p>The emulator sees its own host in {@code Host}, not the one the client signed: none of them
 * checks signatures. S3 clients address buckets by path, so the bucket survives the new host. A
 * call without a credential scope, or for a service not given, is answered 400 naming it.
 */
public final class SingleEndpointRouter implements AutoCloseable {
    /** Hop-by-hop headers, and those the JDK's HTTP client sets itself and refuses to be given. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "keep-alive", "te", "trailer", "transfer-encoding", "upgrade");

    private final HttpServer server;
    private final ExecutorService handlers;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Map<String, URI> emulators;
    private final Map<String, LongAdder> forwarded = new ConcurrentHashMap<>();

    private SingleEndpointRouter(HttpServer server, ExecutorService handlers, Map<String, URI> emulators) {
        this.server = server;
        this.handlers = handlers;
        this.emulators = Map.copyOf(emulators);
    }

    /**
     * Listens on 127.0.0.1 and a free port.
     *
     * @param emulators each service's signing name ({@code kinesis}, {@code dynamodb}, {@code s3},
     *     {@code sqs}) to the endpoint of the emulator that answers it
     * @throws IOException when no port can be bound
     */
    public static SingleEndpointRouter start(Map<String, URI> emulators) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A thread per call: SQS long polls hold theirs for up to 20 s.
        ExecutorService handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "single-endpoint-router");
            t.setDaemon(true);
            return t;
        });
        SingleEndpointRouter router = new SingleEndpointRouter(server, handlers, emulators);
        server.createContext("/", router::route);
        server.setExecutor(handlers);
        server.start();
        return router;
    }

    /** Where clients send every call: {@code http://127.0.0.1:port}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Calls forwarded so far, by service. */
    public Map<String, Long> forwarded() {
        Map<String, Long> counts = new TreeMap<>();
        forwarded.forEach((service, count) -> counts.put(service, count.sum()));
        return counts;
    }

    /** The signing name of the service a SigV4 Authorization header is scoped to. */
    static Optional<String> service(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        int start = authorization.indexOf("Credential=");
        if (start < 0) {
            return Optional.empty();
        }
        int end = authorization.indexOf(',', start);
        String[] scope = authorization.substring(start + "Credential=".length(),
                end < 0 ? authorization.length() : end).split("/");
        // access key / date / region / service / aws4_request
        return scope.length == 5 ? Optional.of(scope[3]) : Optional.empty();
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<String> service = service(exchange.getRequestHeaders().getFirst("Authorization"));
            URI emulator = service.map(emulators::get).orElse(null);
            if (emulator == null) {
                reply(exchange, 400, "no emulator for the service in this call's credential scope: "
                        + service.orElse("no SigV4 credential scope in Authorization"));
                return;
            }
            forwarded.computeIfAbsent(service.get(), s -> new LongAdder()).increment();
            HttpResponse<InputStream> answer;
            try {
                answer = http.send(forward(exchange, emulator), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                reply(exchange, 502, service.get() + " emulator at " + emulator + " did not answer: " + e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 503, "interrupted");
                return;
            }
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            long length = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (head) {
                // No body follows, but the length is the object's (HeadObject reads it).
                answer.headers().firstValue("Content-Length")
                        .ifPresent(v -> exchange.getResponseHeaders().set("Content-Length", v));
            }
            boolean noBody = head || length == 0 || answer.statusCode() == 204 || answer.statusCode() == 304;
            // The JDK server's lengths: -1 none, 0 chunked, else exactly that many bytes.
            exchange.sendResponseHeaders(answer.statusCode(), noBody ? -1 : length < 0 ? 0 : length);
            try (InputStream in = answer.body(); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    private static HttpRequest forward(HttpExchange exchange, URI emulator) {
        // The raw path and query as the client sent them, still percent-encoded.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator + exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body(exchange));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return request.build();
    }

    private static HttpRequest.BodyPublisher body(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        String length = headers.getFirst("Content-Length");
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
        if (length != null) {
            long n = Long.parseLong(length.trim());
            return n == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.fromPublisher(stream, n);
        }
        // Without a length only a chunked body can follow; S3 would refuse one, the others take it.
        return headers.containsKey("Transfer-Encoding") ? stream : HttpRequest.BodyPublishers.noBody();
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Stops listening at once; calls still in flight are cut off. */
    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
