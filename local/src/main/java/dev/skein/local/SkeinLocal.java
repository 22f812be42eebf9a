package dev.skein.local;

import dev.skein.assembly.PipelineSettings;
import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.aws.kinesis.KinesisRecordSink;
import dev.skein.aws.kinesis.KinesisSinkSettings;
import dev.skein.functions.ingest.IngestConfig;
import dev.skein.functions.ingest.IngestEndpoint;
import dev.skein.functions.ingest.IngestHandler;
import dev.skein.functions.query.Cors;
import dev.skein.functions.query.QueryHandler;
import dev.skein.ingest.IngestLimits;
import dev.skein.local.demo.DemoTraffic;
import dev.skein.local.eventsource.EventSourceStats;
import dev.skein.query.TraceReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Skein on one machine: the emulators (Kinesis, DynamoDB Local, S3Proxy, ElasticMQ), the ingest
 * and query functions behind a front door on the exporters' default ports (OTLP/HTTP 4318, Zipkin
 * 9411) and Skein's API port, and the write path behind the stream: the assembler function fed by a Kinesis
 * event source and the finalizer function fed by the timer queue. The same handler classes as in
 * Lambda; only the endpoints differ.
 */
public final class SkeinLocal implements AutoCloseable {
    public static final String STREAM = "skein-spans";
    public static final String TENANT = "local";
    public static final String TABLE = "skein-index";
    public static final String BUCKET = "skein-archive";
    public static final String TIMER_QUEUE = "skein-timers";
    public static final String TIMER_DEAD_LETTER_QUEUE = "skein-timers-dlq";
    /** The span stream's on-failure destination: records the assembler gave up on. */
    public static final String STREAM_FAILURE_QUEUE = "skein-spans-failures";
    /**
     * Locally a trace settles 2 s after its last chunk (the cloud default is 10 s), so a trace sent
     * by hand shows its summary and service graph almost at once.
     */
    public static final Duration DEFAULT_IDLE_PERIOD = Duration.ofSeconds(2);

    /** When the JVM's start time is not known: when this class was loaded, just before main. */
    private static final long MAIN_STARTED_MILLIS = System.currentTimeMillis();

    /**
     * @param dataDir where the emulators keep data across restarts
     * @param persist false for a throw-away run (tests): the stream, table, bucket and queues
     *     live in memory; only the Kinesis emulator's log goes under {@code dataDir}
     * @param otlpPort OTLP/HTTP port, like the Zipkin and API ports: 0 picks a free one
     * @param idlePeriod how long a trace must be idle before it is finalized
     * @param demoRate shop requests per second of demo traffic ({@code main} only), 0 for none
     */
    public record Options(Path dataDir, boolean persist, String host, int otlpPort, int zipkinPort,
            int apiPort, int shards, Duration idlePeriod, double demoRate) {
        public static Options defaults() {
            return new Options(Path.of(".skein"), true, "127.0.0.1", 4318, 9411, 3200, 2, DEFAULT_IDLE_PERIOD, 0);
        }

        public static Options ephemeral(Path dataDir) {
            return new Options(dataDir, false, "127.0.0.1", 0, 0, 0, 2, DEFAULT_IDLE_PERIOD, 0);
        }

        public Options withIdlePeriod(Duration idlePeriod) {
            return new Options(dataDir, persist, host, otlpPort, zipkinPort, apiPort, shards, idlePeriod, demoRate);
        }
    }

    private final LocalServices services;
    private final AwsClients kinesisClients;
    private final WritePath writePath;
    private final FrontDoor frontDoor;
    private final int otlpPort;
    private final int zipkinPort;
    private final int apiPort;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SkeinLocal(LocalServices services, AwsClients kinesisClients, WritePath writePath,
            FrontDoor frontDoor, int otlpPort, int zipkinPort, int apiPort) {
        this.services = services;
        this.kinesisClients = kinesisClients;
        this.writePath = writePath;
        this.frontDoor = frontDoor;
        this.otlpPort = otlpPort;
        this.zipkinPort = zipkinPort;
        this.apiPort = apiPort;
    }

