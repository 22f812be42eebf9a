package dev.skein.benchmarks.coldstart;

import dev.skein.assembly.AssemblyResult;
import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.aws.AwsStorage;
import dev.skein.aws.StorageProvisioning;
import dev.skein.aws.dynamodb.DynamoApiKeyStore;
import dev.skein.emulators.DynamoDbEmulator;
import dev.skein.emulators.KinesisEmulator;
import dev.skein.emulators.S3Emulator;
import dev.skein.emulators.SingleEndpointRouter;
import dev.skein.emulators.SqsEmulator;
import dev.skein.ingest.StreamRecord;
import dev.skein.tenancy.KeyManager;
import dev.skein.tenancy.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AWS services the functions call, on this machine: the four emulators in this JVM (Kinesis
 * as its child process) behind one {@link SingleEndpointRouter}, holding what the CDK stack
 * creates (span stream, index table, archive bucket, timer queue). Gives each function the
 * environment Lambda would, pointed at the router, and stores traces for the finalizer and the
 * query function to read.
 */
final class EmulatedBackends implements AutoCloseable {
    static final String STREAM = "skein-spans";
    static final String TABLE = "skein-index";
    static final String BUCKET = "skein-archive";
    static final String TIMER_QUEUE = "skein-timers";
    /**
     * Quotas as a deployment that sets them passes them to ingest and query (the contract's
     * example): parsed at init. Far above what the runs spend, so no request is refused.
     */
    static final String QUOTAS = "{\"default\":{\"spansPerSecond\":10000,\"bytesPerSecond\":10485760,"
            + "\"queriesPerSecond\":25,\"burstSeconds\":2},\"tenants\":{\"team-a\":{\"spansPerSecond\":50000}}}";
    /** The stack's default authorizer cache TTL, which it passes to the authorizer's own cache. */
    static final int AUTH_CACHE_SECONDS = 60;
    /** The stack's default function memory; Lambda derives the CPU share from it. */
    static final int MEMORY_MB = 1024;
    /**
     * Credentials as Lambda passes them, in the environment; letters and digits only, as DynamoDB
     * Local requires. With them set the functions skip the SDK's credential chain, as in Lambda.
     * Lambda's session token is left out: S3Proxy answers 501 to a request that carries one.
     */
    private static final String DUMMY_KEY = "skeinlocal";
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

    private final List<AutoCloseable> started;
    private final SingleEndpointRouter router;
    private final String timerQueueUrl;
    private final AwsStorage storage;
    private final PipelineSettings settings;

    private EmulatedBackends(List<AutoCloseable> started, SingleEndpointRouter router, String timerQueueUrl) {
        this.started = started;
        this.router = router;
        this.timerQueueUrl = timerQueueUrl;
        // The assembler's settings, with the emulators' credentials rather than Lambda's.
        Map<String, String> pipeline = skeinEnvironment(LambdaFunction.ASSEMBLER);
        this.settings = PipelineSettings.fromEnvironment(pipeline);
        this.storage = AwsStorage.fromEnvironment(pipeline, settings);
    }

