package dev.skein.aws;

import dev.skein.storage.StorageException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sends a batch until the service has accepted every entry: batch APIs (DynamoDB
 * BatchWriteItem, SQS SendMessageBatch) accept some entries of a call and hand the others back,
 * so only those are sent again, after capped, jittered backoff. A call that fails as a whole
 * with a transient error counts as every entry handed back; any other error ends the loop at
 * once. After {@link RetrySettings#maxAttempts} calls the loop gives up with a {@link
 * StorageException}, so a caller is never held longer than its retry budget.
 *
 * <p>Every write this is used for is idempotent (deterministic keys, or timers whose duplicates
 * the finalizer ignores), so re-sending an entry whose acceptance was lost is harmless.
 */
public final class BatchRetry {
    private final RetrySettings settings;
    private final RetryClock clock;
    private final Backoff backoff;

    public BatchRetry(RetrySettings settings, RetryClock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new Backoff(settings.baseBackoff(), settings.maxBackoff());
    }

    /** One call of a batch API. */
    @FunctionalInterface
    public interface Call<T> {
        /**
         * Sends {@code pending} in one request.
         *
         * @return the entries the service did not accept, and why
         * @throws SdkException when the call failed as a whole
         * @throws StorageException for an entry the service will never accept; ends the loop
         */
        Rejected<T> send(List<T> pending);
    }

    /** Entries a call handed back, and the last reason the service gave (may be null). */
    public record Rejected<T>(List<T> entries, String reason) {
        public Rejected {
            entries = List.copyOf(entries);
        }

        public static <T> Rejected<T> none() {
            return new Rejected<>(List.of(), null);
        }
    }

    /**
     * Sends {@code entries} (already cut to the API's batch size) until all are accepted.
     *
     * @param what names the batch in an error message, e.g. "items to DynamoDB table spans"
     * @throws StorageException when entries are still rejected after the last attempt, or a
     *     call fails with an error that retrying cannot fix; the message says how many
     */
    public <T> void sendAll(List<T> entries, String what, Call<T> call) {
        List<T> pending = entries;
        for (int attempt = 1; ; attempt++) {
            Rejected<T> rejected;
            SdkException callError = null;
            try {
                rejected = call.send(pending);
            } catch (SdkException e) {
                if (!SdkErrors.isTransient(e)) {
                    throw new StorageException(pending.size() + " of " + entries.size() + " "
                            + what + " not written: " + describe(e) + " (not retried)", e);
                }
                rejected = new Rejected<>(pending, describe(e));
                callError = e;
            }
            if (rejected.entries().isEmpty()) {
                return;
            }
            if (attempt >= settings.maxAttempts()) {
                throw new StorageException(rejected.entries().size() + " of " + entries.size()
                        + " " + what + " not written after " + attempt + " attempts; last error: "
                        + (rejected.reason() == null ? "entries handed back unprocessed"
                                : rejected.reason()), callError);
            }
            Duration delay = backoff.delay(attempt, ThreadLocalRandom.current().nextDouble());
            try {
                clock.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(rejected.entries().size() + " of " + entries.size()
                        + " " + what + " not written: interrupted while backing off", e);
            }
            pending = rejected.entries();
        }
    }

    static String describe(SdkException error) {
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
