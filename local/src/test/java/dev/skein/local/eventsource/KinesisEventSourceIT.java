package dev.skein.local.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.skein.emulators.KinesisEmulator;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** The Kinesis poller against the Kinesis emulator, one emulator for the class. */
class KinesisEventSourceIT {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05.678Z");

    private static KinesisEmulator emulator;
    private static KinesisClient client;
    private static final AtomicInteger streams = new AtomicInteger();

    @BeforeAll
    static void startKinesis() {
        emulator = KinesisEmulator.start();
        client = emulator.kinesisClient();
    }

    @AfterAll
    static void stopKinesis() {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void start_whenRecordsInTwoShards_deliversEachShardInOrderWithLambdasFields() throws Exception {
        String stream = newStream(2);
        Instant before = Instant.now().minusSeconds(1);
        List<Put> puts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            puts.add(put(stream, "key-" + (i % 8), "record-" + i));
        }
        Instant after = Instant.now().plusSeconds(1);
        Recorder handler = new Recorder(event -> null);

        try (KinesisEventSource source = source(settings(stream).withBatchSize(7), handler, failed -> { })) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();

            assertThat(source.checkpoints()).isEqualTo(puts.stream().collect(Collectors.toMap(
                    Put::shardId, Put::sequenceNumber, (a, b) -> b)));
            EventSourceStats stats = source.stats();
            assertThat(stats.records()).isEqualTo(40);
            assertThat(stats.acknowledgedRecords()).isEqualTo(40);
            assertThat(stats.batches()).isEqualTo(handler.batches.size());
            assertThat(stats.failedBatches()).isZero();
        }

        assertThat(puts.stream().map(Put::shardId).distinct()).hasSize(2);
        for (List<KinesisEventRecord> batch : handler.batches) {
            assertThat(batch).hasSizeBetween(1, 7);
            assertThat(batch.stream().map(KinesisEventSourceIT::shardOf).distinct()).hasSize(1);
        }
        Map<String, List<String>> deliveredByShard = handler.records().stream().collect(
                Collectors.groupingBy(KinesisEventSourceIT::shardOf,
                        Collectors.mapping(r -> r.getKinesis().getSequenceNumber(), Collectors.toList())));
        Map<String, List<String>> putByShard = puts.stream().collect(Collectors.groupingBy(
                Put::shardId, Collectors.mapping(Put::sequenceNumber, Collectors.toList())));
        assertThat(deliveredByShard).isEqualTo(putByShard);
        deliveredByShard.values().forEach(seqs -> assertThat(seqs)
                .isSortedAccordingTo((a, b) -> new BigInteger(a).compareTo(new BigInteger(b))));

