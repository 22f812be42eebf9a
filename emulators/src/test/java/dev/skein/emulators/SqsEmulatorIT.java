package dev.skein.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

class SqsEmulatorIT {

    @Test
    void start_whenMessagesAreDelayed_hidesThemUntilTheDelayPasses() throws Exception {
        URI endpoint;
        try (SqsEmulator emulator = SqsEmulator.start(); SqsClient client = emulator.sqsClient()) {
            endpoint = emulator.endpoint();
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            String queueUrl = client.createQueue(request -> request.queueName("ingest-retry"))
                    .queueUrl();
            assertThat(queueUrl)
                    .isEqualTo(endpoint + "/" + SqsEmulator.ACCOUNT_ID + "/ingest-retry");
            assertThat(client.getQueueAttributes(request -> request.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes())
                    .containsEntry(QueueAttributeName.QUEUE_ARN,
                            "arn:aws:sqs:us-east-1:000000000000:ingest-retry");

            SendMessageBatchResponse sent = client.sendMessageBatch(request -> request
                    .queueUrl(queueUrl)
                    .entries(
                            SendMessageBatchRequestEntry.builder()
                                    .id("a").messageBody("batch-1").delaySeconds(3).build(),
                            SendMessageBatchRequestEntry.builder()
                                    .id("b").messageBody("batch-2").delaySeconds(3).build()));
            assertThat(sent.failed()).isEmpty();
            assertThat(sent.successful()).hasSize(2);

            assertThat(client.receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages()).isEmpty();
            Map<QueueAttributeName, String> delayed = attributes(client, queueUrl);
            assertThat(delayed)
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "2")
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");

            List<Message> received = receiveAll(client, queueUrl, 2, Duration.ofSeconds(10));
            assertThat(received).extracting(Message::body)
                    .containsExactlyInAnyOrder("batch-1", "batch-2");
            // Hidden for the delay by the queue's own clock (ours could stall, not the queue's).
            assertThat(received).allSatisfy(m -> assertThat(
                    Long.parseLong(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP))
                            - Long.parseLong(m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)))
                    .isGreaterThanOrEqualTo(3_000));

            client.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(
                    received.stream().map(m -> DeleteMessageBatchRequestEntry.builder()
                            .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
            assertThat(attributes(client, queueUrl))
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0")
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                    .containsEntry(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
        }

        assertThatThrownBy(() -> connect(endpoint)).isInstanceOf(ConnectException.class);
    }

    @Test
    void start_whenTwoRunAtOnce_keepsThemApart() {
        try (SqsEmulator a = SqsEmulator.start(); SqsEmulator b = SqsEmulator.start();
                SqsClient clientA = a.sqsClient(); SqsClient clientB = b.sqsClient()) {
            clientA.createQueue(request -> request.queueName("only-in-a"));

            assertThat(a.endpoint()).isNotEqualTo(b.endpoint());
            assertThat(clientB.listQueues().queueUrls()).isEmpty();
        }
    }

    private static Map<QueueAttributeName, String> attributes(SqsClient client, String queueUrl) {
        return client.getQueueAttributes(request -> request.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
    }

    private static List<Message> receiveAll(SqsClient client, String queueUrl, int count,
            Duration timeout) {
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count && System.nanoTime() - deadline < 0) {
            received.addAll(client.receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
        }
        return received;
    }

    private static void connect(URI endpoint) throws IOException {
        new Socket(endpoint.getHost(), endpoint.getPort()).close();
    }
}
