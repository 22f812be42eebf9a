package dev.skein.local.eventsource;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Builds the {@link SQSEvent} Lambda would build for a batch of received messages. */
final class SqsEvents {
    static final String EVENT_SOURCE = "aws:sqs";

    /** Lambda's limit on a synchronous invocation's payload. */
    static final long MAX_PAYLOAD_BYTES = 6L * 1024 * 1024;
    /** The JSON around one message's body: IDs, receipt handle, ARN, system attributes. */
    private static final int MESSAGE_OVERHEAD_BYTES = 1024;

    /** The system attributes Lambda puts in {@code attributes}; ReceiveMessage asks for all. */
    static final Set<String> LAMBDA_ATTRIBUTES = Set.of(
            MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString(),
            MessageSystemAttributeName.SENT_TIMESTAMP.toString(),
            MessageSystemAttributeName.SENDER_ID.toString(),
            MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP.toString(),
            MessageSystemAttributeName.AWS_TRACE_HEADER.toString(),
            MessageSystemAttributeName.SEQUENCE_NUMBER.toString(),
            MessageSystemAttributeName.MESSAGE_GROUP_ID.toString(),
            MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID.toString());

    private final String queueArn;
    private final String region;

    SqsEvents(String queueArn, String region) {
        this.queueArn = queueArn;
        this.region = region;
    }

    SQSEvent event(List<Message> batch) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(batch.size());
        for (Message m : batch) {
            records.add(message(m));
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private SQSEvent.SQSMessage message(Message m) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(m.messageId());
        message.setReceiptHandle(m.receiptHandle());
        message.setBody(m.body());
        Map<String, String> attributes = new LinkedHashMap<>();
        m.attributesAsStrings().forEach((name, value) -> {
            if (LAMBDA_ATTRIBUTES.contains(name)) {
                attributes.put(name, value);
            }
        });
        message.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new LinkedHashMap<>();
        m.messageAttributes().forEach((name, value) -> messageAttributes.put(name, attribute(value)));
        message.setMessageAttributes(messageAttributes);
        message.setMd5OfBody(m.md5OfBody());
        message.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
        message.setEventSource(EVENT_SOURCE);
        message.setEventSourceArn(queueArn);
        message.setAwsRegion(region);
        return message;
    }

    /** As Lambda writes one: the list fields are empty lists, never absent. */
    private static SQSEvent.MessageAttribute attribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(ByteBuffer.wrap(value.binaryValue().asByteArray()));
        }
        attribute.setStringListValues(new ArrayList<>(value.stringListValues()));
        List<ByteBuffer> binaries = new ArrayList<>();
        for (SdkBytes b : value.binaryListValues()) {
            binaries.add(ByteBuffer.wrap(b.asByteArray()));
        }
        attribute.setBinaryListValues(binaries);
        return attribute;
    }

    /** About what the message adds to the invocation payload. */
    static long payloadBytes(Message m) {
        long bytes = MESSAGE_OVERHEAD_BYTES + m.body().getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttributeValue> a : m.messageAttributes().entrySet()) {
            MessageAttributeValue v = a.getValue();
            bytes += a.getKey().length() + 64;
            if (v.stringValue() != null) {
                bytes += v.stringValue().getBytes(StandardCharsets.UTF_8).length;
            }
            if (v.binaryValue() != null) {
                bytes += (v.binaryValue().asByteBuffer().remaining() + 2) / 3 * 4;
            }
        }
        return bytes;
    }
}
