package dev.skein.emulators;

import java.time.Duration;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Stream administration for tests and skein-local, against an emulator or any other Kinesis
 * endpoint (LocalStack, AWS).
 */
public final class KinesisStreams {
    /**
     * The SDK's {@code waitUntilStreamExists} polls every 10 s; an emulator activates a stream in
     * about half a second.
     */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private KinesisStreams() {
    }

    /**
     * Creates a provisioned stream with {@code shards} shards and returns once it is ACTIVE.
     *
     * @throws IllegalStateException when it is not ACTIVE within {@code timeout}
     */
    public static void createAndAwaitActive(KinesisClient client, String streamName, int shards,
            Duration timeout) {
        client.createStream(request -> request.streamName(streamName).shardCount(shards));
        long deadline = System.nanoTime() + timeout.toNanos();
        StreamStatus last = null;
        while (true) {
            last = statusOrNull(client, streamName);
            if (last == StreamStatus.ACTIVE) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("stream " + streamName + " is not ACTIVE after "
                        + timeout + " (last status " + last + ")");
            }
            sleep(POLL_INTERVAL);
        }
    }

    private static StreamStatus statusOrNull(KinesisClient client, String streamName) {
        try {
            return client.describeStreamSummary(request -> request.streamName(streamName))
                    .streamDescriptionSummary()
                    .streamStatus();
        } catch (ResourceNotFoundException notVisibleYet) {
            return null; // real Kinesis is eventually consistent right after CreateStream
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a stream", e);
        }
    }
}
