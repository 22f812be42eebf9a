package dev.skein.local.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** {@link ShardConsumer} rounds driven by hand against {@link FakeShard}. */
class ShardConsumerTest {
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

    private final FakeShard shard = new FakeShard();
    private final List<List<String>> batches = new ArrayList<>();
    private final List<FailedBatch> discarded = new ArrayList<>();
    private final Counters counters = new Counters();

    @Test
    void round_whenRecordsExceedTheInvocationPayload_cutsTheBatchBelow6MB() {
        for (int i = 0; i < 6; i++) {
            shard.add(SdkBytes.fromByteArray(new byte[1_000_000]));
        }
        ShardConsumer consumer = consumer(settings(), event -> null);

        consumer.round();
        consumer.round();

        // Base64 makes each record about 1.33 MB in the payload: four fit under 6 MB, five do not.
        assertThat(batches).extracting(List::size).containsExactly(4, 2);
        assertThat(consumer.checkpoint()).isEqualTo("105");
    }

    @Test
    void round_whenTheIteratorExpired_resumesAfterTheLastRecordRead() {
        shard.add("a");
        shard.add("b");
        ShardConsumer consumer = consumer(settings(), event -> null);
        consumer.round();
        shard.add("c");
        shard.expireNextGetRecords();

        assertThat(consumer.round()).isZero();
        consumer.round();

        assertThat(batches).containsExactly(List.of("a", "b"), List.of("c"));
        assertThat(shard.iteratorRequests).extracting(r -> r.shardIteratorType())
                .containsExactly(ShardIteratorType.TRIM_HORIZON, ShardIteratorType.AFTER_SEQUENCE_NUMBER);
        assertThat(shard.iteratorRequests.get(1).startingSequenceNumber()).isEqualTo("101");
    }

    @Test
    void round_whenTheBatchingWindowIsNotOver_waitsUntilTheBatchIsFull() {
        shard.add("a");
        shard.add("b");
        ShardConsumer consumer = consumer(settings().withBatchSize(3)
                .withMaxBatchingWindow(Duration.ofSeconds(300)), event -> null);

        long delay = consumer.round();

        assertThat(batches).isEmpty();
        assertThat(delay).isEqualTo(100); // the poll interval: the window has minutes left
        shard.add("c");
        consumer.round();
        assertThat(batches).containsExactly(List.of("a", "b", "c"));
    }

