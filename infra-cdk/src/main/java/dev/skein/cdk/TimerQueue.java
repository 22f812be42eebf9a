package dev.skein.cdk;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The finalize-timer queue: the assembler sends a timer per trace with a per-message delay of
 * the idle period (dev.skein.aws.sqs.SqsTimerQueue sets {@code DelaySeconds} on each message, so
 * the queue's own delay stays 0), and the finalizer reads them. A timer that fails {@link
 * #MAX_RECEIVE_COUNT} times moves to the dead-letter queue.
 */
final class TimerQueue extends Construct {
    /** Receives before a timer moves to the dead-letter queue (skein-local uses the same). */
    static final int MAX_RECEIVE_COUNT = 5;
    /** Lambda's advice for a queue it reads: a visibility timeout of six times the function's timeout. */
    static final int VISIBILITY_TIMEOUT_FACTOR = 6;

    final Queue queue;
    final Queue deadLetters;

    TimerQueue(Construct scope, String id, Duration finalizerTimeout) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(SpanStream.FAILURE_RETENTION)
                .build();
        queue = Queue.Builder.create(this, "Timers")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * finalizerTimeout.toSeconds().intValue()))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .build();
    }
}
