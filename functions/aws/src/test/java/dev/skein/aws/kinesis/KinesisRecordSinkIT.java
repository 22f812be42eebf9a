package dev.skein.aws.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.skein.aws.AwsClients;
import dev.skein.aws.FakeRetryClock;
import dev.skein.ingest.RecordSinkUnavailableException;
import dev.skein.ingest.StreamRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sink against a real Kinesis API: the emulator, or SKEIN_AWS_ENDPOINT when set. */
class KinesisRecordSinkIT {
    private static KinesisTarget target;
    private static AwsClients clients;

    @BeforeAll
    static void startKinesis() {
        target = KinesisTarget.start();
        clients = target.clientsFor(target.endpoint());
    }

    @AfterAll
    static void stopKinesis() {
        if (clients != null) {
            clients.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void putAll_when1200MixedRecords_storesEveryRecordExactlyOnce() throws Exception {
        String stream = target.createStream("mixed", 4);
        List<StreamRecord> records = TestRecords.mixed(1_200, 7);
        KinesisRecordSink sink = new KinesisRecordSink(clients.kinesis(), stream,
                KinesisSinkSettings.defaults().withDeadline(Duration.ofSeconds(60)));

        sink.putAll(records);

        assertThat(StreamContents.countByContent(StreamContents.readAll(target.admin(), stream)))
                .isEqualTo(eachOnce(records));
    }

    @Test
    void putAll_whenStreamDoesNotExist_failsAtOnceWithRetryAfter() {
        List<StreamRecord> records = TestRecords.small(10);
        KinesisSinkSettings settings = KinesisSinkSettings.defaults()
                .withRetryAfter(Duration.ofSeconds(7));
        KinesisRecordSink sink = new KinesisRecordSink(clients.kinesis(), "no-such-stream",
                settings, new FakeRetryClock());

        RecordSinkUnavailableException thrown = catchThrowableOfType(
                RecordSinkUnavailableException.class, () -> sink.putAll(records));

        assertThat(thrown).isNotNull();
        assertThat(thrown.unstoredRecords()).isEqualTo(10);
        assertThat(thrown.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(thrown).hasMessageContaining("10 of 10 records")
                .hasMessageContaining("ResourceNotFoundException")
                .hasMessageContaining("after 1 attempt");
    }

    private static Map<StoredRecord, Integer> eachOnce(List<StreamRecord> records) {
        return records.stream()
                .collect(Collectors.toMap(StoredRecord::of, r -> 1, Integer::sum));
    }
}
