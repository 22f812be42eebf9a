package dev.skein.benchmarks.query;

import dev.skein.codec.StreamRecordCodec;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic synthetic traffic of one tenant, as the services' exporters would have sent it:
 * per trace, one span-stream record per service (each service exports its own spans), encoded
 * the way ingest encodes them (gzip level 6).
 *
 * <p>A normal trace is a call chain through {@value #NORMAL_SERVICES} of {@link #SERVICES}
 * ({@code frontend} first), {@value #NORMAL_SPANS_PER_SERVICE} spans each: a SERVER span, INTERNAL
 * work and a CLIENT call to the next service (the last one queries its database). A large trace
 * runs through all {@value #LARGE_SERVICES} services, {@value #LARGE_SPANS} spans in all. Spans
 * carry OpenTelemetry semantic-convention attributes (about five per span, some high-cardinality
 * such as {@code customer.id} and {@code url.path}), resources of three instances per service,
 * and {@value #ERROR_PERCENT} % of traces fail in one service: its SERVER span and every caller's
 * SERVER and CLIENT span answer {@code http.response.status_code} 500 with status ERROR, and the
 * failing work span records an exception event.
 *
 * <p>Traces are generated in blocks, each from its own seed, so blocks can be generated on
 * several threads and still give the same traffic.
 */
final class SyntheticTraffic {
    static final String TENANT = "bench";
    static final List<String> SERVICES = List.of("frontend", "checkout", "cart", "payments", "ledger",
            "inventory", "shipping", "users");
    static final int NORMAL_SERVICES = 5;
    static final int NORMAL_SPANS_PER_SERVICE = 6;
    static final int NORMAL_SPANS = NORMAL_SERVICES * NORMAL_SPANS_PER_SERVICE;
    static final int LARGE_SERVICES = SERVICES.size();
    static final int LARGE_SPANS = 1000;
    static final int ERROR_PERCENT = 5;
    /** The attribute, and the value a failing call answers with, that tag searches look for. */
    static final String ERROR_TAG = "http.response.status_code";
    static final String ERROR_TAG_VALUE = "500";
    /** How far behind its trace's position a service's record may be exported, in records. */
    private static final int EXPORT_SPREAD_RECORDS = 60;
    private static final int INSTANCES_PER_SERVICE = 3;
    private static final long MILLIS = 1_000_000L;
    private static final String[] INTERNAL_WORK = {"validate request", "load from cache", "apply rules",
            "serialize response", "compute price", "check permissions"};
    private static final InstrumentationScope SCOPE = new InstrumentationScope(
            "io.opentelemetry.spring-webmvc-6.0", "2.10.0-alpha", List.of(), 0, "");

    private final long seed;
    private final int traces;
    private final int largeTraces;
    private final long firstStartNanos;
    private final long spacingNanos;
    private final Resource[][] resources;

    /**
     * @param traces traces in all, large ones included
     * @param largeTraces how many of them are {@value #LARGE_SPANS}-span traces, spread evenly
     * @param firstStartNanos when the first trace starts; the others follow evenly over
     *     {@code spreadNanos}
     */
    SyntheticTraffic(long seed, int traces, int largeTraces, long firstStartNanos, long spreadNanos) {
        if (largeTraces > traces) {
            throw new IllegalArgumentException(
                    "large traces (" + largeTraces + ") cannot exceed traces (" + traces + ")");
        }
        this.seed = seed;
        this.traces = traces;
        this.largeTraces = largeTraces;
        this.firstStartNanos = firstStartNanos;
        this.spacingNanos = spreadNanos / traces;
        this.resources = new Resource[SERVICES.size()][INSTANCES_PER_SERVICE];
        for (int s = 0; s < SERVICES.size(); s++) {
            for (int i = 0; i < INSTANCES_PER_SERVICE; i++) resources[s][i] = resource(SERVICES.get(s), i);
        }
    }

    int traces() {
        return traces;
    }

    /** The SERVER operations (HTTP routes) of a service; every trace through it has one of them. */
    static List<String> routes(String service) {
        return List.of("GET /api/" + service + "/{id}", "POST /api/" + service, "PUT /api/" + service + "/{id}",
                "GET /api/" + service + "/search");
    }

    boolean isLarge(int trace) {
        if (largeTraces == 0) return false;
        // Evenly spread: trace i is large when a multiple of traces/largeTraces falls on it.
        long before = (long) trace * largeTraces / traces;
        long through = (long) (trace + 1) * largeTraces / traces;
        return through > before;
    }

    /** A trace as it was stored: what a lookup must answer. */
    record Stored(int index, TraceId id, int spans, long startNanos) {}

    /** One record as a service exported it, and the trace (by index) it belongs to. */
    record Exported(int trace, long arrivalEpochMillis, byte[] data) {}

    /** Traces {@code from} (inclusive) to {@code to} (exclusive), and their records in export order. */
    record Block(List<Stored> traces, List<Exported> records) {}

    /**
     * Generates traces {@code from} to {@code to} from the block's own seed. Records are ordered
     * by when their service exported them: at most {@value #EXPORT_SPREAD_RECORDS} records after
     * their trace's place, so one trace's records land in one or two stream batches.
     */
    Block block(int from, int to, StreamRecordCodec.Encoder encoder) {
        Random random = new Random(seed * 1_000_003L + from);
        List<Stored> stored = new ArrayList<>(to - from);
        List<long[]> order = new ArrayList<>(); // [position, index in unordered]
        List<Exported> unordered = new ArrayList<>();
        for (int t = from; t < to; t++) {
            TraceId id = new TraceId(random.nextLong() | 1, random.nextLong() | 1);
            long start = firstStartNanos + t * spacingNanos + random.nextInt(1_000_000);
            boolean large = isLarge(t);
            int services = large ? LARGE_SERVICES : NORMAL_SERVICES;
            int spansInAll = large ? LARGE_SPANS : NORMAL_SPANS;
            List<List<Span>> chunks = chain(id, start, callChain(services, random), spansInAll / services, spansInAll,
                    random);
            int spans = 0;
            for (List<Span> chunk : chunks) {
                spans += chunk.size();
                // Exported a few seconds after the service's spans ended (a batch span processor's delay).
                long arrival = endNanos(chunk) / MILLIS + 1_000 + random.nextInt(4_000);
                for (byte[] data : encode(encoder, chunk)) {
                    order.add(new long[] {(long) (t - from) * NORMAL_SERVICES + random.nextInt(EXPORT_SPREAD_RECORDS),
                            unordered.size()});
                    unordered.add(new Exported(t, arrival, data));
                }
            }
            stored.add(new Stored(t, id, spans, start));
        }
        order.sort((a, b) -> Long.compare(a[0], b[0]));
        List<Exported> records = new ArrayList<>(unordered.size());
        for (long[] o : order) records.add(unordered.get((int) o[1]));
        return new Block(stored, records);
    }

    private static long endNanos(List<Span> chunk) {
        long end = Long.MIN_VALUE;
        for (Span s : chunk) end = Math.max(end, s.endEpochNanos());
        return end;
    }

    private static List<byte[]> encode(StreamRecordCodec.Encoder encoder, List<Span> spans) {
        try {
            StreamRecordCodec.EncodedTrace encoded = encoder.encodeTrace(TENANT, spans);
            if (!encoded.tooLarge().isEmpty()) throw new IllegalStateException("a generated span is too large");
            return encoded.records();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code frontend} and then {@code length - 1} other services in a random order. */
    private static int[] callChain(int length, Random random) {
        List<Integer> others = new ArrayList<>();
        for (int s = 1; s < SERVICES.size(); s++) others.add(s);
        Collections.shuffle(others, random);
        int[] chain = new int[length];
        for (int i = 1; i < length; i++) chain[i] = others.get(i - 1);
        return chain;
    }

    /**
     * A call chain: service {@code chain[d]} at depth d handles one request (SERVER span), works
     * for a while (INTERNAL spans) and then calls depth d+1 (a CLIENT span around the callee's
     * SERVER span). The first service also takes the spans that do not divide evenly.
     */
    private List<List<Span>> chain(TraceId id, long start, int[] chain, int perService, int total, Random random) {
        int depth = chain.length;
        int failingDepth = random.nextInt(100) < ERROR_PERCENT ? random.nextInt(depth) : -1;
        long spanId = random.nextLong() & 0x7fff_ffff_ffff_0000L | 1;
        long callerClient = 0;
        String customer = "c-" + random.nextInt(50_000);
        long workNanos = (10 + random.nextInt(30)) * MILLIS;
        List<List<Span>> chunks = new ArrayList<>(depth);
        for (int d = 0; d < depth; d++) {
            String service = SERVICES.get(chain[d]);
            Resource resource = resources[chain[d]][random.nextInt(INSTANCES_PER_SERVICE)];
            int spans = d == 0 ? perService + total - perService * depth : perService;
            boolean failed = failingDepth >= 0 && d <= failingDepth;
            // Each level works, calls the next one a millisecond later, and answers when it
            // answered: the callee's SERVER span lies inside the caller's CLIENT span.
            long serverStart = start + d * (workNanos + MILLIS);
            long serverEnd = serverStart + (depth - d) * (workNanos + 2 * MILLIS) + 5 * MILLIS;
            List<Span> chunk = new ArrayList<>(spans);
            long server = spanId++;
            String route = routes(service).get(random.nextInt(4));
            chunk.add(span(id, server, callerClient, route, SpanKind.SERVER, serverStart, serverEnd, resource,
                    failed, serverAttributes(service, route, customer, failed, random), List.of()));
            int work = spans - 2;
            long slice = workNanos / Math.max(1, work);
            for (int w = 0; w < work; w++) {
                long ws = serverStart + w * slice;
                boolean throwsHere = failingDepth == d && w == work - 1;
                String function = INTERNAL_WORK[random.nextInt(INTERNAL_WORK.length)];
                List<SpanEvent> events = throwsHere ? List.of(new SpanEvent(ws + slice / 2, "exception", List.of(
                        Attribute.of("exception.type", "java.lang.IllegalStateException"),
                        Attribute.of("exception.message", "upstream refused " + customer)), 0)) : List.of();
                chunk.add(span(id, spanId++, server, function, SpanKind.INTERNAL, ws, ws + slice * 3 / 4, resource,
                        throwsHere, List.of(Attribute.of("code.function", function.replace(' ', '_')),
                                Attribute.of("code.namespace", "com.example." + service + ".Handler"),
                                Attribute.of("thread.name", "http-nio-8080-exec-" + (1 + random.nextInt(200)))),
                        events));
            }
            long client = spanId++;
            long clientStart = serverStart + workNanos;
            if (d == depth - 1) {
                chunk.add(span(id, client, server, "SELECT " + service, SpanKind.CLIENT, clientStart,
                        serverEnd - MILLIS, resource, false, databaseAttributes(service, random), List.of()));
            } else {
                String callee = SERVICES.get(chain[d + 1]);
                boolean calleeFailed = failingDepth > d;
                chunk.add(span(id, client, server, "POST", SpanKind.CLIENT, clientStart, serverEnd - MILLIS,
                        resource, calleeFailed, clientAttributes(callee, calleeFailed, random), List.of()));
            }
            callerClient = client;
            chunks.add(chunk);
        }
        return chunks;
    }

    private static Span span(TraceId id, long spanId, long parent, String name, SpanKind kind, long start, long end,
            Resource resource, boolean error, List<Attribute> attributes, List<SpanEvent> events) {
        Span.Builder b = Span.builder();
        b.traceId = id;
        b.spanId = spanId;
        b.parentSpanId = parent;
        b.name = name;
        b.kind = kind;
        b.startEpochNanos = start;
        b.endEpochNanos = end;
        b.attributes = attributes;
        b.events = events;
        b.status = error ? new SpanStatus(StatusCode.ERROR, "") : SpanStatus.UNSET;
        b.resource = resource;
        b.scope = SCOPE;
        b.flags = 1;
        return b.build();
    }

    private static List<Attribute> serverAttributes(String service, String route, String customer, boolean failed,
            Random random) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1)
                .replace("{id}", Long.toHexString(random.nextLong()));
        return List.of(
                Attribute.of("http.request.method", method),
                Attribute.of("http.route", route.substring(route.indexOf(' ') + 1)),
                Attribute.of("url.path", path),
                Attribute.of("url.scheme", "http"),
                integer(ERROR_TAG, failed ? 500 : method.equals("POST") ? 201 : 200),
                Attribute.of("server.address", service + ".internal"),
                Attribute.of("client.address", "10.0." + random.nextInt(256) + "." + random.nextInt(256)),
                Attribute.of("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0"),
                Attribute.of("customer.id", customer));
    }

    private static List<Attribute> clientAttributes(String callee, boolean failed, Random random) {
        return List.of(
                Attribute.of("http.request.method", "POST"),
                Attribute.of("url.full", "http://" + callee + ".internal:8080/api/" + callee + "/"
                        + Long.toHexString(random.nextLong())),
                Attribute.of("server.address", callee + ".internal"),
                integer("server.port", 8080),
                integer(ERROR_TAG, failed ? 500 : 200),
                Attribute.of("peer.service", callee));
    }

    private static List<Attribute> databaseAttributes(String service, Random random) {
        return List.of(
                Attribute.of("db.system.name", "postgresql"),
                Attribute.of("db.namespace", service),
                Attribute.of("db.operation.name", "SELECT"),
                Attribute.of("db.query.text", "SELECT id, state, amount FROM " + service + "_items WHERE id = $1"),
                Attribute.of("server.address", service + "-db.internal"),
                integer("db.response.returned_rows", random.nextInt(50)));
    }

    private static Attribute integer(String key, long value) {
        return new Attribute(key, new AnyValue.IntValue(value));
    }

    private static Resource resource(String service, int instance) {
        return new Resource(List.of(
                Attribute.of("service.name", service),
                Attribute.of("service.version", "1." + (service.length() % 5) + ".3"),
                Attribute.of("service.instance.id", String.format(Locale.ROOT, "%s-%08x", service,
                        (service.hashCode() * 31 + instance) & 0xffff_ffffL)),
                Attribute.of("host.name", service + "-7d9f8c-" + instance),
                Attribute.of("deployment.environment.name", "production"),
                Attribute.of("cloud.region", "eu-west-1"),
                Attribute.of("telemetry.sdk.language", "java"),
                Attribute.of("telemetry.sdk.name", "opentelemetry"),
                Attribute.of("telemetry.sdk.version", "1.44.1")), 0, "");
    }
}
