package dev.skein.local.eventsource;

import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Ready-made on-failure destinations for a {@link KinesisEventSource}. A destination that throws
 * has not taken the batch: the source keeps the records and offers them again later.
 */
public final class OnFailureDestinations {
    private static final Logger LOG = LoggerFactory.getLogger(OnFailureDestinations.class);

    private OnFailureDestinations() {
    }

    /** Logs where the records were (shard, sequence range, reason) at ERROR; never their contents. */
    public static Consumer<FailedBatch> log() {
        return failed -> LOG.error("gave up on {} record(s) of shard {} of {} ({} to {}) after {}"
                        + " attempt(s): {}", failed.failedSequenceNumbers().size(), failed.shardId(),
                failed.streamArn(), failed.startSequenceNumber(), failed.endSequenceNumber(),
                failed.approximateInvokeCount(), failed.reason());
    }

    /** Sends Lambda's on-failure record ({@link FailedBatch#toJson()}) to an SQS queue. */
    public static Consumer<FailedBatch> sqs(SqsClient sqs, String queueUrl) {
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(queueUrl, "queueUrl");
        return failed -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(failed.toJson()));
    }
}
