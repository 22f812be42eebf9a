package dev.skein.aws.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.ingest.StreamRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PutRecordsBatchesTest {
    private static final int MIB = 1024 * 1024;

    @Test
    void split_whenEmpty_returnsNoBatches() {
        assertThat(PutRecordsBatches.split(List.of())).isEmpty();
    }

    @Test
    void split_when1200SmallRecords_cutsAt500Entries() {
        List<StreamRecord> records = records(1_200, 100);

        List<List<StreamRecord>> batches = PutRecordsBatches.split(records);

        assertThat(batches).extracting(List::size).containsExactly(500, 500, 200);
        assertThat(flatten(batches)).isEqualTo(records);
    }

    @Test
    void split_whenExactly500Records_returnsOneBatch() {
        assertThat(PutRecordsBatches.split(records(500, 10)))
                .extracting(List::size).containsExactly(500);
    }

    @Test
    void split_whenRequestWouldExceed5MiB_startsANewBatchBeforeTheOverflowingRecord() {
        // Six records of exactly 1 MiB billed: five fill a request to the byte, the sixth spills.
        List<StreamRecord> records = records(6, MIB - "key-0".length());

        List<List<StreamRecord>> batches = PutRecordsBatches.split(records);

        assertThat(batches).extracting(List::size).containsExactly(5, 1);
        assertThat(batches.get(0).stream().mapToLong(StreamRecord::billedSize).sum())
                .isEqualTo(5L * MIB);
    }

    @Test
    void split_whenBytesBindBeforeEntries_keepsEveryBatchWithinBothLimits() {
        // 12 KiB records: the 5 MiB limit binds at 426 entries, before the 500-entry limit.
        List<StreamRecord> records = records(1_000, 12 * 1024);

        List<List<StreamRecord>> batches = PutRecordsBatches.split(records);

        assertThat(batches).allSatisfy(batch -> {
            assertThat(batch.size()).isLessThanOrEqualTo(500);
            assertThat(batch.stream().mapToLong(StreamRecord::billedSize).sum())
                    .isLessThanOrEqualTo(5L * MIB);
        });
        assertThat(batches.get(0)).hasSize(426);
        assertThat(flatten(batches)).isEqualTo(records);
    }

    @Test
    void split_whenLargeRecordsComeFirst_cutsByBytesThenByEntries() {
        List<StreamRecord> records = new ArrayList<>();
        records.addAll(records(5, MIB - "key-0".length()));
        records.addAll(records(600, 10));

        List<List<StreamRecord>> batches = PutRecordsBatches.split(records);

        assertThat(batches).extracting(List::size).containsExactly(5, 500, 100);
        assertThat(flatten(batches)).isEqualTo(records);
    }

    @Test
    void split_whenARecordExceeds1MiB_rejectsIt() {
        List<StreamRecord> records = List.of(new StreamRecord("k", new byte[MIB]));

        assertThatThrownBy(() -> PutRecordsBatches.split(records))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record 0");
    }

    @Test
    void split_whenPartitionKeyIsEmptyOrTooLong_rejectsIt() {
        assertThatThrownBy(() -> PutRecordsBatches.split(
                List.of(new StreamRecord("", new byte[1]))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PutRecordsBatches.split(
                List.of(new StreamRecord("k".repeat(257), new byte[1]))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Records with keys key-0, key-1, ... and {@code dataBytes} bytes each (one shared array). */
    private static List<StreamRecord> records(int count, int dataBytes) {
        byte[] data = new byte[dataBytes];
        return IntStream.range(0, count)
                .mapToObj(i -> new StreamRecord("key-" + i, data))
                .toList();
    }

    private static List<StreamRecord> flatten(List<List<StreamRecord>> batches) {
        List<StreamRecord> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return Collections.unmodifiableList(all);
    }
}