    @Test
    void round_whenTheShardIsClosed_invokesWithoutWaitingForTheWindowThenFinishes() {
        shard.add("a");
        shard.close(true);
        ShardConsumer consumer = consumer(settings().withMaxBatchingWindow(Duration.ofSeconds(300)),
                event -> null);

        long first = consumer.round();
        long second = consumer.round();

        assertThat(batches).containsExactly(List.of("a"));
        assertThat(first).isZero();
        assertThat(second).isEqualTo(ShardConsumer.FINISHED);
        assertThat(consumer.state()).isEqualTo(ShardConsumer.State.FINISHED);
        assertThat(consumer.idleSince(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void round_whenTheResponseNamesAnUnknownItem_redeliversTheWholeBatch() {
        shard.add("a");
        shard.add("b");
        ShardConsumer consumer = consumer(settings(), event -> batches.size() == 1
                ? failures("no-such-sequence-number") : null);

        consumer.round();
        consumer.round();

        assertThat(batches).containsExactly(List.of("a", "b"), List.of("a", "b"));
        assertThat(counters.snapshot().failedRecords()).isEqualTo(2);
    }

    @Test
    void round_whenAnItemIdentifierIsEmpty_redeliversTheWholeBatch() {
        shard.add("a");
        shard.add("b");
        ShardConsumer consumer = consumer(settings(), event -> batches.size() == 1 ? failures("") : null);

        consumer.round();
        consumer.round();

        assertThat(batches).containsExactly(List.of("a", "b"), List.of("a", "b"));
    }

    @Test
    void round_whenRetriesAreUnlimited_neverGivesUp() {
        shard.add("a");
        ShardConsumer consumer = consumer(settings().withMaxRetryAttempts(-1), event -> {
            throw new IllegalStateException("always");
        });

        for (int i = 0; i < 50; i++) {
            assertThat(consumer.round()).isEqualTo(0); // the retry delay, zero here
        }

        assertThat(batches).hasSize(50).allSatisfy(b -> assertThat(b).containsExactly("a"));
        assertThat(discarded).isEmpty();
        assertThat(consumer.checkpoint()).isNull();
        assertThat(consumer.idleSince(0)).isFalse();
    }

    @Test
    void round_whenRetryingAFailedBatch_doesNotReadNewRecordsIntoIt() {
        shard.add("a");
        ShardConsumer consumer = consumer(settings(), event -> batches.size() == 1 ? failures("100") : null);
        consumer.round();
        shard.add("b");
        int readsBefore = shard.getRecordsCalls;

        consumer.round();

        assertThat(shard.getRecordsCalls).isEqualTo(readsBefore);
        assertThat(batches).containsExactly(List.of("a"), List.of("a"));
        consumer.round();
        assertThat(batches).containsExactly(List.of("a"), List.of("a"), List.of("b"));
    }

    @Test
    void round_whenALaterRecordFailsAfterProgress_countsItsAttemptsFromItsFirstFailure() {
        for (String s : List.of("a", "b", "c")) {
            shard.add(s);
        }
        // "b" fails every time; with 1 retry it is delivered twice, then given up on.
        ShardConsumer consumer = consumer(settings().withMaxRetryAttempts(1), event -> failures("101"));

        consumer.round();
        consumer.round();

        assertThat(batches).containsExactly(List.of("a", "b", "c"), List.of("b", "c"));
        assertThat(discarded).singleElement().satisfies(f -> {
            assertThat(f.startSequenceNumber()).isEqualTo("101");
            assertThat(f.endSequenceNumber()).isEqualTo("102");
            assertThat(f.failedSequenceNumbers()).containsExactly("101");
            assertThat(f.approximateInvokeCount()).isEqualTo(2);
            assertThat(f.approximateArrivalOfFirstRecord()).isEqualTo(Instant.parse("2025-01-01T00:00:01Z"));
        });
        assertThat(consumer.checkpoint()).isEqualTo("102");
        EventSourceStats stats = counters.snapshot();
        assertThat(stats.acknowledgedRecords()).isEqualTo(1);
        assertThat(stats.discardedRecords()).isEqualTo(2);
    }

    private ShardConsumer consumer(KinesisEventSourceSettings settings,
            Function<KinesisEvent, StreamsEventResponse> answer) {
        Function<KinesisEvent, StreamsEventResponse> handler = event -> {
            batches.add(event.getRecords().stream().map(r -> StandardCharsets.UTF_8
                    .decode(r.getKinesis().getData()).toString()).toList());
            return answer.apply(event);
        };
        ShardContext ctx = new ShardContext(shard, settings, STREAM_ARN,
                "arn:aws:lambda:us-east-1:000000000000:function:f",
                new KinesisEvents(STREAM_ARN, "us-east-1", "arn:aws:iam::000000000000:role/f"),
                handler, discarded::add, counters, new IdleTracker(),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> false);
        ShardConsumer consumer = new ShardConsumer(ctx, "shardId-000000000000", List.of(),
                ShardIteratorType.TRIM_HORIZON);
        consumer.markRunning();
        return consumer;
    }

    private static KinesisEventSourceSettings settings() {
        return KinesisEventSourceSettings.defaults("s")
                .withPollInterval(Duration.ofMillis(100))
                .withRetryDelay(Duration.ZERO);
    }

    private static StreamsEventResponse failures(String... ids) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String id : ids) {
            failures.add(new StreamsEventResponse.BatchItemFailure(id));
        }
        return new StreamsEventResponse(failures);
    }
}
