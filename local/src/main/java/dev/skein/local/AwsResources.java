package dev.skein.local;

import java.util.Objects;
import java.util.Optional;

/**
 * The write path's resources as the clients address them.
 *
 * @param streamFailureQueueUrl where the span stream's poller sends Lambda's failure record for a
 *     batch it gave up on; empty against real AWS, where the deployed event source mapping has
 *     its own destination and skein-local only logs
 */
record AwsResources(String stream, String table, String bucket, String timerQueueUrl,
        Optional<String> streamFailureQueueUrl) {
    AwsResources {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(timerQueueUrl, "timerQueueUrl");
        Objects.requireNonNull(streamFailureQueueUrl, "streamFailureQueueUrl");
    }
}