    /** Starts and provisions everything; on a failure stops what had started. */
    static EmulatedBackends start(Path logDirectory) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            KinesisEmulator kinesis = add(started, KinesisEmulator.builder().logDirectory(logDirectory).start());
            DynamoDbEmulator dynamoDb = add(started, DynamoDbEmulator.start());
            S3Emulator s3 = add(started, S3Emulator.start());
            SqsEmulator sqs = add(started, SqsEmulator.start());
            SingleEndpointRouter router = add(started, SingleEndpointRouter.start(Map.of("kinesis", kinesis.endpoint(),
                    "dynamodb", dynamoDb.endpoint(), "s3", s3.endpoint(), "sqs", sqs.endpoint())));
            String timerQueueUrl;
            // Provisioned through the router, as the functions will reach them.
            try (AwsClients clients = new AwsClients(AwsClientSettings.fromEnvironment(
                    Map.of(AwsClientSettings.ENDPOINT, router.endpoint().toString())))) {
                kinesis.createStream(STREAM, 1);
                StorageProvisioning.createTableIfMissing(clients.dynamoDb(), TABLE, ACTIVE_TIMEOUT);
                StorageProvisioning.createBucketIfMissing(clients.s3(), BUCKET);
                timerQueueUrl = StorageProvisioning.createQueueIfMissing(clients.sqs(), TIMER_QUEUE);
            }
            return new EmulatedBackends(started, router, timerQueueUrl);
        } catch (IOException e) {
            closeAll(started);
            throw new UncheckedIOException("cannot start the router in front of the emulators", e);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> started, T service) {
        started.add(service);
        return service;
    }

    /**
     * The whole environment of {@code function}'s JVM: what Lambda sets (region, credentials,
     * function name and memory, time zone) and {@link #skeinEnvironment}.
     */
    Map<String, String> environment(LambdaFunction function) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", DUMMY_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", DUMMY_KEY);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "skein-" + function.module);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(MEMORY_MB));
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.putAll(skeinEnvironment(function));
        return env;
    }

    /**
     * What the stack sets for {@code function}, with {@code SKEIN_AWS_ENDPOINT} at the router. No
     * default tenant: the events carry an authorizer's, as with an authorizer deployed. Ingest and
     * query keep their quota buckets in the index table, so both get it and the quotas.
     */
    private Map<String, String> skeinEnvironment(LambdaFunction function) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(AwsClientSettings.ENDPOINT, router.endpoint().toString());
        switch (function) {
            case INGEST -> {
                env.put("SKEIN_STREAM_NAME", STREAM);
                env.put("SKEIN_TABLE", TABLE);
                env.put("SKEIN_QUOTAS", QUOTAS);
            }
            case AUTHORIZER -> {
                env.put("SKEIN_TABLE", TABLE);
                env.put("SKEIN_AUTH_CACHE_SECONDS", Integer.toString(AUTH_CACHE_SECONDS));
            }
            case QUERY -> {
                env.putAll(pipelineEnvironment());
                env.put("SKEIN_QUOTAS", QUOTAS);
            }
            case ASSEMBLER, FINALIZER -> {
                env.putAll(pipelineEnvironment());
                env.put("SKEIN_TIMER_QUEUE_URL", timerQueueUrl);
            }
        }
        return env;
    }

    /** The pipeline's settings, which the assembler, the finalizer and the query function share. */
    private static Map<String, String> pipelineEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SKEIN_BUCKET", BUCKET);
        env.put("SKEIN_TABLE", TABLE);
        env.put("SKEIN_RETENTION_DAYS", "30");
        env.put("SKEIN_IDLE_SECONDS", "10");
        env.put("SKEIN_SEARCH_SHARDS", "4");
        return env;
    }

    /**
     * Stores {@code records} as the assembler would have on their arrival at {@code
     * arrivalEpochMillis}: archived, indexed, a finalize timer queued.
     */
    void assemble(List<StreamRecord> records, long arrivalEpochMillis) {
        List<BatchRecord> batch = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            batch.add(new BatchRecord(Integer.toString(i), arrivalEpochMillis, records.get(i).data()));
        }
        AssemblyResult result = new TraceAssembler(storage.archive(), storage.index(), storage.timers(), settings,
                Clock.systemUTC()).assemble(batch);
        if (!result.failures().isEmpty()) {
            throw new IllegalStateException("the assembler refused records of the fixture: " + result.failures());
        }
    }

    /**
     * A new API key of {@code tenant} in the index table, made as {@code skein keys create}
     * makes one, for the authorizer to find.
     *
     * @return the key as a client presents it
     */
    String createKey(String tenant, Set<Scope> scopes) {
        try (AwsClients clients = new AwsClients(AwsClientSettings.fromEnvironment(
                Map.of(AwsClientSettings.ENDPOINT, router.endpoint().toString())))) {
            return new KeyManager(new DynamoApiKeyStore(clients.dynamoDb(), TABLE), Clock.systemUTC(),
                    new SecureRandom()).create(tenant, scopes, "cold start").key().token();
        }
    }

    /** Stops the router, then the emulators. */
    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(List<AutoCloseable> started) {
        RuntimeException failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("an emulator did not stop cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) throw failure;
    }
}
