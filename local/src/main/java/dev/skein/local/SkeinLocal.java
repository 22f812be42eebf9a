package dev.skein.local;

import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.aws.kinesis.KinesisRecordSink;
import dev.skein.aws.kinesis.KinesisSinkSettings;
import dev.skein.emulators.KinesisEmulator;
import dev.skein.functions.ingest.IngestConfig;
import dev.skein.functions.ingest.IngestEndpoint;
import dev.skein.functions.ingest.IngestHandler;
import dev.skein.ingest.IngestLimits;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Skein on one machine: the Kinesis emulator, and the ingest function behind a front door on
 * the exporters' default ports (OTLP/HTTP 4318, Zipkin 9411) and Skein's API port. The same
 * handler classes as in Lambda; only the endpoints differ.
 */
public final class SkeinLocal implements AutoCloseable {
    public static final String STREAM = "skein-spans";
    public static final String TENANT = "local";

    /**
     * @param dataDir where the emulators keep data across restarts
     * @param persist false for a throw-away run (tests)
     * @param ports OTLP, Zipkin and API ports; 0 picks a free one
     */
    public record Options(Path dataDir, boolean persist, String host, int otlpPort, int zipkinPort,
            int apiPort, int shards) {
        public static Options defaults() {
            return new Options(Path.of(".skein"), true, "127.0.0.1", 4318, 9411, 3200, 2);
        }

        public static Options ephemeral(Path dataDir) {
            return new Options(dataDir, false, "127.0.0.1", 0, 0, 0, 2);
        }
    }

    private final KinesisEmulator kinesis;
    private final AwsClients clients;
    private final FrontDoor frontDoor;
    private final int otlpPort;
    private final int zipkinPort;
    private final int apiPort;

    private SkeinLocal(KinesisEmulator kinesis, AwsClients clients, FrontDoor frontDoor,
            int otlpPort, int zipkinPort, int apiPort) {
        this.kinesis = kinesis;
        this.clients = clients;
        this.frontDoor = frontDoor;
        this.otlpPort = otlpPort;
        this.zipkinPort = zipkinPort;
        this.apiPort = apiPort;
    }

    public static SkeinLocal start(Options o) throws IOException {
        Files.createDirectories(o.dataDir());
        KinesisEmulator.Builder kb = KinesisEmulator.builder().logDirectory(o.dataDir().resolve("logs"));
        if (o.persist()) {
            kb.persistTo(o.dataDir().resolve("kinesis"));
        }
        KinesisEmulator kinesis = kb.start();
        try {
            ensureStream(kinesis, STREAM, o.shards());
            AwsClients clients = new AwsClients(AwsClientSettings.fromEnvironment(
                    Map.of(AwsClientSettings.ENDPOINT, kinesis.endpoint().toString())));
            IngestConfig config = new IngestConfig(STREAM, Optional.of(TENANT), IngestLimits.DEFAULTS, 6,
                    Duration.ofSeconds(2));
            IngestHandler ingest = new IngestHandler(config,
                    new KinesisRecordSink(clients.kinesis(), STREAM, KinesisSinkSettings.defaults()),
                    Clock.systemUTC());
            Map<String, FrontDoor.Route> routes = new LinkedHashMap<>();
            routes.put(IngestEndpoint.OTLP_PATH, event -> ingest.handleRequest(event, null));
            routes.put(IngestEndpoint.ZIPKIN_PATH, event -> ingest.handleRequest(event, null));
            // No authorizer locally: the ingest function falls back to its default tenant.
            FrontDoor door = new FrontDoor(routes, Optional.empty(), Clock.systemUTC(), 8);
            int otlp = door.listen(o.host(), o.otlpPort());
            int zipkin = door.listen(o.host(), o.zipkinPort());
            int api = door.listen(o.host(), o.apiPort());
            return new SkeinLocal(kinesis, clients, door, otlp, zipkin, api);
        } catch (IOException | RuntimeException e) {
            kinesis.close();
            throw e;
        }
    }

    /** A persisted stream survives restarts; create it only the first time. */
    private static void ensureStream(KinesisEmulator kinesis, String name, int shards) {
        try (KinesisClient admin = kinesis.kinesisClient()) {
            admin.describeStreamSummary(r -> r.streamName(name));
        } catch (ResourceNotFoundException e) {
            kinesis.createStream(name, shards);
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
        return kinesis.endpoint();
    }

    @Override
    public void close() {
        frontDoor.close();
        clients.close();
        kinesis.close();
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        long t0 = System.nanoTime();
        SkeinLocal skein = start(o);
        long readyMs = (System.nanoTime() - t0) / 1_000_000;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            skein.close();
            stopped.countDown();
        }, "skein-shutdown"));
        String h = o.host();
        System.out.printf("""
                Skein is running (ready in %d ms).
                  OTLP/HTTP      http://%s:%d/v1/traces
                  Zipkin         http://%s:%d/api/v2/spans
                  API            http://%s:%d/
                  Kinesis        %s (stream %s)
                  data           %s%s
                Spans are validated, grouped by trace and stored in the stream; press Ctrl-C to stop.
                """, readyMs, h, skein.otlpPort, h, skein.zipkinPort, h, skein.apiPort,
                skein.kinesisEndpoint(), STREAM, o.dataDir().toAbsolutePath(),
                o.persist() ? " (kept across restarts)" : " (not kept)");
        stopped.await();
    }

    static Options parse(String[] args) {
        Options d = Options.defaults();
        Path data = d.dataDir();
        boolean persist = d.persist();
        String host = d.host();
        int otlp = d.otlpPort();
        int zipkin = d.zipkinPort();
        int api = d.apiPort();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data-dir" -> data = Path.of(value(args, ++i, a));
                case "--no-persist" -> persist = false;
                case "--host" -> host = value(args, ++i, a);
                case "--otlp-port" -> otlp = port(value(args, ++i, a), a);
                case "--zipkin-port" -> zipkin = port(value(args, ++i, a), a);
                case "--api-port" -> api = port(value(args, ++i, a), a);
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: skein-local [--data-dir DIR] [--no-persist] [--host HOST]
                                               [--otlp-port N] [--zipkin-port N] [--api-port N]
                            """);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
            }
        }
        return new Options(data, persist, host, otlp, zipkin, api, d.shards());
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
