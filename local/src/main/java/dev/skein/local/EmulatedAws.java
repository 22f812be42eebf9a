package dev.skein.local;

import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.emulators.DynamoDbEmulator;
import dev.skein.emulators.KinesisEmulator;
import dev.skein.emulators.S3Emulator;
import dev.skein.emulators.SqsEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS services of the write path on this machine: the Kinesis emulator (a child process),
 * DynamoDB Local, S3Proxy and ElasticMQ (in this JVM), each holding what the CDK stack would
 * create in the cloud: the span stream, the index table, the archive bucket, the timer queue with
 * its dead-letter queue and the stream's on-failure queue.
 *
 * <p>They start side by side, each provisioned as soon as it answers: almost all of their start-up
 * is class loading and a child process coming up, which overlap well even on two cores.
 *
 * <p>Kinesis, DynamoDB and S3 keep their data under the data directory when persisting
 * ({@code kinesis/}, {@code dynamodb/}, {@code s3/}); ElasticMQ keeps queues in memory only, so
 * pending timers are lost at a stop. That loses nothing: the span stream's event source starts
 * from the oldest retained record (checkpoints are in memory), so the assembler schedules a timer
 * again for every trace in the stream.
 */
final class EmulatedAws implements AwsServices {
    private final Running kinesis;
    private final Running dynamoDb;
    private final Running s3;
    private final Sqs sqs;
    private final AwsResources resources;
    private final Path dataDir;
    private final boolean persist;
    private final long startedNanos;

    /**
     * One emulator and the clients pointed at it.
     *
     * @param readyNanos {@link System#nanoTime()} once it was provisioned, for the printout
     */
    private record Running(AutoCloseable emulator, URI endpoint, AwsClients clients, long readyNanos)
            implements AutoCloseable {
        @Override
        public void close() {
            Closing.closeAllOrThrow(clients, emulator);
        }
    }

    /** ElasticMQ and the queues created in it. */
    private record Sqs(Running running, ResourceProvisioning.Queues queues) implements AutoCloseable {
        @Override
        public void close() {
            running.close();
        }
    }

    private EmulatedAws(Running kinesis, Running dynamoDb, Running s3, Sqs sqs, Path dataDir, boolean persist,
            long startedNanos) {
        this.kinesis = kinesis;
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.sqs = sqs;
        this.resources = ResourceProvisioning.resources(sqs.queues());
        this.dataDir = dataDir;
        this.persist = persist;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts and provisions the four services. When one fails, the others are stopped and the
     * first failure is thrown, with the rest attached as suppressed exceptions.
     */
    static EmulatedAws start(Path dataDir, boolean persist, int shards) {
        long startedNanos = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService starter = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "skein-start-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<Running> kinesis = async(() -> startKinesis(dataDir, persist, shards), starter);
            CompletableFuture<Running> dynamoDb = async(() -> startDynamoDb(dataDir, persist), starter);
            CompletableFuture<Running> s3 = async(() -> startS3(dataDir, persist), starter);
            CompletableFuture<Sqs> sqs = async(EmulatedAws::startSqs, starter);
            List<CompletableFuture<? extends AutoCloseable>> all = List.of(kinesis, dynamoDb, s3, sqs);
            try {
                // Completes once all four have, normally or not.
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw stopStarted(all);
            }
            return new EmulatedAws(kinesis.join(), dynamoDb.join(), s3.join(), sqs.join(), dataDir, persist,
                    startedNanos);
        } finally {
            starter.shutdownNow();
        }
    }

    private static <T> CompletableFuture<T> async(Supplier<T> start, ExecutorService executor) {
        return CompletableFuture.supplyAsync(start, executor);
    }

