package dev.skein.local.demo;

import dev.skein.model.SpanKind;
import java.util.List;
import java.util.Set;

/**
 * How the shop's services call each other and their backends: the spans each kind of call makes,
 * with the attributes, statuses and errors of the OpenTelemetry semantic conventions (HTTP, gRPC,
 * database and messaging spans). A call between two simulated services makes a CLIENT span in the
 * caller and a SERVER span in the callee, whose handler does the callee's work.
 */
final class Calls {
    /** A server's work, from when its span starts; it adds its own calls to {@code server}. */
    interface Handler {
        Reply handle(Draft server, long startNanos);
    }

    static final int HTTP_PORT = 8080;
    static final int GRPC_PORT = 50051;
    private static final int HTTPS_PORT = 443;
    /** The storefront's public name. */
    private static final String SHOP_HOST = "shop.example.com";
    /**
     * The gRPC codes a server reports as failed (UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED,
     * INTERNAL, UNAVAILABLE, DATA_LOSS); a client reports every code but OK as failed.
     */
    private static final Set<Integer> GRPC_SERVER_ERRORS = Set.of(2, 4, 12, 13, 14, 15);
    private static final List<String> GRPC_CODE_NAMES = List.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
            "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
            "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE",
            "DATA_LOSS", "UNAUTHENTICATED");
    private static final List<String> BROWSERS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (X11; Linux x86_64; rv:144.0) Gecko/20100101 Firefox/144.0");

    private final Dice dice;

    Calls(Dice dice) {
        this.dice = dice;
    }

    /** A shopper's request reaching the storefront: the SERVER span that starts a new trace. */
    Reply inbound(Recorder recorder, SimulatedService service, String method, String route, String path,
            long startNanos, Handler handler) {
        String name = method + " " + route;
        Draft server = recorder.root(service, Library.HTTP_SERVER, name, SpanKind.SERVER, startNanos)
                .set("http.request.method", method)
                .set("url.scheme", "https")
                .set("url.path", path)
                .set("http.route", route)
                .set("server.address", SHOP_HOST)
                .set("server.port", HTTPS_PORT)
                .set("client.address", "203.0.113." + dice.between(1, 254))
                .set("user_agent.original", dice.pick(BROWSERS))
                .set("network.protocol.version", "1.1");
        Reply reply = handler.handle(server, startNanos);
        serverAnswered(server, reply);
        return reply;
    }

    /** An HTTP call from one simulated service to another. */
    Reply http(Draft caller, SimulatedService callee, String method, String route, String path, long startNanos,
            Handler handler) {
        String name = method + " " + route;
        Draft client = caller.child(caller.service(), Library.HTTP_CLIENT, name, SpanKind.CLIENT, startNanos)
                .set("http.request.method", method)
                .set("url.full", "http://" + callee.name() + ":" + HTTP_PORT + path)
                .set("url.template", route)
                .set("server.address", callee.name())
                .set("server.port", HTTP_PORT)
                .set("network.protocol.version", "1.1");
        long serverStart = startNanos + hop();
        Draft server = client.child(callee, Library.HTTP_SERVER, name, SpanKind.SERVER, serverStart)
                .set("http.request.method", method)
                .set("url.scheme", "http")
                .set("url.path", path)
                .set("http.route", route)
                .set("server.address", callee.name())
                .set("server.port", HTTP_PORT)
                .set("network.protocol.version", "1.1");
        Reply reply = handler.handle(server, serverStart);
        serverAnswered(server, reply);
        long end = reply.endNanos() + hop();
        clientAnswered(client, reply.status());
        client.end(end);
        return new Reply(end, reply.status(), reply.error());
    }

    /**
     * A unary gRPC call from one simulated service to another. The callers are Java services, so
     * a failed call carries the exception the Java gRPC stub throws.
     */
    Reply grpc(Draft caller, SimulatedService callee, String rpcService, String rpcMethod, long startNanos,
            Handler handler) {
        String name = rpcService + "/" + rpcMethod;
        Draft client = caller.child(caller.service(), Library.RPC, name, SpanKind.CLIENT, startNanos)
                .set("rpc.system", "grpc")
                .set("rpc.service", rpcService)
                .set("rpc.method", rpcMethod)
                .set("server.address", callee.name())
                .set("server.port", GRPC_PORT);
        long serverStart = startNanos + hop();
        Draft server = client.child(callee, Library.RPC, name, SpanKind.SERVER, serverStart)
                .set("rpc.system", "grpc")
                .set("rpc.service", rpcService)
                .set("rpc.method", rpcMethod);
        Reply reply = handler.handle(server, serverStart);
        int code = reply.status();
        server.set("rpc.grpc.status_code", code);
        if (GRPC_SERVER_ERRORS.contains(code)) server.fail(reply.error());
        server.end(reply.endNanos());
        long end = reply.endNanos() + hop();
        client.set("rpc.grpc.status_code", code);
        if (code != 0) {
            String message = GRPC_CODE_NAMES.get(code) + ": " + reply.error();
            client.fail(message).exception("io.grpc.StatusRuntimeException", message,
                    JavaStacks.grpcClient(message, caller.service().name(), rpcService, rpcMethod), end);
        }
        client.end(end);
        return new Reply(end, code, reply.error());
    }

    /**
     * An HTTPS call to a peer outside the shop, which reports no spans: only the caller's span
     * tells of it, so the map shows the peer as a remote node named by its address.
     */
    long external(Draft caller, String host, String method, String route, String path, long startNanos,
            long durationNanos, int status) {
        Draft client = caller.child(caller.service(), Library.HTTP_CLIENT, method + " " + route, SpanKind.CLIENT,
                        startNanos)
                .set("http.request.method", method)
                .set("url.full", "https://" + host + path)
                .set("url.template", route)
                .set("server.address", host)
                .set("server.port", HTTPS_PORT)
                .set("network.protocol.version", "2");
        clientAnswered(client, status);
        return client.end(startNanos + durationNanos);
    }

    /**
     * A database call. No {@code peer.service}: the map names the database by {@code db.system}
     * (still sent next to {@code db.system.name}, as instrumentations moving to the new name do)
     * and {@code server.address}.
     *
     * @param collection the table, or null for a command on no collection (Redis)
     */
    long query(Draft caller, Database db, String operation, String collection, String text, long startNanos,
            long durationNanos) {
        String name = collection == null ? operation : operation + " " + collection;
        Draft client = caller.child(caller.service(), db.library(), name, SpanKind.CLIENT, startNanos)
                .set("db.system.name", db.system())
                .set("db.system", db.system())
                .set("db.namespace", db.namespace())
                .set("db.operation.name", operation);
        if (collection != null) client.set("db.collection.name", collection);
        client.set("db.query.text", text)
                .set("server.address", db.host())
                .set("server.port", db.port());
        return client.end(startNanos + durationNanos);
    }

    /**
     * Publishes a message to a Kafka topic: the PRODUCER span, ended, for the consumer to link to.
     * No {@code server.address}: the consumer's link joins producer and consumer on the map, and
     * a broker node beside that edge would say nothing more.
     */
    Draft send(Draft caller, String topic, String key, int partition, long startNanos, long durationNanos) {
        Draft producer = caller.child(caller.service(), Library.MESSAGING, "send " + topic, SpanKind.PRODUCER,
                        startNanos)
                .set("messaging.system", "kafka")
                .set("messaging.operation.name", "send")
                .set("messaging.operation.type", "send")
                .set("messaging.destination.name", topic)
                .set("messaging.destination.partition.id", Integer.toString(partition))
                .set("messaging.kafka.message.key", key)
                .set("messaging.client.id", caller.service().name() + "-producer-1");
        producer.end(startNanos + durationNanos);
        return producer;
    }

    /**
     * Processes a message in a consumer: the CONSUMER span that starts the consumer's own trace,
     * linked to the producer's span, as consumers that process messages apart from the request
     * that sent them record it. The caller adds the processing and ends it.
     */
    Draft process(Recorder recorder, SimulatedService consumer, Draft producer, String topic, String key,
            int partition, long offset, long startNanos) {
        return recorder.root(consumer, Library.MESSAGING, "process " + topic, SpanKind.CONSUMER, startNanos)
                .linkTo(producer)
                .set("messaging.system", "kafka")
                .set("messaging.operation.name", "process")
                .set("messaging.operation.type", "process")
                .set("messaging.destination.name", topic)
                .set("messaging.destination.partition.id", Integer.toString(partition))
                .set("messaging.consumer.group.name", consumer.name())
                .set("messaging.kafka.message.key", key)
                .set("messaging.kafka.offset", offset)
                .set("messaging.client.id", consumer.name() + "-consumer-1");
    }

    /** Work a service does itself between calls: an INTERNAL span of its own tracer. */
    long internal(Draft parent, String name, long startNanos, long durationNanos) {
        return parent.child(parent.service(), Library.APPLICATION, name, SpanKind.INTERNAL, startNanos)
                .end(startNanos + durationNanos);
    }

    /** A server span's status: only 5xx is the server's failure. */
    private static void serverAnswered(Draft server, Reply reply) {
        server.set("http.response.status_code", reply.status());
        if (reply.status() >= 500) {
            server.set("error.type", Integer.toString(reply.status())).fail(reply.error());
        }
        server.end(reply.endNanos());
    }

    /** A client span's status: every 4xx and 5xx is the client's failure. */
    private static void clientAnswered(Draft client, int status) {
        client.set("http.response.status_code", status);
        if (status >= 400) client.set("error.type", Integer.toString(status)).fail("");
    }

    /** The network between two services in one cluster, one way. */
    private long hop() {
        return dice.millis(0.2, 1.2);
    }
}
