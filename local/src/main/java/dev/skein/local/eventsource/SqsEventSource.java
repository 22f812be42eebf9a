package dev.skein.local.eventsource;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What a Lambda event source mapping does for an SQS queue, in this process: long-polls the
 * queue and calls the handler with the {@link SQSEvent} Lambda would build.
 *
 * <ul>
 *   <li>The messages that succeeded are deleted (DeleteMessageBatch). With a partial batch
 *       response ({@code ReportBatchItemFailures}) the listed messages are left alone and
 *       reappear after the visibility timeout; a handler that throws, or a response that names
 *       an unknown or empty item, leaves the whole batch.</li>
 *   <li>Dead-lettering after {@code maxReceiveCount} receives is the queue's redrive policy
 *       (see {@link SqsQueues#createWithDeadLetterQueue}), as in AWS; this source only reads.</li>
 *   <li>Batches: up to 10 messages per ReceiveMessage; larger batches gather for up to the
 *       batching window. Messages received but not handed over when the source closes are made
 *       visible again at once.</li>
 * </ul>
 *
 * <p>One poller and one batch at a time; Lambda scales pollers and concurrent invocations with
 * the backlog, which a single local process does not need. FIFO queues are read in order, but a
 * FIFO handler must itself report every message after its first failure, as in Lambda.
 */
public final class SqsEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);
    private static final int MAX_MESSAGES_PER_CALL = 10;
    /** How long {@link #close()} waits for the batch in flight, beyond one long poll. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    /** Short polls while a batching window runs out; a pause between them. */
    private static final long SHORT_POLL_PAUSE_MILLIS = 50;

    private final SqsClient sqs;
    private final SqsEventSourceSettings settings;
    private final Function<SQSEvent, SQSBatchResponse> handler;
    private final Counters counters = new Counters();
    private final IdleTracker idle = new IdleTracker();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Received but over the payload limit of the batch being gathered: the next batch's start. */
    private final List<Message> carried = new ArrayList<>();

    private volatile long idleMark = -1;
    private Thread poller;
    private SqsEvents events;

    public SqsEventSource(SqsClient sqs, SqsEventSourceSettings settings,
            Function<SQSEvent, SQSBatchResponse> handler) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Looks the queue up and starts polling it on a thread of its own.
     *
     * @throws SdkException when the queue cannot be read (for example it does not exist)
     * @throws IllegalStateException when called twice
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        String queueArn;
        try {
            queueArn = SqsQueues.queueArn(sqs, settings.queueUrl());
        } catch (RuntimeException e) {
            closed.set(true);
            throw e;
        }
        events = new SqsEvents(queueArn, sqs.serviceClientConfiguration().region().id());
        poller = KinesisEventSource.threads("sqs-" + queueName()).newThread(this::poll);
        poller.start();
        LOG.info("reading {}", queueArn);
    }

    /**
     * Waits until every message that was in the queue when this was called, delayed and in-flight
     * ones included, has been handed to the handler and deleted (or moved to a dead-letter queue
     * by the queue's redrive policy): a receive that began after the call came back empty with
     * nothing in hand, and the queue then counted no messages at all.
     *
     * @return false when {@code timeout} passed first, or the source is not running
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (!started.get() || closed.get()) {
            return false;
        }
        long mark = idle.newMark();
        return idle.await(() -> idleMark >= mark, timeout);
    }

    public EventSourceStats stats() {
        return counters.snapshot();
    }

    /**
     * Stops polling: waits for the long poll under way (at most {@code waitTime}) and the batch in
     * flight, and makes messages received but not handed over visible again.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || poller == null) {
            return;
        }
        try {
            poller.join(settings.waitTime().plus(CLOSE_TIMEOUT).toMillis());
            if (poller.isAlive()) {
                LOG.warn("the handler of {} still runs after {}; interrupting it", queueName(),
                        CLOSE_TIMEOUT);
                poller.interrupt();
            }
        } catch (InterruptedException e) {
            poller.interrupt();
            Thread.currentThread().interrupt();
        }
        idle.changed();
    }

    private void poll() {
        int errorsInARow = 0;
        while (!closed.get()) {
            long mark = idle.currentMark();
            try {
                List<Message> batch = gather();
                if (errorsInARow > 0) {
                    LOG.info("polling {} works again after {} failure(s)", queueName(), errorsInARow);
                    errorsInARow = 0;
                }
                if (closed.get()) {
                    release(batch);
                    release(carried);
                    return;
                }
                if (batch.isEmpty()) {
                    if (idleMark < idle.currentMark() && queueIsEmpty()) {
                        idleMark = mark;
                        idle.changed();
                    }
                    continue;
                }
                invoke(batch);
            } catch (SdkException e) {
                counters.pollError();
                errorsInARow++;
                if (Errors.worthWarning(errorsInARow)) {
                    LOG.warn("polling {} failed ({} in a row): {}", queueName(), errorsInARow, e.toString());
                } else {
                    LOG.debug("polling {} failed again: {}", queueName(), e.toString());
                }
                pause(settings.errorBackoff().toMillis());
            } catch (RuntimeException | Error e) {
                counters.pollError();
                LOG.error("unexpected failure polling {}", queueName(), e);
                pause(settings.errorBackoff().toMillis());
            }
        }
    }

    /** A batch: what was carried over, then receives until it is full or the window is over. */
    private List<Message> gather() {
        List<Message> batch = new ArrayList<>(carried);
        carried.clear();
        long bytes = batch.stream().mapToLong(SqsEvents::payloadBytes).sum();
        int waitSeconds = (int) settings.waitTime().toSeconds();
        if (batch.isEmpty()) {
            List<Message> first = receive(Math.min(MAX_MESSAGES_PER_CALL, settings.batchSize()), waitSeconds);
            if (first.isEmpty()) {
                return batch;
            }
            bytes = add(batch, first, bytes);
        }
        long windowEnd = System.nanoTime() + settings.maxBatchingWindow().toNanos();
        while (batch.size() < settings.batchSize() && carried.isEmpty() && !closed.get()) {
            long leftMillis = (windowEnd - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                break;
            }
            int wait = (int) Math.min(waitSeconds, leftMillis / 1000);
            List<Message> more = receive(Math.min(MAX_MESSAGES_PER_CALL, settings.batchSize() - batch.size()), wait);
            if (more.isEmpty() && wait == 0) {
                pause(Math.min(leftMillis, SHORT_POLL_PAUSE_MILLIS));
            }
            bytes = add(batch, more, bytes);
        }
        return batch;
    }

    /** Adds what fits under the payload limit; the rest waits for the next batch. */
    private long add(List<Message> batch, List<Message> received, long bytes) {
        for (Message m : received) {
            long size = SqsEvents.payloadBytes(m);
            if (!carried.isEmpty() || (!batch.isEmpty() && bytes + size > SqsEvents.MAX_PAYLOAD_BYTES)) {
                carried.add(m);
            } else {
                batch.add(m);
                bytes += size;
            }
        }
        return bytes;
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(r -> {
            r.queueUrl(settings.queueUrl())
                    .maxNumberOfMessages(max)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All");
            settings.visibilityTimeout().ifPresent(v -> r.visibilityTimeout((int) v.toSeconds()));
        }).messages();
    }

    private void invoke(List<Message> batch) {
        SQSEvent event = events.event(batch);
        counters.invoked(batch.size());
        BatchOutcome outcome;
        Throwable thrown = null;
        try {
            SQSBatchResponse response = handler.apply(event);
            outcome = BatchOutcome.fromItemFailures(itemIdentifiers(response),
                    batch.stream().map(Message::messageId).toList());
        } catch (RuntimeException | Error e) {
            outcome = BatchOutcome.thrown(e, batch.size());
            thrown = e;
        }
        Set<Integer> failed = new HashSet<>(outcome.failedIndexes());
        List<Message> succeeded = new ArrayList<>(batch.size() - failed.size());
        for (int i = 0; i < batch.size(); i++) {
            if (!failed.contains(i)) {
                succeeded.add(batch.get(i));
            }
        }
        if (!failed.isEmpty()) {
            counters.failed(failed.size());
            LOG.warn("{} of {} messages from {} failed ({}); they reappear after the visibility"
                    + " timeout", failed.size(), batch.size(), queueName(), outcome.reason(),
                    thrown == null ? null : Errors.withoutMessages(thrown));
        }
        delete(succeeded);
    }

    private static List<String> itemIdentifiers(SQSBatchResponse response) {
        if (response == null || response.getBatchItemFailures() == null) {
            return null;
        }
        List<String> ids = new ArrayList<>(response.getBatchItemFailures().size());
        for (SQSBatchResponse.BatchItemFailure f : response.getBatchItemFailures()) {
            ids.add(f == null ? null : f.getItemIdentifier());
        }
        return ids;
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += MAX_MESSAGES_PER_CALL) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_MESSAGES_PER_CALL));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i)).receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            try {
                DeleteMessageBatchResponse response = sqs.deleteMessageBatch(
                        r -> r.queueUrl(settings.queueUrl()).entries(entries));
                counters.acknowledged(response.successful().size());
                if (!response.failed().isEmpty()) {
                    counters.pollError();
                    LOG.warn("{} handled messages of {} were not deleted ({}); they will be"
                            + " delivered again", response.failed().size(), queueName(),
                            response.failed().get(0).code());
                }
            } catch (SdkException e) {
                counters.pollError();
                LOG.warn("deleting {} handled messages of {} failed: {}; they will be delivered"
                        + " again", chunk.size(), queueName(), e.toString());
            }
        }
    }

    /** Makes messages visible again, so closing does not hide them for a visibility timeout. */
    private void release(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += MAX_MESSAGES_PER_CALL) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_MESSAGES_PER_CALL));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(0).build());
            }
            try {
                sqs.changeMessageVisibilityBatch(r -> r.queueUrl(settings.queueUrl()).entries(entries));
            } catch (SdkException e) {
                LOG.debug("releasing {} messages of {} failed: {}", chunk.size(), queueName(), e.toString());
            }
        }
        messages.clear();
    }

    private boolean queueIsEmpty() {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(r -> r
                .queueUrl(settings.queueUrl())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return counts.values().stream().allMatch("0"::equals);
    }

    private String queueName() {
        String url = settings.queueUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
