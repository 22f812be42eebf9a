package dev.skein.local.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.skein.emulators.SqsEmulator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The SQS poller against ElasticMQ, one emulator for the class. */
class SqsEventSourceIT {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private static SqsEmulator emulator;
    private static SqsClient client;
    private static final AtomicInteger queues = new AtomicInteger();

    @BeforeAll
    static void startSqs() {
        emulator = SqsEmulator.start();
        client = emulator.sqsClient();
    }

    @AfterAll
    static void stopSqs() {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void start_whenMessagesWait_deliversThemWithLambdasFieldsAndDeletesThem() throws Exception {
        String queue = newQueue();
        long before = System.currentTimeMillis() - 1000;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(send(queue, "m" + i));
        }
        String attributed = client.sendMessage(r -> r.queueUrl(queue).messageBody("with-attributes")
                .messageAttributes(Map.of(
                        "tenant", MessageAttributeValue.builder().dataType("String").stringValue("t1").build(),
                        "raw", MessageAttributeValue.builder().dataType("Binary")
                                .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3})).build())))
                .messageId();
        long after = System.currentTimeMillis() + 1000;
        Recorder handler = new Recorder(event -> null);

        try (SqsEventSource source = new SqsEventSource(client, settings(queue), handler)) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();

            EventSourceStats stats = source.stats();
            assertThat(stats.records()).isEqualTo(26);
            assertThat(stats.acknowledgedRecords()).isEqualTo(26);
            assertThat(stats.failedBatches()).isZero();
        }

        assertThat(handler.batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 10));
        assertThat(handler.bodies()).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 26).mapToObj(i -> i < 25 ? "m" + i : "with-attributes").toList());
        assertThat(countMessages(queue)).isZero();
        String queueArn = SqsQueues.queueArn(client, queue);
        Map<String, SQSMessage> byId = handler.messages().stream()
                .collect(Collectors.toMap(SQSMessage::getMessageId, m -> m));
        assertThat(byId.keySet()).containsAll(ids).contains(attributed);
        for (SQSMessage m : handler.messages()) {
            assertThat(m.getEventSource()).isEqualTo("aws:sqs");
            assertThat(m.getEventSourceArn()).isEqualTo(queueArn);
            assertThat(m.getAwsRegion()).isEqualTo("us-east-1");
            assertThat(m.getReceiptHandle()).isNotBlank();
            assertThat(m.getMd5OfBody()).isEqualTo(md5(m.getBody()));
            assertThat(m.getAttributes()).containsEntry("ApproximateReceiveCount", "1")
                    .containsKeys("SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
            assertThat(Long.parseLong(m.getAttributes().get("SentTimestamp"))).isBetween(before, after);
        }
        SQSMessage withAttributes = byId.get(attributed);
        assertThat(withAttributes.getMd5OfMessageAttributes()).isNotBlank();
        SQSEvent.MessageAttribute tenant = withAttributes.getMessageAttributes().get("tenant");
        assertThat(tenant.getDataType()).isEqualTo("String");
        assertThat(tenant.getStringValue()).isEqualTo("t1");
        assertThat(tenant.getStringListValues()).isEmpty();
        assertThat(tenant.getBinaryListValues()).isEmpty();
        SQSEvent.MessageAttribute raw = withAttributes.getMessageAttributes().get("raw");
        assertThat(raw.getDataType()).isEqualTo("Binary");
        assertThat(SdkBytes.fromByteBuffer(raw.getBinaryValue()).asByteArray()).containsExactly(1, 2, 3);
        assertThat(byId.get(ids.get(0)).getMessageAttributes()).isEmpty();
    }

    @Test
    void handler_whenItReportsAFailure_thatMessageReappearsAfterTheVisibilityTimeoutAndTheRestAreDeleted()
            throws Exception {
        String queue = newQueue();
        for (int i = 0; i < 5; i++) {
            send(queue, "m" + i);
        }
        Recorder handler = new Recorder(event -> failures(event.getRecords().stream()
                .filter(m -> m.getBody().equals("m2") && receiveCount(m) == 1)
                .map(SQSMessage::getMessageId).toList()));

        try (SqsEventSource source = new SqsEventSource(client,
                settings(queue).withVisibilityTimeout(Duration.ofSeconds(1)), handler)) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();

            assertThat(source.stats().failedRecords()).isEqualTo(1);
            assertThat(source.stats().acknowledgedRecords()).isEqualTo(5);
        }

        assertThat(handler.bodies()).containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4", "m2");
        List<SQSMessage> m2 = handler.messages().stream().filter(m -> m.getBody().equals("m2")).toList();
        assertThat(m2).extracting(SqsEventSourceIT::receiveCount).containsExactly(1, 2);
        assertThat(m2.get(1).getMessageId()).isEqualTo(m2.get(0).getMessageId());
        assertThat(countMessages(queue)).isZero();
    }

    @Test
    void handler_whenItThrows_deletesNoneAndTheWholeBatchReappears() throws Exception {
        String queue = newQueue();
        for (int i = 0; i < 3; i++) {
            send(queue, "m" + i);
        }
        AtomicBoolean thrown = new AtomicBoolean();
        Recorder handler = new Recorder(event -> {
            if (thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("boom");
            }
            return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
        });

        try (SqsEventSource source = new SqsEventSource(client,
                settings(queue).withVisibilityTimeout(Duration.ofSeconds(1)), handler)) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();
            assertThat(source.stats().failedBatches()).isEqualTo(1);
            assertThat(source.stats().failedRecords()).isEqualTo(handler.batches.get(0).size());
        }

        Map<String, List<Integer>> receiveCounts = handler.messages().stream().collect(Collectors.groupingBy(
                SQSMessage::getBody, Collectors.mapping(SqsEventSourceIT::receiveCount, Collectors.toList())));
        List<String> firstBatch = handler.batches.get(0).stream().map(SQSMessage::getBody).toList();
        for (String body : List.of("m0", "m1", "m2")) {
            assertThat(receiveCounts.get(body)).as(body)
                    .isEqualTo(firstBatch.contains(body) ? List.of(1, 2) : List.of(1));
        }
        assertThat(countMessages(queue)).isZero();
    }

    @Test
    void redrivePolicy_afterMaxReceiveCount_movesAPoisonMessageToTheDeadLetterQueue() throws Exception {
        int n = queues.incrementAndGet();
        SqsQueues.QueueWithDeadLetterQueue queue = SqsQueues.createWithDeadLetterQueue(client,
                "work-" + n, "work-" + n + "-dlq", 2, Duration.ofSeconds(1));
        send(queue.queueUrl(), "ok0");
        send(queue.queueUrl(), "poison");
        send(queue.queueUrl(), "ok1");
        Recorder handler = new Recorder(event -> failures(event.getRecords().stream()
                .filter(m -> m.getBody().equals("poison")).map(SQSMessage::getMessageId).toList()));

        try (SqsEventSource source = new SqsEventSource(client, settings(queue.queueUrl()), handler)) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();
        }

        assertThat(handler.bodies()).containsExactlyInAnyOrder("ok0", "ok1", "poison", "poison");
        List<Message> dead = client.receiveMessage(r -> r.queueUrl(queue.deadLetterQueueUrl())
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertThat(dead).extracting(Message::body).containsExactly("poison");
        assertThat(countMessages(queue.queueUrl())).isZero();
        assertThat(client.getQueueAttributes(r -> r.queueUrl(queue.queueUrl())
                        .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes()
                .get(QueueAttributeName.REDRIVE_POLICY))
                .contains(queue.deadLetterQueueArn()).contains("maxReceiveCount");
    }

    @Test
    void batching_whenTheBatchSizeIsOver10_gathersOneBatchWithinTheWindow() throws Exception {
        String queue = newQueue();
        for (int i = 0; i < 25; i++) {
            send(queue, "m" + i);
        }
        Recorder handler = new Recorder(event -> null);

        try (SqsEventSource source = new SqsEventSource(client,
                settings(queue).withBatching(25, Duration.ofSeconds(3)), handler)) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();
        }

        assertThat(handler.batches).singleElement().satisfies(b -> assertThat(b).hasSize(25));
    }

    @Test
    void close_whenABatchIsInFlight_waitsForItAndDeletesWhatSucceeded() throws Exception {
        String queue = newQueue();
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean completed = new AtomicBoolean();
        Recorder handler = new Recorder(event -> {
            entered.countDown();
            sleep(Duration.ofMillis(700));
            completed.set(true);
            return null;
        });
        SqsEventSource source = new SqsEventSource(client, settings(queue), handler);
        source.start();
        send(queue, "m0");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        source.close();

        assertThat(completed).isTrue();
        assertThat(countMessages(queue)).isZero();
        send(queue, "after-close");
        sleep(Duration.ofMillis(300));
        assertThat(handler.batches).hasSize(1);
        assertThat(source.awaitIdle(Duration.ofMillis(10))).isFalse();
    }

    // --- helpers ---

    private static final class Recorder implements Function<SQSEvent, SQSBatchResponse> {
        final List<List<SQSMessage>> batches = new CopyOnWriteArrayList<>();
        private final Function<SQSEvent, SQSBatchResponse> answer;

        Recorder(Function<SQSEvent, SQSBatchResponse> answer) {
            this.answer = answer;
        }

        @Override
        public SQSBatchResponse apply(SQSEvent event) {
            batches.add(List.copyOf(event.getRecords()));
            return answer.apply(event);
        }

        /** Every message handed to the handler, in delivery order. */
        List<SQSMessage> messages() {
            return batches.stream().flatMap(List::stream).toList();
        }

        List<String> bodies() {
            return messages().stream().map(SQSMessage::getBody).toList();
        }
    }

    private static SqsEventSourceSettings settings(String queueUrl) {
        return SqsEventSourceSettings.defaults(queueUrl).withWaitTime(Duration.ofSeconds(1));
    }

    private static String newQueue() {
        String name = "queue-" + queues.incrementAndGet();
        return client.createQueue(r -> r.queueName(name)).queueUrl();
    }

    private static String send(String queueUrl, String body) {
        return client.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    private static int countMessages(String queueUrl) {
        return client.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().values().stream().mapToInt(Integer::parseInt).sum();
    }

    private static int receiveCount(SQSMessage m) {
        return Integer.parseInt(m.getAttributes().get("ApproximateReceiveCount"));
    }

    private static SQSBatchResponse failures(List<String> messageIds) {
        return SQSBatchResponse.builder().withBatchItemFailures(messageIds.stream()
                .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build())
                .toList()).build();
    }

    private static String md5(String body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
