package dev.skein.local;

import dev.skein.assembly.PipelineSettings;
import dev.skein.aws.dynamodb.DynamoApiKeyStore;
import dev.skein.aws.dynamodb.DynamoQuotaLedger;
import dev.skein.aws.kinesis.KinesisRecordSink;
import dev.skein.aws.kinesis.KinesisSinkSettings;
import dev.skein.functions.authorizer.AuthorizerHandler;
import dev.skein.functions.ingest.IngestConfig;
import dev.skein.functions.ingest.IngestEndpoint;
import dev.skein.functions.ingest.IngestHandler;
import dev.skein.functions.query.Cors;
import dev.skein.functions.query.QueryHandler;
import dev.skein.ingest.IngestLimits;
import dev.skein.local.demo.DemoTraffic;
import dev.skein.local.eventsource.EventSourceStats;
import dev.skein.query.TraceReader;
import dev.skein.tenancy.ApiKeyStore;
import dev.skein.tenancy.KeyManager;
import dev.skein.tenancy.KeyVerifier;
import dev.skein.tenancy.QuotaGate;
import dev.skein.tenancy.QuotaLedger;
import dev.skein.tenancy.QuotaPolicy;
import dev.skein.tenancy.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Skein on one machine: the emulators (Kinesis, DynamoDB Local, S3Proxy, ElasticMQ) or instead
 * LocalStack or an AWS account ({@link AwsLocation}), the ingest
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
     * @param aws where Kinesis, DynamoDB, S3 and SQS are; only the emulators use {@code dataDir}
     *     and {@code persist}
     * @param demoRate shop requests per second of demo traffic ({@code main} only), 0 for none
     * @param auth whether every data route needs an API key, as in the cloud ({@code --no-auth}: none)
     * @param authCacheTime how long the authorizer keeps an answer, so a revoked key works this long
     * @param quotas each tenant's rates ({@code SKEIN_QUOTAS}, as the functions read it)
     */
    public record Options(Path dataDir, boolean persist, String host, int otlpPort, int zipkinPort,
            int apiPort, int shards, Duration idlePeriod, AwsLocation aws, double demoRate, boolean auth,
            Duration authCacheTime, QuotaPolicy quotas) {
        public static Options defaults() {
            return new Options(Path.of(".skein"), true, "127.0.0.1", 4318, 9411, 3200, 2, DEFAULT_IDLE_PERIOD,
                    new AwsLocation.Emulators(), 0, true, AuthorizerHandler.DEFAULT_CACHE_TIME, QuotaPolicy.defaults());
        }

        public static Options ephemeral(Path dataDir) {
            return new Options(dataDir, false, "127.0.0.1", 0, 0, 0, 2, DEFAULT_IDLE_PERIOD,
                    new AwsLocation.Emulators(), 0, true, AuthorizerHandler.DEFAULT_CACHE_TIME, QuotaPolicy.defaults());
        }

        public Options withIdlePeriod(Duration idlePeriod) {
            return new Options(dataDir, persist, host, otlpPort, zipkinPort, apiPort, shards, idlePeriod, aws,
                    demoRate, auth, authCacheTime, quotas);
        }

        public Options withAws(AwsLocation aws) {
            return new Options(dataDir, persist, host, otlpPort, zipkinPort, apiPort, shards, idlePeriod, aws,
                    demoRate, auth, authCacheTime, quotas);
        }

        /** Every request is the {@value #TENANT} tenant's, with every scope, and no key is asked for. */
        public Options withoutAuth() {
            return new Options(dataDir, persist, host, otlpPort, zipkinPort, apiPort, shards, idlePeriod, aws,
                    demoRate, false, authCacheTime, quotas);
        }

        public Options withAuthCacheTime(Duration authCacheTime) {
            return new Options(dataDir, persist, host, otlpPort, zipkinPort, apiPort, shards, idlePeriod, aws,
                    demoRate, auth, authCacheTime, quotas);
        }

        public Options withQuotas(QuotaPolicy quotas) {
            return new Options(dataDir, persist, host, otlpPort, zipkinPort, apiPort, shards, idlePeriod, aws,
                    demoRate, auth, authCacheTime, quotas);
        }

        /**
         * One endpoint for every AWS service instead of the emulators, e.g. LocalStack's
         * {@code http://localhost:4566}; the resources are created there when missing.
         */
        public Options withAwsEndpoint(URI endpoint) {
            return withAws(new AwsLocation.Endpoint(endpoint));
        }
    }

    private final AwsServices aws;
    private final WritePath writePath;
    private final FrontDoor frontDoor;
    private final InstanceFile instanceFile;
    private final KeyManager keys;
    private final Optional<String> devKey;
    private final int otlpPort;
    private final int zipkinPort;
    private final int apiPort;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SkeinLocal(AwsServices aws, WritePath writePath, FrontDoor frontDoor, InstanceFile instanceFile,
            KeyManager keys, Optional<String> devKey, int otlpPort, int zipkinPort, int apiPort) {
        this.aws = aws;
        this.writePath = writePath;
        this.frontDoor = frontDoor;
        this.instanceFile = instanceFile;
        this.keys = keys;
        this.devKey = devKey;
        this.otlpPort = otlpPort;
        this.zipkinPort = zipkinPort;
        this.apiPort = apiPort;
    }

    public static SkeinLocal start(Options o) throws IOException {
        // The cloud's defaults, but for the idle period.
        PipelineSettings settings = PipelineSettings.DEFAULTS.withIdlePeriod(o.idlePeriod());
        AwsServices aws = AwsServices.start(o.aws(), o.dataDir(), o.persist(), o.shards());
        WritePath writePath = null;
        FrontDoor door = null;
        InstanceFile instance = null;
        try {
            writePath = WritePath.start(aws, settings);
            Clock clock = Clock.systemUTC();
            String stream = aws.resources().stream();
            String table = aws.resources().table();
            ApiKeyStore keyStore = new DynamoApiKeyStore(aws.dynamoDb(), table);
            QuotaLedger quotas = new DynamoQuotaLedger(aws.dynamoDb(), table, clock);
            IngestConfig config = new IngestConfig(stream, Optional.empty(), IngestLimits.DEFAULTS, 6,
                    Duration.ofSeconds(2), o.quotas(), Optional.of(table));
            IngestHandler ingest = new IngestHandler(config,
                    new KinesisRecordSink(aws.kinesis(), stream, KinesisSinkSettings.defaults()), clock, quotas);
            Map<String, FrontDoor.Route> routes = new LinkedHashMap<>();
            routes.put(IngestEndpoint.OTLP_PATH, event -> ingest.handleRequest(event, null));
            routes.put(IngestEndpoint.ZIPKIN_PATH, event -> ingest.handleRequest(event, null));
            QueryHandler query = new QueryHandler(writePath.query(), new Cors(List.of("*")), Optional.empty(),
                    new QuotaGate(quotas, o.quotas(), clock), System.out, clock);
            FrontDoor.Route queryRoute = event -> query.handleRequest(event, null);
            for (String base : QueryHandler.BASES) routes.put(base, queryRoute);
            // The Zipkin UI under /zipkin/, but for the Zipkin API it calls there.
            routes.put(ZipkinUi.BASE, ZipkinUi.fromClasspath(o.auth()));
            for (String api : ZipkinUi.API_PATHS) routes.put(api, queryRoute);

            KeyManager keys = new KeyManager(keyStore, clock, new SecureRandom());
            Optional<String> devKey = Optional.empty();
            Guard guard;
            if (o.auth()) {
                guard = new AuthorizerGuard(new AuthorizerHandler(keyStore, clock, o.authCacheTime(), System.out));
                devKey = Optional.of(DevKey.obtain(TENANT, keys, new KeyVerifier(keyStore, clock, Duration.ZERO),
                        o.dataDir(), o.persist()));
            } else {
                guard = Guard.everyone(TENANT, Scope.format(EnumSet.allOf(Scope.class)));
            }
            door = new FrontDoor(routes, guard, clock, 8);
            int otlp = door.listen(o.host(), o.otlpPort());
            int zipkin = door.listen(o.host(), o.zipkinPort());
            int api = door.listen(o.host(), o.apiPort());
            instance = InstanceFile.write(o.dataDir(), aws.endpoint(AwsServices.Service.DYNAMODB),
                    aws.dynamoDb().serviceClientConfiguration().region().id(), table);
            return new SkeinLocal(aws, writePath, door, instance, keys, devKey, otlp, zipkin, api);
        } catch (IOException | RuntimeException e) {
            Closing.closeAfterFailure(e, door, instance, writePath, aws);
            throw e;
        }
    }

    /**
     * The development key printed at start: ingest and query for the {@value #TENANT} tenant;
     * empty without auth.
     */
    public Optional<String> devKey() {
        return devKey;
    }

    /** Creates, lists and revokes keys in this instance's table, for any tenant. */
    public KeyManager keys() {
        return keys;
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

    /**
     * Where Kinesis calls go (an emulator or the AWS endpoint); like the other endpoints, not
     * available against real AWS.
     */
    public URI kinesisEndpoint() {
        return endpoint(AwsServices.Service.KINESIS);
    }

    public URI dynamoDbEndpoint() {
        return endpoint(AwsServices.Service.DYNAMODB);
    }

    public URI s3Endpoint() {
        return endpoint(AwsServices.Service.S3);
    }

    public URI sqsEndpoint() {
        return endpoint(AwsServices.Service.SQS);
    }

    private URI endpoint(AwsServices.Service service) {
        return aws.endpoint(service).orElseThrow(() -> new IllegalStateException(
                "on real AWS the SDK picks the region's " + service + " endpoint; there is no override"));
    }

    /**
     * The span stream's on-failure destination: Lambda's failure record per batch given up on.
     * Not available against real AWS, where the deployed stack's event source mapping has its own.
     */
    public String streamFailureQueueUrl() {
        return aws.resources().streamFailureQueueUrl().orElseThrow(() -> new IllegalStateException(
                "on real AWS skein-local logs the batches it gives up on; it has no on-failure queue"));
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
     * AWS clients and the emulators; a persisted Kinesis emulator may take several seconds to
     * write its data.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Closing.closeAllOrThrow(frontDoor, instanceFile, writePath, aws);
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        SkeinLocal skein = start(o);
        double readySeconds = secondsSinceStart();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<DemoTraffic> demo = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean savesStream = o.persist() && o.aws() instanceof AwsLocation.Emulators;
            System.out.println("Stopping Skein" + (savesStream ? " (saving the stream can take a few seconds)" : "")
                    + ".");
            try {
                Closing.closeAllOrThrow(demo.get(), skein);
            } finally {
                stopped.countDown();
            }
        }, "skein-shutdown"));
        String h = o.host();
        String keyQuery = skein.devKey.map(k -> "?key=" + k).orElse("");
        System.out.printf(Locale.ROOT, """
                Skein is running (ready in %.1f s).
                %s
                  OTLP/HTTP      http://%s:%d/v1/traces
                  Zipkin         http://%s:%d/api/v2/spans%s
                  Zipkin UI      http://%s:%d/zipkin/%s
                  Query APIs     http://%s:%d/zipkin/api/v2  (Zipkin v2: Grafana, Zipkin UI)
                                 http://%s:%d/jaeger/api     (Jaeger: Grafana, Jaeger UI)
                                 http://%s:%d/api            (Skein: OTLP traces, service map)
                %s
                Spans are assembled into traces in S3 and DynamoDB; a trace's summary and service graph
                settle once it has been idle for %d s. Press Ctrl-C to stop.
                """, readySeconds, authLines(skein.devKey, o), h, skein.otlpPort, h, skein.zipkinPort, keyQuery,
                h, skein.zipkinPort, keyQuery, h, skein.apiPort, h, skein.apiPort, h, skein.apiPort,
                skein.aws.describe(), o.idlePeriod().toSeconds());
        if (o.demoRate() > 0) {
            demo.set(DemoTraffic.start(h, skein.otlpPort, skein.zipkinPort, o.demoRate(), skein.devKey, System.out));
        }
        stopped.await();
    }

    /** What the ready printout says about keys: the development key and how to send it, or that none is asked for. */
    private static String authLines(Optional<String> devKey, Options o) {
        if (devKey.isEmpty()) {
            return AwsServices.row("API keys", "off (--no-auth): every request is tenant " + TENANT + "'s");
        }
        return AwsServices.row("API key", devKey.get()) + "\n"
                + AwsServices.row("", "tenant " + TENANT + ", ingest and query" + (o.persist()
                        ? "; kept in " + o.dataDir().resolve(DevKey.FILE) : "; new each start (--no-persist)")) + "\n"
                + AwsServices.row("", "send it as 'Authorization: Bearer <key>' (OTEL_EXPORTER_OTLP_HEADERS="
                        + "\"Authorization=Bearer <key>\"), or ?key=<key> on a Zipkin reporter's URL") + "\n"
                + AwsServices.row("", "more keys: bin/skein keys create --tenant NAME --local " + o.dataDir());
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
        AwsLocation aws = d.aws();
        double demoRate = d.demoRate();
        boolean auth = d.auth();
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
                case "--aws-endpoint" -> aws = onlyAws(aws, awsEndpoint(value(args, ++i, a), a));
                case "--aws" -> aws = onlyAws(aws, new AwsLocation.RealAws(
                        AwsResourceNames.fromEnvironment(System.getenv())));
                case "--demo" -> demoRate = demoRate > 0 ? demoRate : DemoTraffic.DEFAULT_REQUESTS_PER_SECOND;
                case "--demo-rate" -> demoRate = DemoTraffic.parseRate(value(args, ++i, a), a);
                case "--no-auth" -> auth = false;
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: skein-local [--data-dir DIR] [--no-persist] [--host HOST]
                                               [--otlp-port N] [--zipkin-port N] [--api-port N]
                                               [--idle-seconds N] [--demo] [--demo-rate N]
                                               [--no-auth] [--aws-endpoint URL | --aws]
                              --data-dir DIR      where the stream, table and bucket are kept (.skein)
                              --no-persist        keep everything in memory and temporary files
                              --idle-seconds N    finalize a trace after N s without new spans (2;
                                                  the cloud default is 10; at most 900)
                              --demo              send traffic from a simulated shop: the last 15
                                                  minutes at once, then 2 requests (traces) a second
                              --demo-rate N       demo traffic at N requests a second (implies --demo;
                                                  more than 0, at most 100)
                              --no-auth           ask for no API key: every request is tenant local's
                                                  (by default a development key is printed at start)
                              --aws-endpoint URL  no emulators: every AWS service at URL, as LocalStack
                                                  offers (http://localhost:4566); creates what is missing
                              --aws               no emulators: the AWS account and region of the default
                                                  credentials and region chains; creates nothing (names
                                                  from SKEIN_STREAM_NAME, SKEIN_TABLE, SKEIN_BUCKET,
                                                  SKEIN_TIMER_QUEUE_URL)
                            """);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
            }
        }
        QuotaPolicy quotas = QuotaPolicy.parse(System.getenv("SKEIN_QUOTAS"));
        return new Options(data, persist, host, otlp, zipkin, api, d.shards(), idle, aws, demoRate, auth,
                d.authCacheTime(), quotas);
    }

    private static AwsLocation onlyAws(AwsLocation before, AwsLocation given) {
        if (!(before instanceof AwsLocation.Emulators)) {
            throw new IllegalArgumentException("give one of --aws-endpoint and --aws, once");
        }
        return given;
    }

    private static AwsLocation awsEndpoint(String v, String option) {
        try {
            return new AwsLocation.Endpoint(new URI(v));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be an http(s) URL such as http://localhost:4566, got '"
                    + v + "'", e);
        }
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
