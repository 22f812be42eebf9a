package dev.skein.local.eventsource;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * What a Lambda event source mapping does for a Kinesis stream, in this process: reads every
 * shard and calls the handler with the {@link KinesisEvent} Lambda would build, one batch per
 * shard at a time, in order within a shard and in parallel across shards.
 *
 * <ul>
 *   <li><b>Partial batch responses</b> ({@code ReportBatchItemFailures}): records before the
 *       first failed one are checkpointed; that record and every later one are redelivered. A
 *       response that names an unknown or empty item, or a handler that throws, fails the whole
 *       batch, which is redelivered as it was.</li>
 *   <li><b>Retries</b>: after {@code maxRetryAttempts} retries of the same first failed record,
 *       the batch of the last attempt is reported to the on-failure destination and the source
 *       moves past it. A destination that throws keeps the records, offered again later.</li>
 *   <li><b>Resharding</b>: ListShards every {@code shardSyncInterval}; a closed shard is read to
 *       its end, then dropped; a new shard is read from its first record once its parents are
 *       done, so a partition key's records stay in order across a split or merge.</li>
 *   <li>Checkpoints live in memory: a new source starts from {@code startingPosition}.</li>
 * </ul>
 *
 * <p>Not modelled: bisecting a failed batch, maximum record age, tumbling windows, enhanced
 * fan-out consumers, the parallelization factor (one batch per shard at a time, as its default 1).
 */
