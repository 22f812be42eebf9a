package dev.skein.aws.kinesis;

import dev.skein.ingest.StreamRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Deterministic records shaped like ingest's: tenant/trace partition keys, unique bodies. */
final class TestRecords {
    private TestRecords() {
    }

    /**
     * {@code count} records with distinct partition keys over a few tenants; sizes mostly 50 B to
     * 2 KB with every 50th record 20 to 60 KB. Each body starts with its index, so all differ.
     */
    static List<StreamRecord> mixed(int count, long seed) {
        Random random = new Random(seed);
        List<StreamRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int size = i % 50 == 0 ? 20_000 + random.nextInt(40_000) : 50 + random.nextInt(1_950);
            records.add(new StreamRecord(partitionKey(random, i), body(random, i, size)));
        }
        return records;
    }

    /** {@code count} records of 100 bytes, with distinct partition keys. */
    static List<StreamRecord> small(int count) {
        Random random = new Random(count);
        List<StreamRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new StreamRecord(partitionKey(random, i), body(random, i, 100)));
        }
        return records;
    }

    private static String partitionKey(Random random, int index) {
        byte[] traceId = new byte[16];
        random.nextBytes(traceId);
        ByteBuffer.wrap(traceId).putInt(index); // distinct even if the random bytes collide
        return "tenant-" + index % 3 + "/" + HexFormat.of().formatHex(traceId);
    }

    private static byte[] body(Random random, int index, int size) {
        byte[] body = new byte[Math.max(size, Integer.BYTES)];
        random.nextBytes(body);
        ByteBuffer.wrap(body).putInt(index);
        return body;
    }
}
