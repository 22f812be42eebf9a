package dev.skein.aws;

import dev.skein.assembly.PipelineSettings;
import dev.skein.aws.dynamodb.DynamoIndexSettings;
import dev.skein.aws.dynamodb.DynamoQuotaLedger;
import dev.skein.aws.dynamodb.DynamoTraceIndex;
import dev.skein.aws.s3.S3SpanArchive;
import dev.skein.aws.sqs.SqsTimerQueue;
import dev.skein.storage.SpanArchive;
import dev.skein.storage.TimerQueue;
import dev.skein.storage.TraceIndex;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The storage ports on AWS, wired once at init: the archive bucket ({@code SKEIN_BUCKET}), the
 * index table ({@code SKEIN_TABLE}) and the finalize-timer queue ({@code SKEIN_TIMER_QUEUE_URL}),
 * with the clients from {@link AwsClientSettings#fromEnvironment}. Only what a function uses is
 * built: a missing setting fails when its port is first asked for, naming the variable.
 */
public final class AwsStorage {
    private final AwsClients clients;
    private final Map<String, String> env;
    private final PipelineSettings settings;
    private final UsageMeter meter = new UsageMeter();
    private S3SpanArchive archive;
    private DynamoTraceIndex index;
    private SqsTimerQueue timers;

    private AwsStorage(AwsClients clients, Map<String, String> env, PipelineSettings settings) {
        this.clients = clients;
        this.env = env;
        this.settings = settings;
    }

    public static AwsStorage fromEnvironment(Map<String, String> env, PipelineSettings settings) {
        return new AwsStorage(new AwsClients(AwsClientSettings.fromEnvironment(env)), Map.copyOf(env), settings);
    }

    public SpanArchive archive() {
        return s3Archive();
    }

    public TraceIndex index() {
        return dynamoIndex();
    }

    public TimerQueue timers() {
        return sqsTimers();
    }

    private synchronized S3SpanArchive s3Archive() {
        if (archive == null) archive = new S3SpanArchive(clients.s3(), required("SKEIN_BUCKET"), meter);
        return archive;
    }

    private synchronized DynamoTraceIndex dynamoIndex() {
        if (index == null) {
            index = new DynamoTraceIndex(clients.dynamoDb(), required("SKEIN_TABLE"), meter,
                    DynamoIndexSettings.of(settings));
        }
        return index;
    }

    private synchronized SqsTimerQueue sqsTimers() {
        if (timers == null) timers = new SqsTimerQueue(clients.sqs(), required("SKEIN_TIMER_QUEUE_URL"), meter);
        return timers;
    }

    /** The tenants' quota buckets, in the index table ({@code SKEIN_TABLE}), shared by every instance. */
    public DynamoQuotaLedger quotaLedger(Clock clock) {
        return new DynamoQuotaLedger(clients.dynamoDb(), required("SKEIN_TABLE"), clock);
    }

    /** SnapStart priming steps on this storage's clients: reads of nothing, refused writes. */
    public StoragePriming priming() {
        return new StoragePriming(this::s3Archive, this::dynamoIndex, this::sqsTimers);
    }

    private String required(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return Objects.requireNonNull(value);
    }
}
