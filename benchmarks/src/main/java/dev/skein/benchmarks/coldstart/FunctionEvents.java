package dev.skein.benchmarks.coldstart;

import dev.skein.codec.GzipMemberWriter;
import dev.skein.ingest.StreamRecord;
import dev.skein.storage.TimerMessages;
import dev.skein.storage.TraceKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

/**
 * The typical event of each function, as JSON in the shape Lambda delivers it. The HTTP events
 * start from the functions' own test fixtures ({@code functions/*}{@code /src/test/resources/events}),
 * whose authorizer names the tenant {@value #TENANT}; the Kinesis and SQS events are built as the
 * functions' tests build theirs.
 */
final class FunctionEvents {
    /** The tenant the fixtures' authorizer context names. */
    static final String TENANT = "team-payments";
    private static final String INGEST_FIXTURE = "functions/ingest/src/test/resources/events/zipkin-post.json";
    private static final String QUERY_FIXTURE = "functions/query/src/test/resources/events/api-search.json";

    private final String ingestTemplate;
    private final String queryTemplate;

    private FunctionEvents(String ingestTemplate, String queryTemplate) {
        this.ingestTemplate = ingestTemplate;
        this.queryTemplate = queryTemplate;
    }

    /** Reads the fixtures from the source tree at {@code repository}. */
    static FunctionEvents fromFixtures(Path repository) {
        try {
            return new FunctionEvents(Files.readString(repository.resolve(INGEST_FIXTURE)),
                    Files.readString(repository.resolve(QUERY_FIXTURE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the functions' event fixtures under " + repository, e);
        }
    }

    /** An OTLP/HTTP export: the ingest fixture's POST with a gzip'd protobuf body to /v1/traces. */
    String ingest(byte[] otlpProtobuf) {
        byte[] body = gzip(otlpProtobuf);
        String json = replace(ingestTemplate, "\"/api/v2/spans\"", "\"/v1/traces\"", 2);
        json = replace(json, "\"content-type\": \"application/json\"", "\"content-type\": \"application/x-protobuf\"", 1);
        json = replace(json, "\"tenant\": \"" + TENANT + "\"", "\"tenant\": \"" + TENANT + "\"", 1);
        json = replace(json, "%LENGTH%", Integer.toString(body.length), 1);
        return replace(json, "%BODY%", Base64.getEncoder().encodeToString(body), 1);
    }

    /** A trace by ID: the query fixture's GET, on /api/traces/{id} without its search parameters. */
    String query(TraceKey trace) {
        String path = "\"/api/traces/" + trace.traceId().toHex() + "\"";
        String json = replace(queryTemplate, "\"/api/traces\"", path, 2);
        json = replace(json, "\"tenant\": \"" + trace.tenant() + "\"", "\"tenant\": \"" + trace.tenant() + "\"", 1);
        json = replaceAll(json, "\"rawQueryString\": \"[^\"]*\"", "\"rawQueryString\": \"\"", 1);
        return replaceAll(json, "\"queryStringParameters\": \\{[^}]*},\\s*", "", 1);
    }

    /** A batch from the span stream's event source mapping, records as ingest wrote them. */
    static String kinesis(List<StreamRecord> records, long arrivalEpochMillis) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String sequence = "4959000000000000000000000000000000000000000000000000%04d".formatted(i);
            entries.add("""
                {"kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "%s", "sequenceNumber": "%s",
                  "data": "%s", "approximateArrivalTimestamp": %d.%03d},
                 "eventSource": "aws:kinesis", "eventVersion": "1.0", "eventID": "shardId-000000000000:%s",
                 "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::000000000000:role/skein",
                 "awsRegion": "us-east-1", "eventSourceARN": "arn:aws:kinesis:us-east-1:000000000000:stream/skein-spans"}
                """.formatted(records.get(i).partitionKey(), sequence,
                    Base64.getEncoder().encodeToString(records.get(i).data()), arrivalEpochMillis / 1000,
                    arrivalEpochMillis % 1000, sequence));
        }
        return "{\"Records\": [" + String.join(",", entries) + "]}";
    }

    /** A batch from the finalize-timer queue, one timer per trace. */
    static String sqs(List<TraceKey> traces, long sentEpochMillis) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < traces.size(); i++) {
            entries.add("""
                {"messageId": "m-%d", "receiptHandle": "r-%d", "body": %s,
                 "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "%d"},
                 "messageAttributes": {}, "md5OfBody": "x", "eventSource": "aws:sqs",
                 "eventSourceARN": "arn:aws:sqs:us-east-1:000000000000:skein-timers", "awsRegion": "us-east-1"}
                """.formatted(i, i, quote(TimerMessages.encode(traces.get(i))), sentEpochMillis));
        }
        return "{\"Records\": [" + String.join(",", entries) + "]}";
    }

    /**
     * Replaces {@code target} by {@code replacement} where it occurs exactly {@code expected}
     * times (replacing it by itself checks it is there).
     *
     * @throws IllegalStateException when the fixture no longer has it that often
     */
    static String replace(String json, String target, String replacement, int expected) {
        return replaceAll(json, Pattern.quote(target), Matcher.quoteReplacement(replacement), expected);
    }

    private static String replaceAll(String json, String regex, String replacement, int expected) {
        Matcher m = Pattern.compile(regex).matcher(json);
        int found = 0;
        while (m.find()) found++;
        if (found != expected) {
            throw new IllegalStateException("an event fixture changed: expected " + expected + " of /" + regex
                    + "/, found " + found);
        }
        return m.replaceAll(replacement);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static byte[] gzip(byte[] bytes) {
        try (GzipMemberWriter gzip = new GzipMemberWriter(Deflater.DEFAULT_COMPRESSION)) {
            return gzip.member(bytes);
        }
    }
}
