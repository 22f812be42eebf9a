package dev.skein.aws.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.skein.codec.Json;
import dev.skein.storage.TraceKey;
import dev.skein.trace.EdgeStats;
import dev.skein.trace.LatencyHistogram;
import dev.skein.trace.ServiceEdge;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A summary's edge contribution as one compact string attribute (a map attribute would repeat
 * every attribute name per edge, and DynamoDB bills the bytes). Version 1 is a JSON array:
 *
 * <pre>{@code [1, [minuteDelta, "parent", "child", calls, errors, bucket, count, bucket, count, ...], ...]}</pre>
 *
 * <p>Edges are written in {@link ServiceEdge} order (minute first); {@code minuteDelta} is the
 * edge's minute minus the previous edge's (the first edge's minus 0), so a trace's edges, which
 * share one or two minutes, cost one or two digits each instead of eight. The histogram is the
 * non-zero buckets as (bucket, count) pairs, ascending. JSON does the escaping of service names.
 */
final class ContributionCodec {
    static final int VERSION = 1;

    private ContributionCodec() {
    }

    static String encode(Map<ServiceEdge, EdgeStats> contribution) {
        StringWriter out = new StringWriter(16 + 48 * contribution.size());
        try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
            json.writeStartArray();
            json.writeNumber(VERSION);
            long previousMinute = 0;
            // StoredSummary keeps its contribution in a TreeMap: already in edge order.
            for (Map.Entry<ServiceEdge, EdgeStats> entry : contribution.entrySet()) {
                ServiceEdge edge = entry.getKey();
                EdgeStats stats = entry.getValue();
                json.writeStartArray();
                json.writeNumber(edge.minuteEpoch() - previousMinute);
                json.writeString(edge.parent());
                json.writeString(edge.child());
                json.writeNumber(stats.calls());
                json.writeNumber(stats.errors());
                for (int bucket : stats.latency().nonZeroBuckets()) {
                    json.writeNumber(bucket);
                    json.writeNumber(stats.latency().count(bucket));
                }
                json.writeEndArray();
                previousMinute = edge.minuteEpoch();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * @throws IllegalStateException naming the trace when the attribute is not version 1: a bug
     *     or a newer writer, which retrying cannot fix
     */
    static Map<ServiceEdge, EdgeStats> decode(String encoded, TraceKey trace) {
        if (encoded == null) {
            return Map.of();
        }
        try (JsonParser json = Json.FACTORY.createParser(encoded)) {
            expect(json, JsonToken.START_ARRAY);
            expect(json, JsonToken.VALUE_NUMBER_INT);
            if (json.getIntValue() != VERSION) {
                throw new IOException("unknown version " + json.getIntValue());
            }
            Map<ServiceEdge, EdgeStats> contribution = new HashMap<>();
            long minute = 0;
            while (json.nextToken() == JsonToken.START_ARRAY) {
                minute += nextLong(json);
                String parent = nextString(json);
                String child = nextString(json);
                long calls = nextLong(json);
                long errors = nextLong(json);
                int[] buckets = new int[LatencyHistogram.BUCKETS];
                long[] counts = new long[LatencyHistogram.BUCKETS];
                int pairs = 0;
                while (json.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                    if (pairs == LatencyHistogram.BUCKETS) {
                        throw new IOException("more histogram buckets than " + pairs);
                    }
                    buckets[pairs] = json.getIntValue();
                    counts[pairs] = nextLong(json);
                    pairs++;
                }
                if (json.currentToken() != JsonToken.END_ARRAY) {
                    throw new IOException("unexpected " + json.currentToken() + " in an edge");
                }
                LatencyHistogram latency = LatencyHistogram.fromBuckets(
                        Arrays.copyOf(buckets, pairs), Arrays.copyOf(counts, pairs));
                contribution.put(new ServiceEdge(minute, parent, child),
                        new EdgeStats(calls, errors, latency));
            }
            if (json.currentToken() != JsonToken.END_ARRAY || json.nextToken() != null) {
                throw new IOException("trailing content");
            }
            return contribution;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the summary of trace " + trace
                    + " has an unreadable contribution attribute: " + e.getMessage(), e);
        }
    }

    private static void expect(JsonParser json, JsonToken token) throws IOException {
        if (json.nextToken() != token) {
            throw new IOException("expected " + token + ", found " + json.currentToken());
        }
    }

    private static long nextLong(JsonParser json) throws IOException {
        expect(json, JsonToken.VALUE_NUMBER_INT);
        return json.getLongValue();
    }

    private static String nextString(JsonParser json) throws IOException {
        expect(json, JsonToken.VALUE_STRING);
        return json.getText();
    }
}
