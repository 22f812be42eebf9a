package dev.skein.emulators;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local ({@code com.amazonaws:DynamoDBLocal}) served from this JVM on 127.0.0.1 and a
 * port the kernel picks. It returns real {@code ConsumedCapacity} and supports transactions,
 * conditions, {@code ADD} updates and TTL deletion, which is why it is used rather than a mock.
 *
 * <pre>{@code
 * try (DynamoDbEmulator dynamo = DynamoDbEmulator.start();
 *      DynamoDbClient client = dynamo.dynamoDbClient()) { ... }
 * }</pre>
 *
 * <p>It does not go through DynamoDB Local's {@code ServerRunner}: that binds every interface,
 * needs a port chosen in advance (so a parallel run can take it first), reports a failed bind only
 * on stderr and then returns as if started, and sets up telemetry to AWS (Cognito and Pinpoint,
 * unreachable from the build machines). Instead it builds the request handler that
 * {@code ServerRunner -inMemory} or {@code -dbPath DIR -sharedDb} builds and serves it from a
 * Jetty connector of its own; telemetry is never set up, so nothing leaves the machine.
 *
 * <p>The database is shared ({@code -sharedDb}) in memory too: without it DynamoDB Local keeps one
 * database per access key and region, and a client signed differently (the AWS CLI, a Lambda
 * handler with its own credentials) would see none of the tables. Signatures are not checked, but
 * DynamoDB Local 2.x rejects an access key id that is not all letters and digits ("The Access Key
 * ID or security token is invalid"), so {@code skein-local} style keys with a dash fail.
 *
 * <p>Start-up, measured on the 2-core build machine while other builds ran (load 2 to 4): 1.3 to
 * 2.5 s for the first emulator in a JVM (class loading of DynamoDB Local, Jetty and the SDK
 * client, and loading the bundled SQLite native library), 0.02 to 0.05 s for each one after that;
 * close() takes under 0.1 s. {@link #start} returns only after a ListTables call succeeds, so the
 * first real call does not pay for the lazily created database.
 */
public final class DynamoDbEmulator implements AutoCloseable {
    /** The region {@link #dynamoDbClient()} signs for; with a shared database any region works. */
    public static final Region REGION = LocalClients.REGION;

    private static final Duration THREAD_EXIT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * sqlite4java (DynamoDB Local's database) logs through java.util.logging, and from a shaded
     * jar, whose merged manifest no longer carries its version, warns that it cannot tell it.
     * Set to SEVERE on every start; held here because JUL keeps loggers only weakly, and a
     * collected logger would forget its level.
     */
    private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final ThreadGroup threads;
    private final URI endpoint;
    private final Path persistDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DynamoDbEmulator(Server server, LocalDynamoDBServerHandler handler, ThreadGroup threads,
            URI endpoint, Path persistDirectory) {
        this.server = server;
        this.handler = handler;
        this.threads = threads;
        this.endpoint = endpoint;
        this.persistDirectory = persistDirectory;
    }

    /** Starts an in-memory emulator. */
    public static DynamoDbEmulator start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The plain-HTTP endpoint, on 127.0.0.1. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * A new client for this emulator (region {@link #REGION}, dummy credentials, URL-connection
     * HTTP client); the caller closes it.
     */
    public DynamoDbClient dynamoDbClient() {
        return LocalClients.build(DynamoDbClient.builder(), endpoint);
    }

    /**
     * Stops serving, frees the port, closes the database (a persisted one is complete on disk when
     * this returns) and ends DynamoDB Local's background threads.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop DynamoDB Local on " + endpoint, e);
        } finally {
            try {
                handler.close();
            } finally {
                endBackgroundThreads(threads);
            }
        }
    }

    /**
     * DynamoDB Local runs its table jobs (TTL deletion, index creation, stream shard rollover) on a
     * pool of non-daemon threads. Closing cancels them, but each notices only when its sleep ends,
     * and the shard-rollover scheduler sleeps for hours: without this a {@code main} that used an
     * emulator never exits. The pool is created from a request thread, so its threads join that
     * thread's group, which is this emulator's alone; interrupting them ends the sleeps.
     */
    private static void endBackgroundThreads(ThreadGroup group) {
        Thread[] live = new Thread[group.activeCount() + 16];
        int count = group.enumerate(live);
        for (int i = 0; i < count; i++) {
            live[i].interrupt();
        }
        long deadline = System.nanoTime() + THREAD_EXIT_TIMEOUT.toNanos();
        for (int i = 0; i < count; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                live[i].join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "DynamoDbEmulator[" + endpoint
                + (persistDirectory == null ? ", in memory" : ", " + persistDirectory) + "]";
    }

    /** Options; the defaults give an in-memory database. */
    public static final class Builder {
        private Path persistDirectory;

        private Builder() {
        }

        /**
         * Keeps the tables in {@code directory} (created if missing; the file is
         * {@code shared-local-instance.db}), so a new emulator on the same directory sees them.
         * Default: memory only.
         */
        public Builder persistTo(Path directory) {
            this.persistDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Starts the emulator and returns once it has answered a ListTables call.
         *
         * @throws EmulatorStartException when the directory cannot be used or the server does not
         *     come up
         */
        public DynamoDbEmulator start() {
            SQLITE_LOG.setLevel(Level.SEVERE);
            Path directory = persistDirectory == null ? null : prepare(persistDirectory);
            LocalDynamoDBServerHandler handler = newHandler(directory);
            // Every thread of this emulator, and every thread those create, in a group of its own,
            // so close() can find DynamoDB Local's background threads (see endBackgroundThreads).
            // Daemon Jetty threads: an emulator a test forgets to close must not keep the JVM
            // alive through them.
            ThreadGroup group = new ThreadGroup("skein-dynamodb");
            QueuedThreadPool pool = new QueuedThreadPool(32, 2, 60_000, -1, null, group);
            pool.setName("skein-dynamodb");
            pool.setDaemon(true);
            Server server = new Server(pool, new ScheduledExecutorScheduler(
                    "skein-dynamodb-scheduler", true, null, group), null);
            // No graceful stop: it waits for every open connection, and the JDK keeps the
            // URL-connection client's idle keep-alive sockets open after the client is closed, so
            // every close() would last the whole timeout.
            server.setStopTimeout(0);
            ServerConnector connector = new ServerConnector(server, 1, 1);
            connector.setHost("127.0.0.1");
            connector.setPort(0); // the kernel picks a free port at bind time: no race to lose
            server.addConnector(connector);
            server.setHandler(new ContextHandler(handler, "/"));
            DynamoDbEmulator emulator = null;
            try {
                server.start();
                emulator = new DynamoDbEmulator(server, handler, group,
                        URI.create("http://127.0.0.1:" + connector.getLocalPort()), directory);
                awaitReady(emulator);
                return emulator;
            } catch (Exception e) {
                if (emulator != null) {
                    emulator.close();
                } else {
                    stopQuietly(server);
                    handler.close();
                    endBackgroundThreads(group);
                }
                throw new EmulatorStartException("DynamoDB Local did not start"
                        + (directory == null ? "" : " on " + directory) + ": " + e, e);
            }
        }

        private static LocalDynamoDBServerHandler newHandler(Path directory) {
            try {
                // The arguments ServerRunner passes for -inMemory / -dbPath DIR, plus -sharedDb:
                // (authority level 0, in memory, db path, shared db, delay transient statuses).
                LocalDynamoDBRequestHandler requests = directory == null
                        ? new LocalDynamoDBRequestHandler(0, true, null, true, false)
                        : new LocalDynamoDBRequestHandler(0, false, directory.toString(), true,
                                false);
                return new LocalDynamoDBServerHandler(requests, null); // null: no CORS headers
            } catch (RuntimeException e) {
                throw new EmulatorStartException("DynamoDB Local rejected its settings"
                        + (directory == null ? "" : " for " + directory) + ": " + e.getMessage(),
                        e);
            }
        }

        private static Path prepare(Path directory) {
            Path absolute = directory.toAbsolutePath();
            try {
                return Files.createDirectories(absolute);
            } catch (IOException e) {
                throw new EmulatorStartException("cannot create the DynamoDB Local directory "
                        + absolute, e);
            }
        }

        private static void awaitReady(DynamoDbEmulator emulator) {
            try (DynamoDbClient client = emulator.dynamoDbClient()) {
                client.listTables(request -> request.limit(1));
            }
        }

        private static void stopQuietly(Server server) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // Already failing to start; the start failure is the one to report.
            }
        }
    }
}
