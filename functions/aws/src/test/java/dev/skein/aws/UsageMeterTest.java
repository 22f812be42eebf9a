package dev.skein.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageMeterTest {

    @Test
    void snapshot_countsEveryKindOfRequest() {
        UsageMeter meter = new UsageMeter();

        meter.recordDynamoDbRequest("BatchWriteItem", 0, 25);
        meter.recordDynamoDbRequest("Query", 0.5, 0);
        meter.recordDynamoDbRequest("Query", 1.5, 0);
        meter.recordS3Put(1_000);
        meter.recordS3Get(100);
        meter.recordS3Get(0);
        meter.recordSqsRequest(10);

        assertThat(meter.snapshot()).isEqualTo(new UsageSnapshot(25, 2,
                Map.of("BatchWriteItem", 1L, "Query", 2L), 1, 2, 1_000, 100, 1, 10));
    }

    @Test
    void minus_isTheWorkBetweenTwoSnapshots() {
        UsageMeter meter = new UsageMeter();
        meter.recordDynamoDbRequest("Query", 1, 0);
        meter.recordS3Put(10);
        UsageSnapshot before = meter.snapshot();

        meter.recordDynamoDbRequest("TransactWriteItems", 0, 4);
        meter.recordSqsRequest(3);

        UsageSnapshot delta = meter.snapshot().minus(before);
        assertThat(delta).isEqualTo(new UsageSnapshot(4, 0,
                Map.of("TransactWriteItems", 1L), 0, 0, 0, 0, 1, 3));
        assertThat(delta.dynamoDbRequests("Query")).isZero();
        assertThat(delta.dynamoDbRequestCount()).isEqualTo(1);
    }

    @Test
    void snapshot_isImmutable() {
        UsageMeter meter = new UsageMeter();
        UsageSnapshot empty = meter.snapshot();

        meter.recordDynamoDbRequest("Query", 1, 0);

        assertThat(empty).isEqualTo(UsageSnapshot.ZERO);
    }

    @Test
    void record_fromManyThreads_losesNothing() throws InterruptedException {
        UsageMeter meter = new UsageMeter();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    meter.recordDynamoDbRequest("BatchWriteItem", 0, 0.5);
                    meter.recordS3Get(3);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        UsageSnapshot snapshot = meter.snapshot();
        assertThat(snapshot.dynamoDbWriteUnits()).isEqualTo(40_000.0);
        assertThat(snapshot.dynamoDbRequests("BatchWriteItem")).isEqualTo(80_000);
        assertThat(snapshot.s3BytesRead()).isEqualTo(240_000);
    }
}
