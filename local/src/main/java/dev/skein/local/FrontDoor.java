package dev.skein.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The local stand-in for API Gateway: HTTP requests on one or more ports become HTTP API
 * events for the same handlers that run in Lambda, and their responses go back out. It keeps
 * API Gateway's limits that matter to clients (a 10 MB payload), so what works here works there.
 */
public final class FrontDoor implements AutoCloseable {
    /** API Gateway HTTP API's payload limit. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

    /** A function as API Gateway sees it. */
    public interface Route extends Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        /** Whether the guard (the authorizer) runs first, as on every data route in the cloud. */
        default boolean guarded() {
            return true;
        }
    }

    private final Map<String, Route> routes;
    private final Guard guard;
    private final Clock clock;
    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService workers;

    /**
     * @param routes path prefix → function; the longest matching prefix wins
     * @param guard what runs before a guarded route's function: the authorizer
     */
    public FrontDoor(Map<String, Route> routes, Guard guard, Clock clock, int workerThreads) {
        this.routes = new LinkedHashMap<>(routes);
        this.guard = guard;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(workerThreads, r -> {
            Thread t = new Thread(r, "front-door");
            t.setDaemon(true);
            return t;
        });
    }

    /** Listens on {@code host:port} (port 0 for any free one) and returns the bound port. */
    public int listen(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.createContext("/", this::serve);
        server.setExecutor(workers);
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Route route = routeFor(path);
            if (route == null) {
                send(exchange, 404, Map.of("content-type", "text/plain; charset=utf-8"),
                        ("no route for " + path).getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = readBounded(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, Map.of("content-type", "text/plain; charset=utf-8"),
                        ("request body is over API Gateway's " + MAX_PAYLOAD_BYTES + "-byte limit")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            APIGatewayV2HTTPResponse response;
            try {
                APIGatewayV2HTTPEvent event = ApiGatewayEvents.request(exchange.getRequestMethod(), path,
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                        exchange.getRemoteAddress().getAddress().getHostAddress(),
                        exchange.getRequestHeaders().getFirst("Host"), Optional.empty(), clock.instant());
                if (route.guarded()) {
                    Guard.Outcome outcome = guard.check(event);
                    if (outcome.refusal() != null) {
                        response = outcome.refusal();
                        send(exchange, response.getStatusCode(), response.getHeaders(),
                                ApiGatewayEvents.responseBody(response));
                        return;
                    }
                    ApiGatewayEvents.setAuthorizerContext(event, outcome.context());
                }
                response = route.apply(event);
            } catch (RuntimeException e) {
                // What API Gateway answers when the integration fails.
                // The exception's class only: its message may quote the request.
                System.err.println("skein-local: handler failed for " + path + ": " + e.getClass().getName());
                send(exchange, 500, Map.of("content-type", "application/json"),
                        "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
            send(exchange, response.getStatusCode(), headers, ApiGatewayEvents.responseBody(response));
        }
    }

    private Route routeFor(String path) {
        Route best = null;
        int bestLength = -1;
        for (Map.Entry<String, Route> r : routes.entrySet()) {
            String prefix = r.getKey();
            if (path.startsWith(prefix) && prefix.length() > bestLength) {
                best = r.getValue();
                bestLength = prefix.length();
            }
        }
        return best;
    }

    /** The body, or null when it is over the payload limit. */
    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        return body.length > MAX_PAYLOAD_BYTES ? null : body;
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean noBody = body.length == 0 || status == 204 || status == 304
                || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        for (HttpServer s : servers) {
            s.stop(0);
        }
        workers.shutdownNow();
    }
}