public final class KinesisEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisEventSource.class);
    /** How long {@link #close()} waits for the batches in flight. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final KinesisClient kinesis;
    private final KinesisEventSourceSettings settings;
    private final Function<KinesisEvent, StreamsEventResponse> handler;
    private final Consumer<FailedBatch> onFailure;
    private final Clock clock;
    private final Counters counters = new Counters();
    private final IdleTracker idle = new IdleTracker();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Every shard seen, finished ones included, so a closed shard that is still listed is not read again. */
    private final Map<String, ShardConsumer> shards = new ConcurrentHashMap<>();

    private ScheduledThreadPoolExecutor scheduler;
    private ShardContext context;
    private volatile long syncedMark = -1;

    /**
     * @param handler the function, as the event source mapping calls it
     * @param onFailure where batches go after the last retry (see {@link OnFailureDestinations})
     * @param clock for the timestamps of failure records
     */
    public KinesisEventSource(KinesisClient kinesis, KinesisEventSourceSettings settings,
            Function<KinesisEvent, StreamsEventResponse> handler, Consumer<FailedBatch> onFailure,
            Clock clock) {
        this.kinesis = Objects.requireNonNull(kinesis, "kinesis");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public KinesisEventSource(KinesisClient kinesis, KinesisEventSourceSettings settings,
            Function<KinesisEvent, StreamsEventResponse> handler, Consumer<FailedBatch> onFailure) {
        this(kinesis, settings, handler, onFailure, Clock.systemUTC());
    }

    /**
     * Looks the stream up, lists its shards and starts reading them.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the stream cannot be read
     *     (for example it does not exist); nothing is left running then
     * @throws IllegalStateException when called twice
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        try {
            startReading();
        } catch (RuntimeException e) {
            closed.set(true);
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            throw e;
        }
    }

    private void startReading() {
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(settings.streamName()))
                .streamDescriptionSummary().streamARN();
        String region = kinesis.serviceClientConfiguration().region().id();
        String account = accountOf(streamArn);
        String functionArn = "arn:aws:lambda:" + region + ":" + account + ":function:"
                + settings.functionName();
        String roleArn = "arn:aws:iam::" + account + ":role/" + settings.functionName();
        context = new ShardContext(kinesis, settings, streamArn, functionArn,
                new KinesisEvents(streamArn, region, roleArn), handler, onFailure, counters, idle,
                clock, closed::get);
        scheduler = new ScheduledThreadPoolExecutor(settings.parallelism(),
                threads("kinesis-" + settings.streamName()));
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        scheduler.setRemoveOnCancelPolicy(true);
        syncShards(true);
        long interval = settings.shardSyncInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::syncShardsQuietly, interval, interval,
                TimeUnit.MILLISECONDS);
        LOG.info("reading {} ({} shards) from {}", streamArn, shards.size(),
                settings.startingPosition());
    }

    /**
     * Waits until every record that was in the stream when this was called has been handed to
     * the handler and acknowledged or given up on: every shard has since been read to its end with
     * nothing left in hand, and the shard list has been refreshed.
     *
     * @return false when {@code timeout} passed first, or the source is not running
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (!started.get() || closed.get()) {
            return false;
        }
        long mark = idle.newMark();
        execute(this::syncShardsQuietly); // new shards count too; don't wait for the next sync
        return idle.await(() -> syncedMark >= mark
                && shards.values().stream().allMatch(shard -> shard.idleSince(mark)), timeout);
    }

    public EventSourceStats stats() {
        return counters.snapshot();
    }

    /** Shard ID → the last sequence number done with, for the shards that have one. */
    public Map<String, String> checkpoints() {
        Map<String, String> checkpoints = new LinkedHashMap<>();
        shards.values().stream()
                .sorted((a, b) -> a.shardId().compareTo(b.shardId()))
                .forEach(s -> {
                    if (s.checkpoint() != null) {
                        checkpoints.put(s.shardId(), s.checkpoint());
                    }
                });
        return checkpoints;
    }

    /** Stops reading and waits (up to a minute) for the batches being handled to finish. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("a handler of {} still runs after {}; interrupting it",
                        settings.streamName(), CLOSE_TIMEOUT);
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        idle.changed();
    }

    private void syncShardsQuietly() {
        try {
            syncShards(false);
        } catch (RuntimeException e) {
            counters.pollError();
            LOG.warn("listing the shards of {} failed: {}", settings.streamName(), e.toString());
        }
    }

    /**
     * Adds the shards not seen before and starts those whose parents are done. At start with
     * LATEST, parents are not waited for: a closed parent has nothing newer than the start.
     */
    private void syncShards(boolean initial) {
        long mark = idle.currentMark();
        List<Shard> listed = listShards();
        boolean waitForParents = !initial || settings.startingPosition() == StartingPosition.TRIM_HORIZON;
        ShardIteratorType position = initial
                ? ShardIteratorType.fromValue(settings.startingPosition().name())
                : ShardIteratorType.TRIM_HORIZON;
        synchronized (this) {
            for (Shard shard : listed) {
                if (shards.containsKey(shard.shardId())) {
                    continue;
                }
                List<String> parents = new ArrayList<>(2);
                if (waitForParents && shard.parentShardId() != null) {
                    parents.add(shard.parentShardId());
                }
                if (waitForParents && shard.adjacentParentShardId() != null) {
                    parents.add(shard.adjacentParentShardId());
                }
                ShardConsumer consumer = new ShardConsumer(context, shard.shardId(), parents, position);
                if (initial && position == ShardIteratorType.LATEST) {
                    consumer.positionNow();
                }
                shards.put(shard.shardId(), consumer);
                if (!initial) {
                    LOG.info("found new shard {} of {}", shard.shardId(), settings.streamName());
                }
            }
            startReadyShards();
        }
        syncedMark = Math.max(syncedMark, mark);
        idle.changed();
    }

    private List<Shard> listShards() {
        List<Shard> all = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListShardsResponse page = kinesis.listShards(r -> {
                if (token == null) {
                    r.streamName(settings.streamName());
                } else {
                    r.nextToken(token);
                }
            });
            all.addAll(page.shards());
            next = page.nextToken();
        } while (next != null);
        return all;
    }

    /** Starts the waiting shards whose parents are finished or gone (past the retention period). */
    private synchronized void startReadyShards() {
        for (ShardConsumer shard : shards.values()) {
            if (shard.state() != ShardConsumer.State.WAITING_FOR_PARENTS) {
                continue;
            }
            boolean parentsDone = shard.parentShardIds().stream()
                    .map(shards::get)
                    .allMatch(p -> p == null || p.state() == ShardConsumer.State.FINISHED);
            if (parentsDone) {
                shard.markRunning();
                execute(() -> run(shard));
            }
        }
    }

    private void run(ShardConsumer shard) {
        long delay;
        try {
            delay = shard.round();
        } catch (RuntimeException | Error e) {
            // A bug here must not stop the shard silently.
            counters.pollError();
            LOG.error("unexpected failure on shard {}", shard.shardId(), e);
            delay = settings.pollInterval().toMillis();
        }
        if (delay == ShardConsumer.FINISHED) {
            startReadyShards();
            return;
        }
        if (closed.get()) {
            return;
        }
        try {
            scheduler.schedule(() -> run(shard), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            if (!closed.get()) {
                throw e;
            }
        }
    }

    private void execute(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            if (!closed.get()) {
                throw e;
            }
        }
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && !parts[4].isEmpty() ? parts[4] : "000000000000";
    }

    static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