    private static RuntimeException stopStarted(List<CompletableFuture<? extends AutoCloseable>> all) {
        RuntimeException failure = null;
        List<AutoCloseable> started = new ArrayList<>();
        for (CompletableFuture<? extends AutoCloseable> f : all) {
            try {
                started.add(f.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        RuntimeException stopFailure = Closing.closeAll(started);
        if (stopFailure != null && failure != null) {
            failure.addSuppressed(stopFailure);
        }
        return failure;
    }

    private static Running startKinesis(Path dataDir, boolean persist, int shards) {
        KinesisEmulator.Builder builder = KinesisEmulator.builder().logDirectory(dataDir.resolve("logs"));
        if (persist) {
            builder.persistTo(dataDir.resolve("kinesis"));
        }
        KinesisEmulator kinesis = builder.start();
        // A persisted stream survives restarts; it is created only the first time.
        return provisioned(kinesis, kinesis.endpoint(),
                clients -> ResourceProvisioning.createStreamIfMissing(clients.kinesis(), shards));
    }

    private static Running startDynamoDb(Path dataDir, boolean persist) {
        DynamoDbEmulator.Builder builder = DynamoDbEmulator.builder();
        if (persist) {
            builder.persistTo(dataDir.resolve("dynamodb"));
        }
        DynamoDbEmulator dynamoDb = builder.start();
        return provisioned(dynamoDb, dynamoDb.endpoint(),
                clients -> ResourceProvisioning.createTableIfMissing(clients.dynamoDb()));
    }

    private static Running startS3(Path dataDir, boolean persist) {
        S3Emulator.Builder builder = S3Emulator.builder();
        if (persist) {
            builder.storeIn(dataDir.resolve("s3"));
        }
        S3Emulator s3 = builder.start();
        return provisioned(s3, s3.endpoint(), clients -> ResourceProvisioning.createBucketIfMissing(clients.s3()));
    }

    private static Sqs startSqs() {
        SqsEmulator sqs = SqsEmulator.start();
        AtomicReference<ResourceProvisioning.Queues> queues = new AtomicReference<>();
        Running running = provisioned(sqs, sqs.endpoint(),
                clients -> queues.set(ResourceProvisioning.createQueuesIfMissing(clients.sqs())));
        return new Sqs(running, queues.get());
    }

    /** Points clients at a started emulator and provisions it; stops both when that fails. */
    private static Running provisioned(AutoCloseable emulator, URI endpoint, Consumer<AwsClients> provision) {
        AwsClients clients = null;
        try {
            // The functions' own client set-up (timeouts, retries, one light HTTP client), pointed
            // at one emulator; with an endpoint override it signs with the emulators' dummy keys.
            clients = new AwsClients(AwsClientSettings.fromEnvironment(
                    Map.of(AwsClientSettings.ENDPOINT, endpoint.toString())));
            provision.accept(clients);
            return new Running(emulator, endpoint, clients, System.nanoTime());
        } catch (RuntimeException e) {
            Closing.closeAfterFailure(e, clients, emulator);
            throw e;
        }
    }

    @Override
    public KinesisClient kinesis() {
        return kinesis.clients().kinesis();
    }

    @Override
    public DynamoDbClient dynamoDb() {
        return dynamoDb.clients().dynamoDb();
    }

    @Override
    public S3Client s3() {
        return s3.clients().s3();
    }

    @Override
    public SqsClient sqs() {
        return sqs.running().clients().sqs();
    }

    @Override
    public AwsResources resources() {
        return resources;
    }

    @Override
    public Optional<URI> endpoint(Service service) {
        return Optional.of(switch (service) {
            case KINESIS -> kinesis.endpoint();
            case DYNAMODB -> dynamoDb.endpoint();
            case S3 -> s3.endpoint();
            case SQS -> sqs.running().endpoint();
        });
    }

    @Override
    public String describe() {
        return String.join("\n",
                row("Kinesis", kinesis, "stream " + resources.stream()),
                row("DynamoDB", dynamoDb, "table " + resources.table()),
                row("S3", s3, "bucket " + resources.bucket()),
                row("SQS", sqs.running(), "queues " + SkeinLocal.TIMER_QUEUE + ", "
                        + SkeinLocal.TIMER_DEAD_LETTER_QUEUE + ", " + SkeinLocal.STREAM_FAILURE_QUEUE),
                AwsServices.row("data", dataDir.toAbsolutePath().normalize()
                        + (persist ? " (kept across restarts; SQS queues in memory)" : " (not kept)")));
    }

    /** Where an emulator listens, what it holds, and how long it took to start and provision. */
    private String row(String label, Running emulator, String holds) {
        return AwsServices.row(label, String.format(Locale.ROOT, "%s (%s; ready in %.1f s)", emulator.endpoint(),
                holds, (emulator.readyNanos() - startedNanos) / 1e9));
    }

    /**
     * Stops ElasticMQ, S3Proxy, DynamoDB Local (a persisted database is complete on disk after
     * this) and then the Kinesis emulator, which may take several seconds to write its data;
     * each after closing its clients.
     */
    @Override
    public void close() {
        Closing.closeAllOrThrow(sqs, s3, dynamoDb, kinesis);
    }
}
