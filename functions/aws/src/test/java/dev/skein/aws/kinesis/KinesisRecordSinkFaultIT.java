package dev.skein.aws.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.skein.aws.AwsClients;
import dev.skein.aws.Backoff;
import dev.skein.aws.FakeRetryClock;
import dev.skein.ingest.RecordSinkUnavailableException;
import dev.skein.ingest.StreamRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * The sink's calls and retry loop as seen on the wire: a {@link FaultInjectingProxy} between the
 * SDK client and a real Kinesis API records every PutRecords call and rejects chosen entries
 * (storing the others) or fails whole calls. Needs {@code -Daws.cborEnabled=false} (set by the module's failsafe
 * configuration).
 */
class KinesisRecordSinkFaultIT {
    private static KinesisTarget target;

    private FaultInjectingProxy proxy;
    private AwsClients clients;
    private String stream;

    @BeforeAll
    static void startKinesis() {
        target = KinesisTarget.start();
    }

    @AfterAll
    static void stopKinesis() {
        if (target != null) {
            target.close();
        }
    }

    @BeforeEach
    void startProxy() throws IOException {
        stream = target.createStream("faults", 2);
        proxy = FaultInjectingProxy.start(target.endpoint());
        clients = target.clientsFor(proxy.endpoint());
    }

    @AfterEach
    void stopProxy() {
        clients.close();
        proxy.close();
    }

    @Test
    void putAll_whenSomeEntriesRejectedTwice_resendsExactlyThoseAndStoresEachOnce()
            throws Exception {
        List<StreamRecord> records = TestRecords.small(300);
        List<String> rejected = keysAt(records, i -> i % 7 == 3);
        Set<String> rejectedSet = Set.copyOf(rejected);
        proxy.rejectEntries((call, key) -> call <= 2 && rejectedSet.contains(key));

        sink(KinesisSinkSettings.defaults()).putAll(records);

        List<FaultInjectingProxy.Call> calls = proxy.putRecordsCalls();
        assertThat(calls).extracting(FaultInjectingProxy.Call::partitionKeys)
                .containsExactly(keys(records), rejected, rejected);
        assertThat(storedInStream()).isEqualTo(eachOnce(records));
    }

    @Test
    void putAll_whenMoreThan500Records_retriesRejectionsWithinTheirOwnBatchOnly()
            throws Exception {
        List<StreamRecord> records = TestRecords.small(1_200);
        // Reject a tenth of the second batch (records 500..999) on its first call.
        List<String> rejected = keysAt(records, i -> i >= 500 && i < 1_000 && i % 10 == 0);
        Set<String> rejectedSet = Set.copyOf(rejected);
        proxy.rejectEntries((call, key) -> call == 2 && rejectedSet.contains(key));

        sink(KinesisSinkSettings.defaults()).putAll(records);

        assertThat(proxy.putRecordsCalls()).extracting(FaultInjectingProxy.Call::partitionKeys)
                .containsExactly(
                        keys(records.subList(0, 500)),
                        keys(records.subList(500, 1_000)),
                        rejected,
                        keys(records.subList(1_000, 1_200)));
        assertThat(storedInStream()).isEqualTo(eachOnce(records));
    }

    @Test
    void putAll_whenWholeCallsFail_resendsTheWholeCallAndStoresEachOnce() throws Exception {
        List<StreamRecord> records = TestRecords.small(50);
        // Two failures outlast the SDK's own attempts (2), so the sink's loop must retry.
        proxy.failWholeCalls(2);

        sink(KinesisSinkSettings.defaults()).putAll(records);

        List<FaultInjectingProxy.Call> calls = proxy.putRecordsCalls();
        assertThat(calls).hasSize(3);
        assertThat(calls).extracting(FaultInjectingProxy.Call::partitionKeys)
                .allSatisfy(keys -> assertThat(keys).isEqualTo(keys(records)));
        assertThat(calls).extracting(FaultInjectingProxy.Call::failedWhole)
                .containsExactly(true, true, false);
        assertThat(storedInStream()).isEqualTo(eachOnce(records));
    }

