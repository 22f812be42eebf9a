package dev.skein.emulators;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A Kinesis-compatible server (npm {@code kinesis-local}, a build of kinesis-mock) running as a
 * child {@code node} process on free ports, plain HTTP.
 *
 * <pre>{@code
 * try (KinesisEmulator kinesis = KinesisEmulator.start()) {
 *     kinesis.createStream("spans", 2);
 *     try (KinesisClient client = kinesis.kinesisClient()) { ... }
 * }
 * }</pre>
 *
 * <p>The package is found through the system property {@value #HOME_PROPERTY}, else the
 * environment variable {@value #HOME_ENV} (either names the directory holding
 * {@code node_modules/kinesis-local}), else by looking for {@code emulators/kinesis} in the
 * working directory and its parents. The Maven build of the emulators module installs it there.
 */
public final class KinesisEmulator implements AutoCloseable {
    public static final String HOME_PROPERTY = "skein.emulators.kinesis.home";
    public static final String HOME_ENV = "SKEIN_KINESIS_EMULATOR_HOME";
    /** The emulator serves one region; clients must sign for it. */
    public static final Region REGION = LocalClients.REGION;

    private static final String PACKAGE = "kinesis-local";
    private static final String MAIN = "main.js";
    private static final String PROJECT_DIR = "emulators/kinesis";
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Runs the emulator, and exits when its stdin (a pipe from this JVM) closes. The kernel closes
     * it when this JVM dies in any way, including SIGKILL or a crash, where no shutdown hook runs.
     */
    private static final String EXIT_WITH_PARENT = "process.stdin.on('end', () => process.exit(0));"
            + " process.stdin.on('error', () => process.exit(0)); process.stdin.resume();"
            + " require(process.argv[1]);";
    /** A port can be taken between being picked and being bound; then the server exits at once. */
    private static final int START_ATTEMPTS = 3;

    private final EmulatorProcess process;
    private final URI endpoint;
    private final KinesisClient admin;

    private KinesisEmulator(EmulatorProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.admin = LocalClients.build(KinesisClient.builder(), endpoint);
    }

    /** Starts an in-memory emulator with the defaults of {@link Builder}. */
    public static KinesisEmulator start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The plain-HTTP endpoint, on 127.0.0.1. */
    public URI endpoint() {
        return endpoint;
    }

    /** Where the emulator's stdout and stderr go: the first place to look when a test fails. */
    public Path logFile() {
        return process.logFile();
    }

    /**
     * A new client for this emulator (region {@link #REGION}, dummy credentials, URL-connection
     * HTTP client); the caller closes it.
     */
    public KinesisClient kinesisClient() {
        return LocalClients.build(KinesisClient.builder(), endpoint);
    }

    /** Creates a provisioned stream and returns once it is ACTIVE (about half a second). */
    public void createStream(String streamName, int shards) {
        KinesisStreams.createAndAwaitActive(admin, streamName, shards, STREAM_TIMEOUT);
    }

    /** Stops the server: SIGTERM, then SIGKILL after {@link Builder#stopTimeout}. */
    @Override
    public void close() {
        try {
            admin.close();
        } finally {
            process.close();
        }
    }

    @Override
    public String toString() {
        return "KinesisEmulator[" + endpoint + ", log " + process.logFile() + "]";
    }

    /** Options; every one has a default suitable for a test run from a module directory. */
    public static final class Builder {
        private Path home;
        private Path logDirectory = Path.of("target", "emulators");
        private Path persistDirectory;
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout;

        private Builder() {
        }

        /**
         * The directory holding {@code node_modules/kinesis-local}; overrides
         * {@value #HOME_PROPERTY}, {@value #HOME_ENV} and the search from the working directory.
         */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /** Where the log file goes; default {@code target/emulators} under the working directory. */
        public Builder logDirectory(Path logDirectory) {
            this.logDirectory = Objects.requireNonNull(logDirectory, "logDirectory");
            return this;
        }

        /**
         * Keeps streams and records in this directory across restarts (written every 5 s by the
         * emulator, so the last seconds before a forced stop can be lost). Default: memory only.
         */
        public Builder persistTo(Path persistDirectory) {
            this.persistDirectory = Objects.requireNonNull(persistDirectory, "persistDirectory");
            return this;
        }

        /** How long to wait for the first HTTP answer; default 30 s. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /**
         * How long close() waits after SIGTERM before killing. Default 1 s in memory (nothing to
         * save; after serving requests kinesis-mock takes about 9 s to honour SIGTERM) and 15 s
         * when persisting, so it can write its data file.
         */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
            return this;
        }

        /**
         * Starts the emulator and returns once it answers HTTP.
         *
         * @throws EmulatorStartException when the package is missing or the server does not come
         *     up; the message names the log file
         */
        public KinesisEmulator start() {
            NpmPackage npm = locate();
            npm.requirePinnedVersion();
            EmulatorStartException failure = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int[] ports = FreePorts.pick(2);
                URI endpoint = URI.create("http://127.0.0.1:" + ports[0]);
                EmulatorProcess process = EmulatorProcess.start("kinesis-local",
                        command(npm, ports[0], ports[1]),
                        logDirectory.toAbsolutePath().resolve("kinesis-" + ports[0] + ".log"),
                        effectiveStopTimeout());
                try {
                    process.awaitHttpAnswer(endpoint, startTimeout);
                    return new KinesisEmulator(process, endpoint);
                } catch (EmulatorStartException e) {
                    process.close();
                    if (!lostPortRace(process)) {
                        throw e;
                    }
                    failure = e;
                } catch (RuntimeException e) {
                    process.close();
                    throw e;
                }
            }
            throw failure;
        }

        private Duration effectiveStopTimeout() {
            if (stopTimeout != null) {
                return stopTimeout;
            }
            return persistDirectory == null ? Duration.ofSeconds(1) : Duration.ofSeconds(15);
        }

        /**
         * Where this class was loaded from: skein-local's jar in {@code local/target}, so it finds
         * the emulator whatever the working directory.
         */
        private static Path codeLocation() {
            try {
                return Path.of(KinesisEmulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException | RuntimeException e) {
                return Path.of(""); // no code source (an unusual class loader): the working directory only
            }
        }

        private NpmPackage locate() {
            if (home != null) {
                return NpmPackage.locate(PACKAGE, MAIN, home.toString(), "KinesisEmulator.home()",
                        List.of(Path.of("")), PROJECT_DIR);
            }
            String property = System.getProperty(HOME_PROPERTY);
            if (property != null && !property.isBlank()) {
                return NpmPackage.locate(PACKAGE, MAIN, property, "-D" + HOME_PROPERTY,
                        List.of(Path.of("")), PROJECT_DIR);
            }
            return NpmPackage.locate(PACKAGE, MAIN, System.getenv(HOME_ENV),
                    "-D" + HOME_PROPERTY + " or " + HOME_ENV, List.of(Path.of(""), codeLocation()), PROJECT_DIR);
        }

        private ProcessBuilder command(NpmPackage npm, int plainPort, int tlsPort) {
            ProcessBuilder command = new ProcessBuilder(
                    "node", "-e", EXIT_WITH_PARENT, npm.file(MAIN).toString());
            // The working directory matters only for relative paths; none are passed, but keep
            // anything the emulator might write next to its log rather than in a source tree.
            command.directory(logDirectory.toAbsolutePath().toFile());
            Map<String, String> env = command.environment();
            env.put("KINESIS_MOCK_CERT_PATH", npm.file("server.json").toString());
            env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plainPort));
            // Unused, but it binds it anyway: a fixed default would clash between parallel runs.
            env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
            env.put("AWS_REGION", REGION.id());
            env.put("LOG_LEVEL", "WARN");
            env.remove("INITIALIZE_STREAMS");
            if (persistDirectory != null) {
                env.put("SHOULD_PERSIST_DATA", "true");
                env.put("PERSIST_PATH", persistDirectory.toAbsolutePath().toString());
            } else {
                env.put("SHOULD_PERSIST_DATA", "false");
            }
            return command;
        }

        private static boolean lostPortRace(EmulatorProcess process) {
            return process.exited() && process.readLog().contains("EADDRINUSE");
        }
    }
}
