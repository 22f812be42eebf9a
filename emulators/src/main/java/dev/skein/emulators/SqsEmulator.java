package dev.skein.emulators;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.jdk.javaapi.FutureConverters;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An SQS-compatible server (ElasticMQ, {@code org.elasticmq:elasticmq-rest-sqs_2.13}) running in
 * this JVM on 127.0.0.1 and a port the kernel picks. Queues live in memory only.
 *
 * <pre>{@code
 * try (SqsEmulator sqs = SqsEmulator.start();
 *      SqsClient client = sqs.sqsClient()) { ... }
 * }</pre>
 *
 * <p>Queue URLs are {@code http://127.0.0.1:<port>/000000000000/<name>} and ARNs use
 * {@link #REGION} and account {@value #ACCOUNT_ID}, so a handler that builds one from the other
 * agrees with the emulator. Signatures are not checked.
 *
 * <p>It runs on a Pekko actor system of its own rather than the one ElasticMQ would create: that
 * one takes its configuration from ElasticMQ's {@code application.conf}, which sets Pekko to log
 * at DEBUG, and would exit the JVM on a fatal error. This one passes only Pekko's warnings to
 * SLF4J, never exits the JVM, and uses daemon threads, so an emulator a test forgets to close
 * cannot keep the JVM alive. ElasticMQ itself still logs each start and each created queue at INFO
 * (loggers {@code org.elasticmq} and {@code org.apache.pekko.event.slf4j}).
 *
 * <p>Start-up, measured on the 2-core build machine while other builds ran (load 2 to 4): 1.2 to
 * 2.3 s for the first emulator in a JVM (Scala, Pekko and Pekko HTTP class loading; up to 4 s
 * under heavier load), 0.03 to 0.1 s for each one after that; close() takes under 0.1 s.
 */
public final class SqsEmulator implements AutoCloseable {
    /** The region in queue ARNs, and the one {@link #sqsClient()} signs for. */
    public static final Region REGION = LocalClients.REGION;
    /** The account in queue URLs and ARNs (ElasticMQ's default, as LocalStack's). */
    public static final String ACCOUNT_ID = "000000000000";

    private static final Config PEKKO_OVERRIDES = ConfigFactory.parseString(String.join("\n",
            "pekko.loglevel = WARNING",
            "pekko.stdout-loglevel = WARNING",
            "pekko.log-dead-letters = off",
            "pekko.log-dead-letters-during-shutdown = off",
            "pekko.jvm-exit-on-fatal-error = off",
            "pekko.daemonic = on"));

    /** How long {@link #start} waits for the port to be bound. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** How long close() waits for the actor system to terminate. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ActorSystem actorSystem;
    private final SQSRestServer server;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqsEmulator(ActorSystem actorSystem, SQSRestServer server, URI endpoint) {
        this.actorSystem = actorSystem;
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts an emulator with no queues and returns once its port is bound.
     *
     * @throws EmulatorStartException when the server does not come up
     */
    public static SqsEmulator start() {
        ClassLoader loader = SqsEmulator.class.getClassLoader();
        ActorSystem actorSystem = ActorSystem.create("skein-sqs",
                PEKKO_OVERRIDES.withFallback(ConfigFactory.load(loader)), loader);
        try {
            SQSRestServer server = SQSRestServerBuilder.withActorSystem(actorSystem)
                    .withInterface("127.0.0.1")
                    .withDynamicPort() // bound by the kernel's choice: no race to lose
                    .withAWSRegion(REGION.id())
                    .withAWSAccountId(ACCOUNT_ID)
                    .start();
            InetSocketAddress bound = awaitBinding(server, START_TIMEOUT);
            return new SqsEmulator(actorSystem, server,
                    URI.create("http://127.0.0.1:" + bound.getPort()));
        } catch (RuntimeException e) {
            terminate(actorSystem, STOP_TIMEOUT);
            throw e instanceof EmulatorStartException ? e
                    : new EmulatorStartException("ElasticMQ did not start: " + e, e);
        }
    }

    /** The plain-HTTP endpoint, on 127.0.0.1. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * A new client for this emulator (region {@link #REGION}, dummy credentials, URL-connection
     * HTTP client); the caller closes it.
     */
    public SqsClient sqsClient() {
        return LocalClients.build(SqsClient.builder(), endpoint);
    }

    /** Unbinds the port and terminates the actor system; queues and messages are gone. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stopAndWait();
        } finally {
            terminate(actorSystem, STOP_TIMEOUT);
        }
    }

    @Override
    public String toString() {
        return "SqsEmulator[" + endpoint + "]";
    }

    private static InetSocketAddress awaitBinding(SQSRestServer server, Duration timeout) {
        try {
            return FutureConverters.asJava(server.startFuture()).toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .localAddress();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorStartException("interrupted while ElasticMQ was starting", e);
        } catch (ExecutionException e) {
            throw new EmulatorStartException("ElasticMQ could not bind 127.0.0.1: "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new EmulatorStartException("ElasticMQ did not bind within " + timeout, e);
        }
    }

    private static void terminate(ActorSystem actorSystem, Duration timeout) {
        actorSystem.terminate();
        try {
            actorSystem.getWhenTerminated().toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Its threads are daemons: a slow termination cannot keep the JVM alive.
        }
    }
}
