package dev.skein.aws.sqs;

import dev.skein.aws.BatchRetry;
import dev.skein.aws.RetryClock;
import dev.skein.aws.RetrySettings;
import dev.skein.aws.SdkErrors;
import dev.skein.aws.UsageMeter;
import dev.skein.storage.StorageException;
import dev.skein.storage.TimerMessages;
import dev.skein.storage.TimerQueue;
import dev.skein.storage.TraceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Finalize timers on an SQS queue: one message per trace, delayed per message (DelaySeconds), so
 * the finalizer sees it once the trace may have gone idle. Sent with SendMessageBatch, ten per
 * request; entries SQS fails for a reason on its side are sent again, with capped, jittered
 * backoff, a bounded number of times. A duplicate timer is harmless (the finalizer is
 * idempotent), so re-sending an entry whose success was lost is too.
 */
public final class SqsTimerQueue implements TimerQueue {
    /** SendMessageBatch takes at most ten entries. */
    static final int BATCH_LIMIT = 10;
    static final int MAX_DELAY_SECONDS = (int) MAX_DELAY.toSeconds();

    private final SqsClient client;
    private final String queueUrl;
    private final UsageMeter meter;
    private final BatchRetry retry;

    /** With {@link RetrySettings#defaults()}. */
    public SqsTimerQueue(SqsClient client, String queueUrl, UsageMeter meter) {
        this(client, queueUrl, meter, RetrySettings.defaults(), RetryClock.system());
    }

    /** As above, with how hard to retry and the clock the retry loop sleeps on. */
    public SqsTimerQueue(SqsClient client, String queueUrl, UsageMeter meter,
            RetrySettings retrySettings, RetryClock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.meter = Objects.requireNonNull(meter, "meter");
        this.retry = new BatchRetry(retrySettings, clock);
    }

    /**
     * @param delay rounded up to whole seconds and clamped to 0..{@link #MAX_DELAY}: a timer
     *     must never fire before the idle period it stands for has passed
     * @throws StorageException when some timers are still not sent after the last attempt, or
     *     SQS refuses an entry as invalid
     */
    @Override
    public void schedule(List<TraceKey> traces, Duration delay) {
        int delaySeconds = delaySeconds(delay);
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(traces.size());
        for (TraceKey trace : traces) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    // Ids only have to be unique within one request; retried entries keep theirs.
                    .id(Integer.toString(entries.size()))
                    .messageBody(TimerMessages.encode(trace))
                    .delaySeconds(delaySeconds)
                    .build());
        }
        String what = "timers to SQS queue " + queueUrl;
        for (int from = 0; from < entries.size(); from += BATCH_LIMIT) {
            retry.sendAll(entries.subList(from, Math.min(entries.size(), from + BATCH_LIMIT)),
                    what, this::sendBatch);
        }
    }

    /**
     * For SnapStart priming: a SendMessageBatch without entries, which SQS refuses as an empty
     * batch (and could not enqueue anything from if it did not).
     *
     * @throws SdkException for any answer but that refusal
     */
    public void sendRefusedWrite() {
        // The JSON protocol's code, and the query protocol's that SQS also reports.
        SdkErrors.refusedAsInvalid(Set.of("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest"),
                () -> client.sendMessageBatch(request -> request.queueUrl(queueUrl)
                .entries(List.of())));
    }

    static int delaySeconds(Duration delay) {
        if (delay.isNegative()) {
            return 0;
        }
        long seconds = delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
        return (int) Math.min(seconds, MAX_DELAY_SECONDS);
    }

    private BatchRetry.Rejected<SendMessageBatchRequestEntry> sendBatch(
            List<SendMessageBatchRequestEntry> pending) {
        SendMessageBatchResponse response;
        try {
            response = client.sendMessageBatch(request -> request.queueUrl(queueUrl)
                    .entries(pending));
        } catch (SdkException e) {
            meter.recordSqsRequest(0);
            throw e; // BatchRetry decides whether it is worth another attempt
        }
        meter.recordSqsRequest(response.successful().size());
        String reason = null;
        for (BatchResultErrorEntry error : response.failed()) {
            reason = error.code() + ": " + error.message();
            if (Boolean.TRUE.equals(error.senderFault())) {
                // Our entry is wrong (for example too big): sending it again cannot help.
                throw new StorageException("SQS queue " + queueUrl + " refused a timer: " + reason);
            }
        }
        // Whatever SQS did not list as sent is sent again, including an entry an answer
        // leaves out altogether: a duplicate timer costs a little, a lost one a stale summary.
        Set<String> sent = new HashSet<>();
        for (SendMessageBatchResultEntry entry : response.successful()) {
            sent.add(entry.id());
        }
        List<SendMessageBatchRequestEntry> failed = new ArrayList<>();
        for (SendMessageBatchRequestEntry entry : pending) {
            if (!sent.contains(entry.id())) {
                failed.add(entry);
            }
        }
        return new BatchRetry.Rejected<>(failed, reason);
    }
}