    @Test
    void putAll_whenEveryEntryIsAlwaysRejected_throwsUnavailableWithRetryAfter() {
        List<StreamRecord> records = TestRecords.small(50);
        proxy.rejectEntries((call, key) -> true);
        KinesisSinkSettings settings = new KinesisSinkSettings(Duration.ofSeconds(1),
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(3));

        RecordSinkUnavailableException thrown = catchThrowableOfType(
                RecordSinkUnavailableException.class, () -> sink(settings).putAll(records));

        assertThat(thrown).isNotNull();
        assertThat(thrown.unstoredRecords()).isEqualTo(50);
        assertThat(thrown.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(thrown).hasMessageContaining("50 of 50 records")
                .hasMessageContaining("ProvisionedThroughputExceededException");
        assertThat(proxy.putRecordsCalls()).isNotEmpty()
                .allSatisfy(call -> assertThat(call.partitionKeys()).isEqualTo(keys(records)));
        assertThat(storedInStream()).isEmpty();
    }

    @Test
    void putAll_whenRejectedUntilTheDeadline_backsOffWithinBoundsAndStopsBeforeIt() {
        List<StreamRecord> records = TestRecords.small(20);
        List<String> rejected = keysAt(records, i -> i % 2 == 0);
        Set<String> rejectedSet = Set.copyOf(rejected);
        proxy.rejectEntries((call, key) -> rejectedSet.contains(key));
        KinesisSinkSettings settings = new KinesisSinkSettings(Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(2));
        FakeRetryClock clock = new FakeRetryClock();

        RecordSinkUnavailableException thrown = catchThrowableOfType(
                RecordSinkUnavailableException.class,
                () -> new KinesisRecordSink(clients.kinesis(), stream, settings, clock)
                        .putAll(records));

        assertThat(thrown).isNotNull();
        assertThat(thrown.unstoredRecords()).isEqualTo(rejected.size());
        assertThat(clock.elapsed()).isLessThan(settings.deadline());
        Backoff backoff = new Backoff(settings.baseBackoff(), settings.maxBackoff());
        List<Duration> sleeps = clock.sleeps();
        for (int attempt = 1; attempt <= sleeps.size(); attempt++) {
            assertThat(sleeps.get(attempt - 1))
                    .isBetween(Duration.ZERO, backoff.ceiling(attempt));
        }
        List<FaultInjectingProxy.Call> calls = proxy.putRecordsCalls();
        assertThat(calls).hasSize(sleeps.size() + 1);
        assertThat(calls.subList(1, calls.size()))
                .allSatisfy(call -> assertThat(call.partitionKeys()).isEqualTo(rejected));
        assertThat(storedInStream()).isEqualTo(eachOnce(records.stream()
                .filter(r -> !rejectedSet.contains(r.partitionKey()))
                .toList()));
    }

    @Test
    void putAll_whenPutRecordsHangs_givesUpAtTheDeadlineWithoutWaitingForTheSocket() {
        List<StreamRecord> records = TestRecords.small(10);
        proxy.stallPutRecords(Duration.ofSeconds(60));
        KinesisSinkSettings settings = KinesisSinkSettings.defaults()
                .withDeadline(Duration.ofSeconds(1));

        RecordSinkUnavailableException thrown = catchThrowableOfType(
                RecordSinkUnavailableException.class, () -> sink(settings).putAll(records));

        assertThat(thrown).isNotNull();
        assertThat(thrown.unstoredRecords()).isEqualTo(10);
        // The call was cut off by the per-call timeout derived from the deadline, not by the
        // HTTP client's socket timeout (5 s).
        assertThat(thrown).hasCauseInstanceOf(ApiCallTimeoutException.class);
    }

    @Test
    void putAll_whenRecordsExceedOneRequestsBytes_keepsEveryCallWithinKinesisLimits()
            throws Exception {
        // kinesis-mock accepts calls over 500 entries or 5 MiB; real Kinesis rejects them whole.
        List<StreamRecord> records = new ArrayList<>(TestRecords.small(600));
        TestRecords.mixed(6, 11).forEach(r -> records.add(
                new StreamRecord(r.partitionKey(), Arrays.copyOf(r.data(), 900_000))));

        sink(KinesisSinkSettings.defaults().withDeadline(Duration.ofSeconds(60))).putAll(records);

        List<FaultInjectingProxy.Call> calls = proxy.putRecordsCalls();
        assertThat(calls).extracting(call -> call.partitionKeys().size())
                .containsExactly(500, 105, 1);
        assertThat(calls).allSatisfy(call -> assertThat(call.billedBytes())
                .isLessThanOrEqualTo(PutRecordsBatches.MAX_REQUEST_BYTES));
        assertThat(storedInStream()).isEqualTo(eachOnce(records));
    }

    private KinesisRecordSink sink(KinesisSinkSettings settings) {
        return new KinesisRecordSink(clients.kinesis(), stream, settings);
    }

    private Map<StoredRecord, Integer> storedInStream() {
        return StreamContents.countByContent(StreamContents.readAll(target.admin(), stream));
    }

    private static Map<StoredRecord, Integer> eachOnce(List<StreamRecord> records) {
        return records.stream()
                .collect(Collectors.toMap(StoredRecord::of, r -> 1, Integer::sum));
    }

    private static List<String> keys(List<StreamRecord> records) {
        return records.stream().map(StreamRecord::partitionKey).toList();
    }

    private static List<String> keysAt(List<StreamRecord> records,
            IntPredicate index) {
        return IntStream.range(0, records.size())
                .filter(index)
                .mapToObj(i -> records.get(i).partitionKey())
                .toList();
    }
}
