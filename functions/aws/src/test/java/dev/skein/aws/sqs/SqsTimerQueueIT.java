package dev.skein.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.aws.AwsTarget;
import dev.skein.aws.StorageProvisioning;
import dev.skein.aws.UsageMeter;
import dev.skein.aws.UsageSnapshot;
import dev.skein.model.TraceId;
import dev.skein.storage.StorageException;
import dev.skein.storage.TimerMessages;
import dev.skein.storage.TraceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SqsTimerQueueIT {
    private static AwsTarget target;

    private String queueUrl;
    private UsageMeter meter;
    private SqsTimerQueue queue;

    @BeforeAll
    static void startSqs() {
        target = AwsTarget.sqs();
    }

    @AfterAll
    static void stopSqs() {
        if (target != null) {
            target.close();
        }
    }

    @BeforeEach
    void newQueue() {
        queueUrl = StorageProvisioning.createQueueIfMissing(sqs(), AwsTarget.uniqueName("timers"));
        meter = new UsageMeter();
        queue = new SqsTimerQueue(sqs(), queueUrl, meter);
    }

    @Test
    void schedule_withoutDelay_sendsOneMessagePerTraceInBatchesOfTen() {
        List<TraceKey> traces = traces(25);

        queue.schedule(traces, Duration.ZERO);

        assertThat(receiveAll(25, Duration.ofSeconds(10))).extracting(Message::body)
                .map(TimerMessages::decode)
                .containsExactlyInAnyOrderElementsOf(traces);
        UsageSnapshot used = meter.snapshot();
        assertThat(used.sqsRequests()).isEqualTo(3);
        assertThat(used.sqsMessages()).isEqualTo(25);
    }

    @Test
    void schedule_withDelay_keepsMessagesInvisibleUntilTheDelayHasPassed() {
        List<TraceKey> traces = traces(3);

        // 1.2 s rounds up to 2 s: a timer must never fire early.
        queue.schedule(traces, Duration.ofMillis(1_200));

        List<Message> later = receiveAll(3, Duration.ofSeconds(10));
        assertThat(later).extracting(Message::body).map(TimerMessages::decode)
                .containsExactlyInAnyOrderElementsOf(traces);
        // The queue's own clock says how long each message stayed hidden; ours could stall.
        assertThat(later).allSatisfy(m -> assertThat(
                Long.parseLong(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP))
                        - Long.parseLong(m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)))
                .isGreaterThanOrEqualTo(2_000));
    }

    @Test
    void schedule_whenNothingToSchedule_sendsNoRequest() {
        queue.schedule(List.of(), Duration.ofSeconds(5));

        assertThat(meter.snapshot()).isEqualTo(UsageSnapshot.ZERO);
    }

    @Test
    void schedule_whenQueueMissing_throwsStorageException() {
        String missing = queueUrl.substring(0, queueUrl.lastIndexOf('/') + 1)
                + AwsTarget.uniqueName("missing");
        SqsTimerQueue nowhere = new SqsTimerQueue(sqs(), missing, meter);

        assertThatThrownBy(() -> nowhere.schedule(traces(1), Duration.ZERO))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(missing);
    }

    @Test
    void createQueueIfMissing_whenCalledAgain_returnsTheSameUrl() {
        String name = AwsTarget.uniqueName("again");
        String first = StorageProvisioning.createQueueIfMissing(sqs(), name);

        assertThat(StorageProvisioning.createQueueIfMissing(sqs(), name)).isEqualTo(first);
    }

    private List<Message> receiveAll(int expected, Duration timeout) {
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < expected && System.nanoTime() - deadline < 0) {
            List<Message> batch = sqs().receiveMessage(r -> r.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            for (Message message : batch) {
                received.add(message);
                sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return received;
    }

    private static List<TraceKey> traces(int count) {
        List<TraceKey> traces = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            traces.add(new TraceKey("acme", new TraceId(0x5b8efff798038103L, i)));
        }
        return traces;
    }

    private static SqsClient sqs() {
        return target.clients().sqs();
    }
}
