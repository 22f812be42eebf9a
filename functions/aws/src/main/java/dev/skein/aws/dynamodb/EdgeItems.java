package dev.skein.aws.dynamodb;

import dev.skein.storage.EdgeCount;
import dev.skein.trace.EdgeStats;
import dev.skein.trace.LatencyHistogram;
import dev.skein.trace.ServiceEdge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Service-graph edge items, written with the low-level client: their counters are changed by
 * {@code ADD} (several finalizers add to one edge at once, and a trace's old contribution is
 * subtracted), and each histogram bucket is its own number attribute {@code h{bucket}}, present
 * only once some call fell into it. A static schema can express neither.
 */
final class EdgeItems {
    static final String PARENT = "parent";
    static final String CHILD = "child";
    static final String MINUTE = "minute";
    static final String CALLS = "calls";
    static final String ERRORS = "errors";
    static final String EXPIRES_AT = "expiresAt";
    static final String BUCKET_PREFIX = "h";

    private EdgeItems() {
    }

    static Map<String, AttributeValue> key(String tenant, ServiceEdge edge) {
        return Map.of(
                IndexKeys.PARTITION_KEY, string(
                        IndexKeys.edges(tenant, IndexKeys.hourOfMinute(edge.minuteEpoch()))),
                IndexKeys.SORT_KEY, string(
                        IndexKeys.edge(edge.minuteEpoch(), edge.parent(), edge.child())));
    }

    /**
     * Adds {@code delta} (negative counts subtract) to the edge's counters, creating the item
     * when missing, and sets its descriptive attributes. Every name goes through a placeholder:
     * several of them ({@code minute}, {@code parent}, ...) are DynamoDB reserved words.
     */
    static Update addDelta(String tableName, EdgeCount delta, long expiresAtEpochSeconds) {
        ServiceEdge edge = delta.edge();
        EdgeStats stats = delta.stats();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> additions = new ArrayList<>();
        additions.add(add(CALLS, stats.calls(), names, values));
        additions.add(add(ERRORS, stats.errors(), names, values));
        for (int bucket : stats.latency().nonZeroBuckets()) {
            additions.add(add(BUCKET_PREFIX + bucket, stats.latency().count(bucket), names, values));
        }
        List<String> assignments = List.of(
                set(PARENT, string(edge.parent()), names, values),
                set(CHILD, string(edge.child()), names, values),
                set(MINUTE, number(edge.minuteEpoch()), names, values),
                set(EXPIRES_AT, number(expiresAtEpochSeconds), names, values));
        return Update.builder()
                .tableName(tableName)
                .key(key(delta.tenant(), edge))
                .updateExpression("ADD " + String.join(", ", additions)
                        + " SET " + String.join(", ", assignments))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    /** The counts an edge item holds; {@code tenant} is the one the caller queried. */
    static EdgeCount toEdgeCount(String tenant, Map<String, AttributeValue> item) {
        ServiceEdge edge = new ServiceEdge(longOf(item, MINUTE), item.get(PARENT).s(),
                item.get(CHILD).s());
        int[] buckets = new int[LatencyHistogram.BUCKETS];
        long[] counts = new long[LatencyHistogram.BUCKETS];
        int present = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            int bucket = bucketOf(attribute.getKey());
            if (bucket >= 0 && present < buckets.length) {
                buckets[present] = bucket;
                counts[present] = Long.parseLong(attribute.getValue().n());
                present++;
            }
        }
        LatencyHistogram latency = LatencyHistogram.fromBuckets(
                Arrays.copyOf(buckets, present), Arrays.copyOf(counts, present));
        return new EdgeCount(tenant, edge,
                new EdgeStats(longOf(item, CALLS), longOf(item, ERRORS), latency));
    }

    /** The bucket an attribute name {@code h{bucket}} counts, or -1 for any other name. */
    static int bucketOf(String attributeName) {
        if (!attributeName.startsWith(BUCKET_PREFIX) || attributeName.length() < 2
                || attributeName.length() > 4) {
            return -1;
        }
        int bucket = 0;
        for (int i = 1; i < attributeName.length(); i++) {
            char c = attributeName.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            bucket = bucket * 10 + (c - '0');
        }
        return bucket < LatencyHistogram.BUCKETS ? bucket : -1;
    }

    private static String add(String attribute, long amount, Map<String, String> names,
            Map<String, AttributeValue> values) {
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, number(amount));
        return "#" + attribute + " :" + attribute;
    }

    private static String set(String attribute, AttributeValue value, Map<String, String> names,
            Map<String, AttributeValue> values) {
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, value);
        return "#" + attribute + " = :" + attribute;
    }

    private static long longOf(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
