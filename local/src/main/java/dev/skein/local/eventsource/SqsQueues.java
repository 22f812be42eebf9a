package dev.skein.local.eventsource;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Queue set-up for skein-local and tests: what the CDK stack declares in the cloud. */
public final class SqsQueues {
    /** SQS's longest retention, for the dead-letter queue: keep failures as long as possible. */
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

    private SqsQueues() {
    }

    /** A queue and the dead-letter queue its redrive policy sends messages to. */
    public record QueueWithDeadLetterQueue(String queueUrl, String deadLetterQueueUrl,
            String deadLetterQueueArn) {
    }

    /**
     * Creates (or finds, when they exist with the same attributes) a standard dead-letter queue
     * and a standard queue whose redrive policy moves a message there once it has been received
     * {@code maxReceiveCount} times without being deleted.
     */
    public static QueueWithDeadLetterQueue createWithDeadLetterQueue(SqsClient sqs, String queueName,
            String deadLetterQueueName, int maxReceiveCount, Duration visibilityTimeout) {
        Objects.requireNonNull(sqs, "sqs");
        Durations.requireBetween(maxReceiveCount, 1, 1000, "maxReceiveCount");
        Durations.requireBetween(visibilityTimeout, Duration.ZERO,
                SqsEventSourceSettings.MAX_VISIBILITY_TIMEOUT, "visibilityTimeout");
        String dlqUrl = sqs.createQueue(r -> r.queueName(deadLetterQueueName).attributes(
                Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, seconds(DEAD_LETTER_RETENTION))))
                .queueUrl();
        String dlqArn = queueArn(sqs, dlqUrl);
        String redrivePolicy = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                + maxReceiveCount + "\"}";
        String url = sqs.createQueue(r -> r.queueName(queueName).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, seconds(visibilityTimeout),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy))).queueUrl();
        return new QueueWithDeadLetterQueue(url, dlqUrl, dlqArn);
    }

    public static String queueArn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static String seconds(Duration d) {
        return Long.toString(d.toSeconds());
    }
}
