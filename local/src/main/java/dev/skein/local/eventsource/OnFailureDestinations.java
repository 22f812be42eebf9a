package dev.skein.local.eventsource;

import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Ready-made on-failure destinations for a {@link KinesisEventSource}. A destination that throws
 * has not taken the batch: the source keeps the records and offers them again later.
 */
public final class OnFailureDestinations {
    private OnFailureDestinations() {
    }

    /** Sends Lambda's on-failure record ({@link FailedBatch#toJson()}) to an SQS queue. */
    public static Consumer<FailedBatch> sqs(SqsClient sqs, String queueUrl) {
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(queueUrl, "queueUrl");
        return failed -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(failed.toJson()));
    }
}
