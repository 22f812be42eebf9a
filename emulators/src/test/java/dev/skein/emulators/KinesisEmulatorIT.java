package dev.skein.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

class KinesisEmulatorIT {

    @Test
    void start_whenStreamCreated_roundTripsARecordAndStopsOnClose() throws Exception {
        String host;
        int port;
        try (KinesisEmulator emulator = KinesisEmulator.start();
                KinesisClient client = emulator.kinesisClient()) {
            host = emulator.endpoint().getHost();
            port = emulator.endpoint().getPort();
            emulator.createStream("round-trip", 1);

            PutRecordResponse put = client.putRecord(request -> request
                    .streamName("round-trip")
                    .partitionKey("tenant-a/trace-1")
                    .data(SdkBytes.fromString("hello", StandardCharsets.UTF_8)));

            String iterator = client.getShardIterator(request -> request
                    .streamName("round-trip")
                    .shardId(put.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            GetRecordsResponse got = client.getRecords(request -> request.shardIterator(iterator));

            List<Record> records = got.records();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).partitionKey()).isEqualTo("tenant-a/trace-1");
            assertThat(records.get(0).data().asUtf8String()).isEqualTo("hello");
            assertThat(records.get(0).sequenceNumber()).isEqualTo(put.sequenceNumber());
            assertThat(emulator.logFile()).exists();
        }

        assertThatThrownBy(() -> connect(host, port)).isInstanceOf(ConnectException.class);
    }

    @Test
    void createStream_whenTwoShards_listsBothShards() {
        try (KinesisEmulator emulator = KinesisEmulator.start();
                KinesisClient client = emulator.kinesisClient()) {
            emulator.createStream("two-shards", 2);

            assertThat(client.listShards(request -> request.streamName("two-shards")).shards())
                    .hasSize(2);
        }
    }

    private static void connect(String host, int port) throws IOException {
        new Socket(host, port).close(); // succeeds only while something listens there
    }
}
