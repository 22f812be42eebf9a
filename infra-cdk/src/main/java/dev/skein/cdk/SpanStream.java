package dev.skein.cdk;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The span stream (ingest → assembler) and the queue where its event source mapping reports
 * batches it gave up on. That queue receives a batch's shard and sequence numbers, not its
 * records: they stay in the stream for its 24-hour retention, so a failure can be replayed
 * from there within a day.
 */
final class SpanStream extends Construct {
    /** SQS's longest retention: failures wait for someone to look at them. */
    static final Duration FAILURE_RETENTION = Duration.days(14);

    final Stream stream;
    final Queue failures;

    SpanStream(Construct scope, String id, SkeinProps props) {
        super(scope, id);
        Stream.Builder builder = Stream.Builder.create(this, "Stream")
                // The aws/kinesis key: encrypted at rest, and neither producer nor consumer
                // needs a KMS permission for it.
                .encryption(StreamEncryption.MANAGED)
                .retentionPeriod(SkeinProps.STREAM_RETENTION);
        props.streamCapacity().provisionedShards().ifPresentOrElse(
                shards -> builder.streamMode(StreamMode.PROVISIONED).shardCount(shards),
                () -> builder.streamMode(StreamMode.ON_DEMAND));
        stream = builder.build();
        failures = Queue.Builder.create(this, "Failures")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(FAILURE_RETENTION)
                .build();
    }
}
