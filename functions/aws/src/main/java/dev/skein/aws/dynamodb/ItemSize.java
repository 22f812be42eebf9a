package dev.skein.aws.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Item sizes by DynamoDB's published rules (attribute names and values in UTF-8 bytes, numbers
 * about one byte per two digits, 3 bytes of overhead per list or map), and the write units a
 * transaction is billed from them: two per started KB per item.
 *
 * <p>Why: DynamoDB Local reports a flat 4.0 units for every TransactWriteItems call, whatever
 * it holds, so the emulator cannot tell what transactions cost. Real DynamoDB reports the true
 * figure, and {@link DynamoTraceIndex} meters whichever of the two is larger.
 */
final class ItemSize {
    private ItemSize() {}

    static double transactionWriteUnits(Iterable<TransactWriteItem> items) {
        double units = 0;
        for (TransactWriteItem item : items) {
            long bytes;
            if (item.put() != null) {
                bytes = bytes(item.put().item());
            } else if (item.update() != null) {
                // The item after the update is at least its key and the values the update sets.
                bytes = bytes(item.update().key()) + bytes(item.update().expressionAttributeValues());
            } else {
                continue;
            }
            units += 2 * Math.max(1, Math.ceil(bytes / 1024.0));
        }
        return units;
    }

    static long bytes(Map<String, AttributeValue> attributes) {
        long n = 0;
        if (attributes == null) return 0;
        for (Map.Entry<String, AttributeValue> a : attributes.entrySet()) {
            n += utf8(a.getKey()) + bytes(a.getValue());
        }
        return n;
    }

    private static long bytes(AttributeValue v) {
        if (v.s() != null) return utf8(v.s());
        if (v.n() != null) return v.n().replace("-", "").replace(".", "").length() / 2 + 1;
        if (v.b() != null) return v.b().asByteArrayUnsafe().length;
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) return 1;
        if (v.hasL()) {
            long n = 3;
            for (AttributeValue e : v.l()) n += 1 + bytes(e);
            return n;
        }
        if (v.hasM()) return 3 + bytes(v.m());
        if (v.hasSs()) return v.ss().stream().mapToLong(ItemSize::utf8).sum();
        return 0;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