    public static SkeinLocal start(Options o) throws IOException {
        Files.createDirectories(o.dataDir());
        // The cloud's defaults, but for the idle period.
        PipelineSettings settings = PipelineSettings.DEFAULTS.withIdlePeriod(o.idlePeriod());
        LocalServices services = LocalServices.start(o.dataDir(), o.persist(), o.shards());
        AwsClients kinesisClients = null;
        WritePath writePath = null;
        FrontDoor door = null;
        try {
            kinesisClients = new AwsClients(AwsClientSettings.fromEnvironment(
                    Map.of(AwsClientSettings.ENDPOINT, services.kinesis.endpoint().toString())));
            writePath = WritePath.start(services, kinesisClients.kinesis(), settings);
            IngestConfig config = new IngestConfig(STREAM, Optional.of(TENANT), IngestLimits.DEFAULTS, 6,
                    Duration.ofSeconds(2));
            IngestHandler ingest = new IngestHandler(config,
                    new KinesisRecordSink(kinesisClients.kinesis(), STREAM, KinesisSinkSettings.defaults()),
                    Clock.systemUTC());
            Map<String, FrontDoor.Route> routes = new LinkedHashMap<>();
            routes.put(IngestEndpoint.OTLP_PATH, event -> ingest.handleRequest(event, null));
            routes.put(IngestEndpoint.ZIPKIN_PATH, event -> ingest.handleRequest(event, null));
            QueryHandler query = new QueryHandler(writePath.query(), new Cors(List.of("*")), Optional.of(TENANT),
                    System.out, Clock.systemUTC());
            for (String base : QueryHandler.BASES) routes.put(base, event -> query.handleRequest(event, null));
            // No authorizer locally: the functions fall back to their default tenant.
            door = new FrontDoor(routes, Optional.empty(), Clock.systemUTC(), 8);
            int otlp = door.listen(o.host(), o.otlpPort());
            int zipkin = door.listen(o.host(), o.zipkinPort());
            int api = door.listen(o.host(), o.apiPort());
            return new SkeinLocal(services, kinesisClients, writePath, door, otlp, zipkin, api);
        } catch (IOException | RuntimeException e) {
            RuntimeException closeFailure = Closing.closeAll(
                    Arrays.asList(door, writePath, kinesisClients, services));
            if (closeFailure != null) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    public int otlpPort() {
        return otlpPort;
    }

    public int zipkinPort() {
        return zipkinPort;
    }

    public int apiPort() {
        return apiPort;
    }

    public URI kinesisEndpoint() {
        return services.kinesis.endpoint();
    }

    public URI dynamoDbEndpoint() {
        return services.dynamoDb.endpoint();
    }

    public URI s3Endpoint() {
        return services.s3.endpoint();
    }

    public URI sqsEndpoint() {
        return services.sqs.emulator().endpoint();
    }

    /** The span stream's on-failure destination: Lambda's failure record per batch given up on. */
    public String streamFailureQueueUrl() {
        return services.sqs.streamFailureQueueUrl();
    }

    /**
     * Reads what the write path stored (traces, search, service graph, catalogue), through the
     * same adapters the functions use; valid until {@link #close()}.
     */
    public TraceReader traceReader() {
        return writePath.reader();
    }

    /** What the assembler's event source has done so far. */
    public EventSourceStats spanStreamStats() {
        return writePath.spanStreamStats();
    }

    /** What the finalizer's event source has done so far. */
    public EventSourceStats timerQueueStats() {
        return writePath.timerQueueStats();
    }

    /**
     * Stops taking spans, then the event sources (each finishes the batch in hand), then the
     * emulators; a persisted Kinesis emulator may take several seconds to write its data.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = Closing.closeAll(
                Arrays.asList(frontDoor, writePath, kinesisClients, services));
        if (failure != null) {
            throw failure;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        SkeinLocal skein = start(o);
        double readySeconds = secondsSinceStart();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<DemoTraffic> demo = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Skein" + (o.persist() ? " (saving the stream can take a few seconds)" : "")
                    + ".");
            try {
                RuntimeException failure = Closing.closeAll(Arrays.asList(demo.get(), skein));
                if (failure != null) throw failure;
            } finally {
                stopped.countDown();
            }
        }, "skein-shutdown"));
        String h = o.host();
        System.out.printf(Locale.ROOT, """
                Skein is running (ready in %.1f s).
                  OTLP/HTTP      http://%s:%d/v1/traces
                  Zipkin         http://%s:%d/api/v2/spans
                  Query APIs     http://%s:%d/zipkin/api/v2  (Zipkin v2: Grafana, Zipkin UI)
                                 http://%s:%d/jaeger/api     (Jaeger: Grafana, Jaeger UI)
                                 http://%s:%d/api            (Skein: OTLP traces, service map)
                  Kinesis        %s (stream %s)
                  DynamoDB       %s (table %s)
                  S3             %s (bucket %s)
                  SQS            %s (queues %s, %s, %s)
                  data           %s%s
                Spans are assembled into traces in S3 and DynamoDB; a trace's summary and service graph
                settle once it has been idle for %d s. Press Ctrl-C to stop.
                """, readySeconds, h, skein.otlpPort, h, skein.zipkinPort, h, skein.apiPort, h, skein.apiPort,
                h, skein.apiPort,
                skein.kinesisEndpoint(), STREAM, skein.dynamoDbEndpoint(), TABLE, skein.s3Endpoint(), BUCKET,
                skein.sqsEndpoint(), TIMER_QUEUE, TIMER_DEAD_LETTER_QUEUE, STREAM_FAILURE_QUEUE,
                o.dataDir().toAbsolutePath().normalize(),
                o.persist() ? " (kept across restarts; SQS queues in memory)" : " (not kept)",
                o.idlePeriod().toSeconds());
        if (o.demoRate() > 0) {
            demo.set(DemoTraffic.start(h, skein.otlpPort, skein.zipkinPort, o.demoRate(), System.out));
        }
        stopped.await();
    }

    /** Since the JVM started, class loading before {@code main} included. */
    private static double secondsSinceStart() {
        long startMillis = ProcessHandle.current().info().startInstant()
                .map(Instant::toEpochMilli)
                .orElse(MAIN_STARTED_MILLIS);
        return (System.currentTimeMillis() - startMillis) / 1000.0;
    }

    static Options parse(String[] args) {
        Options d = Options.defaults();
        Path data = d.dataDir();
        boolean persist = d.persist();
        String host = d.host();
        int otlp = d.otlpPort();
        int zipkin = d.zipkinPort();
        int api = d.apiPort();
        Duration idle = d.idlePeriod();
        double demoRate = d.demoRate();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data-dir" -> data = Path.of(value(args, ++i, a));
                case "--no-persist" -> persist = false;
                case "--host" -> host = value(args, ++i, a);
                case "--otlp-port" -> otlp = port(value(args, ++i, a), a);
                case "--zipkin-port" -> zipkin = port(value(args, ++i, a), a);
                case "--api-port" -> api = port(value(args, ++i, a), a);
                case "--idle-seconds" -> idle = idleSeconds(value(args, ++i, a), a);
                case "--demo" -> demoRate = demoRate > 0 ? demoRate : DemoTraffic.DEFAULT_REQUESTS_PER_SECOND;
                case "--demo-rate" -> demoRate = DemoTraffic.parseRate(value(args, ++i, a), a);
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: skein-local [--data-dir DIR] [--no-persist] [--host HOST]
                                               [--otlp-port N] [--zipkin-port N] [--api-port N]
                                               [--idle-seconds N] [--demo] [--demo-rate N]
                              --data-dir DIR      where the stream, table and bucket are kept (.skein)
                              --no-persist        keep everything in memory and temporary files
                              --idle-seconds N    finalize a trace after N s without new spans (2;
                                                  the cloud default is 10; at most 900)
                              --demo              send traffic from a simulated shop: the last 15
                                                  minutes at once, then 2 requests (traces) a second
                              --demo-rate N       demo traffic at N requests a second (implies --demo;
                                                  more than 0, at most 100)
                            """);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
            }
        }
        return new Options(data, persist, host, otlp, zipkin, api, d.shards(), idle, demoRate);
    }

    private static Duration idleSeconds(String v, String option) {
        try {
            long seconds = Long.parseLong(v);
            // The timer queue's delay limit, which PipelineSettings enforces too.
            if (seconds >= 0 && seconds <= 900) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be whole seconds from 0 to 900, got '" + v + "'");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String v, String option) {
        try {
            int p = Integer.parseInt(v);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a port number, got '" + v + "'");
    }
}
