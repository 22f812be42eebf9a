package dev.skein.cdk;

import static dev.skein.cdk.TemplateJson.arnOf;
import static dev.skein.cdk.TemplateJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The span stream, its failure queue, the timer queue and its dead-letter queue. */
class StreamAndQueuesTest {
    private final Synthesis.Synthesized s = Synthesis.defaults();
    private final TemplateJson json = s.json();

    @Test
    void spanStream_isOnDemand_encryptedWithTheKinesisKey_keepingRecordsADay() {
        assertThat(json.properties(s.logicalId(s.skein().stream().stream))).isEqualTo(Map.of(
                "StreamModeDetails", Map.of("StreamMode", "ON_DEMAND"),
                "StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis"),
                "RetentionPeriodHours", 24));
    }

    @Test
    void spanStream_withProvisionedCapacity_hasThatManyShards() {
        s.template().resourceCountIs("AWS::Kinesis::Stream", 1);
        Synthesis.customized().template().hasResourceProperties("AWS::Kinesis::Stream", Map.of(
                "StreamModeDetails", Map.of("StreamMode", "PROVISIONED"),
                "ShardCount", 2,
                "StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis")));
    }

    @Test
    void timerQueue_redrivesToItsDeadLetterQueueAfterFiveReceives_withSixTimesTheFinalizersTimeout() {
        String deadLetters = s.logicalId(s.skein().timers().deadLetters);
        assertThat(json.properties(s.logicalId(s.skein().timers().queue))).isEqualTo(Map.of(
                "SqsManagedSseEnabled", true,
                "VisibilityTimeout", 6 * 120,
                "RedrivePolicy", Map.of("deadLetterTargetArn", arnOf(deadLetters), "maxReceiveCount", 5)));
        assertThat(TimerQueue.MAX_RECEIVE_COUNT).isEqualTo(5);
    }

    @Test
    void failureQueues_keepMessagesFourteenDays_encrypted() {
        for (String queue : List.of(s.logicalId(s.skein().timers().deadLetters), s.logicalId(s.skein().stream().failures))) {
            assertThat(json.properties(queue)).isEqualTo(Map.of("SqsManagedSseEnabled", true, "MessageRetentionPeriod", 14 * 24 * 3600));
        }
    }

    @Test
    void everyQueue_refusesRequestsWithoutTls() {
        assertThat(json.resources("AWS::SQS::Queue")).hasSize(3);
        for (String queue : json.resources("AWS::SQS::Queue").keySet()) {
            s.template().hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                    "Queues", List.of(ref(queue)),
                    "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                            "Action", "sqs:*",
                            "Effect", "Deny",
                            "Principal", Map.of("AWS", "*"),
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                            "Resource", arnOf(queue))))));
        }
    }
}