        String streamArn = client.describeStreamSummary(r -> r.streamName(stream))
                .streamDescriptionSummary().streamARN();
        Map<String, Put> putBySequence = puts.stream()
                .collect(Collectors.toMap(Put::sequenceNumber, p -> p));
        for (KinesisEventRecord r : handler.records()) {
            Put p = putBySequence.get(r.getKinesis().getSequenceNumber());
            assertThat(r.getEventSource()).isEqualTo("aws:kinesis");
            assertThat(r.getEventSourceARN()).isEqualTo(streamArn);
            assertThat(r.getEventID()).isEqualTo(p.shardId() + ":" + p.sequenceNumber());
            assertThat(r.getEventName()).isEqualTo("aws:kinesis:record");
            assertThat(r.getEventVersion()).isEqualTo("1.0");
            assertThat(r.getAwsRegion()).isEqualTo("us-east-1");
            assertThat(r.getInvokeIdentityArn()).startsWith("arn:aws:iam::").endsWith(":role/skein-local");
            assertThat(r.getKinesis().getKinesisSchemaVersion()).isEqualTo("1.0");
            assertThat(r.getKinesis().getPartitionKey()).isEqualTo(p.partitionKey());
            assertThat(text(r)).isEqualTo(p.data());
            assertThat(r.getKinesis().getEncryptionType()).isNull();
            assertThat(r.getKinesis().getApproximateArrivalTimestamp().toInstant())
                    .isBetween(before, after);
        }
    }

    @Test
    void handler_whenItReportsItemFailures_getsTheLowestFailedRecordAndAllAfterItAgain() throws Exception {
        String stream = newStream(1);
        List<Put> puts = putAll(stream, "k", "r", 10);
        AtomicBoolean failedOnce = new AtomicBoolean();
        Recorder handler = new Recorder(event -> failedOnce.compareAndSet(false, true)
                ? failures(sequenceOf(event, "r7"), sequenceOf(event, "r4"))
                : StreamsEventResponse.builder().withBatchItemFailures(List.of()).build());

        try (KinesisEventSource source = source(settings(stream), handler, failed -> { })) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();

            EventSourceStats stats = source.stats();
            assertThat(stats.batches()).isEqualTo(2);
            assertThat(stats.failedBatches()).isEqualTo(1);
            assertThat(stats.failedRecords()).isEqualTo(2);
            assertThat(stats.acknowledgedRecords()).isEqualTo(10);
            assertThat(source.checkpoints()).containsEntry(puts.get(0).shardId(), puts.get(9).sequenceNumber());
        }

        assertThat(handler.batchTexts()).containsExactly(
                List.of("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"),
                List.of("r4", "r5", "r6", "r7", "r8", "r9"));
    }

    @Test
    void handler_whenItThrows_getsTheSameBatchAgain() throws Exception {
        String stream = newStream(1);
        putAll(stream, "k", "r", 5);
        AtomicBoolean thrown = new AtomicBoolean();
        Recorder handler = new Recorder(event -> {
            if (thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("boom");
            }
            return null;
        });

        try (KinesisEventSource source = source(settings(stream), handler, failed -> { })) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();
            assertThat(source.stats().failedBatches()).isEqualTo(1);
            assertThat(source.stats().failedRecords()).isEqualTo(5);
        }

        assertThat(handler.batches).hasSize(2);
        assertThat(eventIds(handler.batches.get(1))).isEqualTo(eventIds(handler.batches.get(0)));
        assertThat(handler.batchTexts().get(0)).containsExactly("r0", "r1", "r2", "r3", "r4");
    }

    @Test
    void retries_whenExhaustedOnAnItemFailure_sendTheBatchToOnFailureAndLaterRecordsStillArrive()
            throws Exception {
        String stream = newStream(1);
        List<Put> puts = putAll(stream, "k", "r", 6);
        Recorder handler = new Recorder(event -> {
            String poison = sequenceOf(event, "r2");
            return poison == null ? null : failures(poison);
        });
        List<FailedBatch> failedBatches = new CopyOnWriteArrayList<>();

        try (KinesisEventSource source = source(settings(stream).withMaxRetryAttempts(2), handler,
                failedBatches::add)) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();
            List<Put> later = putAll(stream, "k", "later", 3);
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();

            assertThat(source.checkpoints()).containsEntry(puts.get(0).shardId(), later.get(2).sequenceNumber());
            assertThat(source.stats().discardedRecords()).isEqualTo(4);
        }

        assertThat(handler.batchTexts()).containsExactly(
                List.of("r0", "r1", "r2", "r3", "r4", "r5"),
                List.of("r2", "r3", "r4", "r5"),
                List.of("r2", "r3", "r4", "r5"),
                List.of("later0", "later1", "later2"));
        assertThat(failedBatches).hasSize(1);
        FailedBatch failed = failedBatches.get(0);
        String streamArn = client.describeStreamSummary(r -> r.streamName(stream))
                .streamDescriptionSummary().streamARN();
        assertThat(failed.streamArn()).isEqualTo(streamArn);
        assertThat(failed.shardId()).isEqualTo(puts.get(2).shardId());
        assertThat(failed.startSequenceNumber()).isEqualTo(puts.get(2).sequenceNumber());
        assertThat(failed.endSequenceNumber()).isEqualTo(puts.get(5).sequenceNumber());
        assertThat(failed.batchSize()).isEqualTo(4);
        assertThat(failed.failedSequenceNumbers()).containsExactly(puts.get(2).sequenceNumber());
        assertThat(failed.approximateInvokeCount()).isEqualTo(3);
        assertThat(failed.functionError()).isEmpty();
        assertThat(failed.reason()).isEqualTo("the handler reported 1 of 4 records as failed");
        assertThat(failed.timestamp()).isEqualTo(NOW);
        assertThat(failed.functionArn()).startsWith("arn:aws:lambda:us-east-1:").endsWith(":function:skein-local");
        assertThat(failed.toJson())
                .contains("\"condition\":\"RetryAttemptsExhausted\"")
                .contains("\"startSequenceNumber\":\"" + puts.get(2).sequenceNumber() + "\"")
                .contains("\"streamArn\":\"" + streamArn + "\"")
                .doesNotContain("functionError");
    }

    @Test
    void retries_whenExhaustedOnAThrow_sendTheWholeBatchToOnFailureAndMoveOn() throws Exception {
        String stream = newStream(1);
        List<Put> puts = putAll(stream, "k", "r", 8);
        Recorder handler = new Recorder(event -> {
            if (sequenceOf(event, "r4") != null) {
                throw new IllegalArgumentException("cannot handle r4");
            }
            return null;
        });
        List<FailedBatch> failedBatches = new CopyOnWriteArrayList<>();

        try (KinesisEventSource source = source(settings(stream).withBatchSize(3).withMaxRetryAttempts(1),
                handler, failedBatches::add)) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();
        }

        assertThat(handler.batchTexts()).containsExactly(
                List.of("r0", "r1", "r2"),
                List.of("r3", "r4", "r5"),
                List.of("r3", "r4", "r5"),
                List.of("r6", "r7"));
        assertThat(failedBatches).singleElement().satisfies(failed -> {
            assertThat(failed.startSequenceNumber()).isEqualTo(puts.get(3).sequenceNumber());
            assertThat(failed.endSequenceNumber()).isEqualTo(puts.get(5).sequenceNumber());
            assertThat(failed.failedSequenceNumbers()).containsExactly(puts.get(3).sequenceNumber(),
                    puts.get(4).sequenceNumber(), puts.get(5).sequenceNumber());
            assertThat(failed.approximateInvokeCount()).isEqualTo(2);
            assertThat(failed.functionError()).contains("Unhandled");
            assertThat(failed.reason()).isEqualTo("the handler threw java.lang.IllegalArgumentException");
            assertThat(failed.toJson()).contains("\"functionError\":\"Unhandled\"");
        });
    }

    @Test
    void onFailure_whenTheDestinationThrows_keepsTheRecordsAndOffersThemAgain() throws Exception {
        String stream = newStream(1);
        putAll(stream, "k", "r", 3);
        Recorder handler = new Recorder(event -> {
            String poison = sequenceOf(event, "r1");
            return poison == null ? null : failures(poison);
        });
        List<FailedBatch> offered = new CopyOnWriteArrayList<>();
        Consumer<FailedBatch> flaky = failed -> {
            offered.add(failed);
            if (offered.size() == 1) {
                throw new IllegalStateException("destination down");
            }
        };

        try (KinesisEventSource source = source(settings(stream).withMaxRetryAttempts(0), handler, flaky)) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();
            assertThat(source.stats().pollErrors()).isEqualTo(1);
            assertThat(source.stats().discardedRecords()).isEqualTo(2);
        }

        assertThat(offered).hasSize(2);
        assertThat(offered.get(1).startSequenceNumber()).isEqualTo(offered.get(0).startSequenceNumber());
        assertThat(handler.batchTexts()).containsExactly(List.of("r0", "r1", "r2"));
    }

    @Test
    void start_whenLatest_skipsRecordsAlreadyInTheStreamAndReadsThoseAddedOnceStartReturns() throws Exception {
        String stream = newStream(2);
        putAll(stream, "old", "old", 3);
        Recorder handler = new Recorder(event -> null);

        try (KinesisEventSource source = source(settings(stream)
                .withStartingPosition(StartingPosition.LATEST), handler, failed -> { })) {
            source.start();
            putAll(stream, "new", "new", 3);
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();
        }

        assertThat(handler.texts()).containsExactly("new0", "new1", "new2");
    }

    @Test
    void reshard_whenAShardIsSplit_drainsTheParentThenReadsTheChildrenInKeyOrder() throws Exception {
        String stream = newStream(1);
        List<Put> before = putAll(stream, "trace-a", "a", 5);
        Recorder handler = new Recorder(event -> null);

        try (KinesisEventSource source = source(settings(stream).withBatchSize(2), handler, failed -> { })) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();
            String parent = before.get(0).shardId();
            client.splitShard(r -> r.streamName(stream).shardToSplit(parent)
                    .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
            awaitActive(stream);
            List<Put> after = new ArrayList<>();
            for (int i = 5; i < 10; i++) {
                after.add(put(stream, "trace-a", "a" + i));
                after.add(put(stream, "trace-b", "b" + i));
            }
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();

            assertThat(after.stream().map(Put::shardId)).doesNotContain(parent);
            assertThat(source.checkpoints()).containsEntry(parent, before.get(4).sequenceNumber());
            assertThat(source.checkpoints()).hasSize(3);
        }

        List<String> texts = handler.texts();
        assertThat(texts.stream().filter(t -> t.startsWith("a")))
                .containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9");
        assertThat(texts.stream().filter(t -> t.startsWith("b")))
                .containsExactly("b5", "b6", "b7", "b8", "b9");
    }

    @Test
    void reshard_whenSplitBeforeStart_readsTheParentToItsEndBeforeTheChildren() throws Exception {
        String stream = newStream(1);
        List<Put> parentRecords = putAll(stream, "trace-a", "a", 6);
        String parent = parentRecords.get(0).shardId();
        client.splitShard(r -> r.streamName(stream).shardToSplit(parent)
                .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
        awaitActive(stream);
        List<Put> childRecords = new ArrayList<>();
        for (int i = 6; i < 12; i++) {
            childRecords.add(put(stream, "trace-a", "a" + i));
        }
        // Slow batches of 2: a child read in parallel with its parent would overtake it.
        Recorder handler = new Recorder(event -> {
            sleep(Duration.ofMillis(30));
            return null;
        });

        try (KinesisEventSource source = source(settings(stream).withBatchSize(2), handler, failed -> { })) {
            source.start();
            assertThat(source.awaitIdle(IDLE_TIMEOUT)).isTrue();
        }

        assertThat(childRecords.stream().map(Put::shardId)).doesNotContain(parent);
        assertThat(handler.texts()).containsExactly(
                "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11");
    }

    @Test
    void close_whenABatchIsInFlight_waitsForItAndStopsPolling() throws Exception {
        String stream = newStream(1);
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean completed = new AtomicBoolean();
        Recorder handler = new Recorder(event -> {
            entered.countDown();
            sleep(Duration.ofMillis(700));
            completed.set(true);
            return null;
        });
        KinesisEventSource source = source(settings(stream), handler, failed -> { });
        source.start();
        putAll(stream, "k", "r", 1);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        source.close();

        assertThat(completed).isTrue();
        putAll(stream, "k", "after-close", 1);
        sleep(Duration.ofMillis(300));
        assertThat(handler.batches).hasSize(1);
        assertThat(source.awaitIdle(Duration.ofMillis(10))).isFalse();
    }

    // --- helpers ---

    private record Put(String partitionKey, String data, String shardId, String sequenceNumber) {
    }

    /** Records every batch it is given, then answers as {@code answer} says. */
    private static final class Recorder implements Function<KinesisEvent, StreamsEventResponse> {
        final List<List<KinesisEventRecord>> batches = new CopyOnWriteArrayList<>();
        private final Function<KinesisEvent, StreamsEventResponse> answer;

        Recorder(Function<KinesisEvent, StreamsEventResponse> answer) {
            this.answer = answer;
        }

        @Override
        public StreamsEventResponse apply(KinesisEvent event) {
            batches.add(List.copyOf(event.getRecords()));
            return answer.apply(event);
        }

        List<KinesisEventRecord> records() {
            return batches.stream().flatMap(List::stream).toList();
        }

        List<String> texts() {
            return records().stream().map(KinesisEventSourceIT::text).toList();
        }

        List<List<String>> batchTexts() {
            return batches.stream().map(b -> b.stream().map(KinesisEventSourceIT::text).toList()).toList();
        }
    }

    private static KinesisEventSourceSettings settings(String stream) {
        return KinesisEventSourceSettings.defaults(stream)
                .withPollInterval(Duration.ofMillis(50))
                .withShardSyncInterval(Duration.ofSeconds(1))
                .withRetryDelay(Duration.ofMillis(20))
                .withParallelism(4);
    }

    private static KinesisEventSource source(KinesisEventSourceSettings settings,
            Function<KinesisEvent, StreamsEventResponse> handler, Consumer<FailedBatch> onFailure) {
        return new KinesisEventSource(client, settings, handler, onFailure, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String newStream(int shards) {
        String name = "events-" + streams.incrementAndGet();
        emulator.createStream(name, shards);
        return name;
    }

    private static Put put(String stream, String partitionKey, String data) {
        PutRecordResponse response = client.putRecord(r -> r.streamName(stream).partitionKey(partitionKey)
                .data(SdkBytes.fromString(data, StandardCharsets.UTF_8)));
        return new Put(partitionKey, data, response.shardId(), response.sequenceNumber());
    }

    private static List<Put> putAll(String stream, String partitionKey, String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> put(stream, partitionKey, prefix + i)).toList();
    }

    private static void awaitActive(String stream) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                .streamStatus() != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime() - deadline).as("stream ACTIVE in time").isNegative();
            Thread.sleep(50);
        }
    }

    private static String text(KinesisEventRecord r) {
        ByteBuffer data = r.getKinesis().getData().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String shardOf(KinesisEventRecord r) {
        return r.getEventID().substring(0, r.getEventID().indexOf(':'));
    }

    private static List<String> eventIds(List<KinesisEventRecord> batch) {
        return batch.stream().map(KinesisEventRecord::getEventID).toList();
    }

    /** The sequence number of the record whose data is {@code text}, or null when not in the event. */
    private static String sequenceOf(KinesisEvent event, String text) {
        return event.getRecords().stream().filter(r -> text(r).equals(text))
                .map(r -> r.getKinesis().getSequenceNumber()).findFirst().orElse(null);
    }

    private static StreamsEventResponse failures(String... sequenceNumbers) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String s : sequenceNumbers) {
            failures.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(s).build());
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
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
