package dev.skein.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.storage.EdgeCount;
import dev.skein.trace.EdgeStats;
import dev.skein.trace.LatencyHistogram;
import dev.skein.trace.ServiceEdge;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

class EdgeItemsTest {
    private static final ServiceEdge EDGE = new ServiceEdge(29_400_001, "frontend", "checkout");

    @Test
    void addDelta_addsCountersAndNonZeroBucketsAndSetsTheRest() {
        EdgeStats delta = new EdgeStats(2, -1,
                LatencyHistogram.fromBuckets(new int[] {5, 90}, new long[] {3, -1}));

        Update update = EdgeItems.addDelta("index", new EdgeCount("acme", EDGE, delta), 1_900_000_000L);

        assertThat(update.tableName()).isEqualTo("index");
        assertThat(update.key()).containsEntry("pk", AttributeValue.fromS("G#acme#490000"))
                .containsEntry("sk", AttributeValue.fromS("0029400001#8:frontendcheckout"));
        assertThat(update.updateExpression()).isEqualTo("ADD #calls :calls, #errors :errors,"
                + " #h5 :h5, #h90 :h90 SET #parent = :parent, #child = :child,"
                + " #minute = :minute, #expiresAt = :expiresAt");
        assertThat(update.expressionAttributeValues())
                .containsEntry(":calls", AttributeValue.fromN("2"))
                .containsEntry(":errors", AttributeValue.fromN("-1"))
                .containsEntry(":h5", AttributeValue.fromN("3"))
                .containsEntry(":h90", AttributeValue.fromN("-1"))
                .containsEntry(":minute", AttributeValue.fromN("29400001"))
                .containsEntry(":expiresAt", AttributeValue.fromN("1900000000"));
        assertThat(update.expressionAttributeNames()).containsEntry("#h90", "h90")
                .containsEntry("#minute", "minute");
    }

    @Test
    void toEdgeCount_readsCountersAndBucketAttributes() {
        Map<String, AttributeValue> item = new HashMap<>(EdgeItems.key("acme", EDGE));
        item.put("parent", AttributeValue.fromS("frontend"));
        item.put("child", AttributeValue.fromS("checkout"));
        item.put("minute", AttributeValue.fromN("29400001"));
        item.put("calls", AttributeValue.fromN("4"));
        item.put("errors", AttributeValue.fromN("0"));
        item.put("h5", AttributeValue.fromN("3"));
        item.put("h127", AttributeValue.fromN("1"));
        item.put("h9", AttributeValue.fromN("0"));
        item.put("expiresAt", AttributeValue.fromN("1900000000"));

        assertThat(EdgeItems.toEdgeCount("acme", item)).isEqualTo(new EdgeCount("acme", EDGE,
                new EdgeStats(4, 0, LatencyHistogram.fromBuckets(new int[] {5, 127},
                        new long[] {3, 1}))));
    }

    @Test
    void bucketOf_acceptsOnlyHistogramBucketNames() {
        assertThat(EdgeItems.bucketOf("h0")).isZero();
        assertThat(EdgeItems.bucketOf("h127")).isEqualTo(127);
        assertThat(EdgeItems.bucketOf("h128")).isEqualTo(-1);
        assertThat(EdgeItems.bucketOf("h")).isEqualTo(-1);
        assertThat(EdgeItems.bucketOf("h-1")).isEqualTo(-1);
        assertThat(EdgeItems.bucketOf("hx")).isEqualTo(-1);
        assertThat(EdgeItems.bucketOf("calls")).isEqualTo(-1);
    }
}
