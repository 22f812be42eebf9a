package dev.skein.aws.lambda;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.codec.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One structured log line: a JSON object on one line, which CloudWatch Logs Insights queries by
 * field and a console shows as it is. The functions write one per request or batch, with counts,
 * never one per span, and never a span's contents.
 */
public final class LogLine {
    private final StringWriter text = new StringWriter();
    private final JsonGenerator json;
    private String finished;

    private LogLine(String event) {
        try {
            json = Json.FACTORY.createGenerator(text);
            json.writeStartObject();
            json.writeStringField("event", event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line about {@code event}, e.g. "ingest", "assemble", "finalize". */
    public static LogLine of(String event) {
        return new LogLine(event);
    }

    public LogLine field(String name, long value) {
        try {
            json.writeNumberField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Leaves the field out when {@code value} is null. */
    public LogLine field(String name, String value) {
        if (value == null) return this;
        try {
            json.writeStringField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A list of strings, or of flat objects; left out when empty. */
    public LogLine list(String name, List<?> items) {
        if (items.isEmpty()) return this;
        try {
            json.writeArrayFieldStart(name);
            for (Object item : items) {
                if (item instanceof Map<?, ?> fields) {
                    json.writeStartObject();
                    for (Map.Entry<?, ?> f : fields.entrySet()) {
                        json.writeStringField(String.valueOf(f.getKey()), String.valueOf(f.getValue()));
                    }
                    json.writeEndObject();
                } else {
                    json.writeString(String.valueOf(item));
                }
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Makes the line a CloudWatch embedded-metric document as well: CloudWatch Logs turns the
     * named fields, which must be numbers on this line, into counts in {@code namespace},
     * split by the dimension fields, which must be strings on it. No API call, and nothing
     * for a host that is not Lambda: there it stays a log line.
     */
    public LogLine countedAs(String namespace, long timestampMillis, List<String> dimensions, List<String> counts) {
        try {
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", timestampMillis);
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", namespace);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            for (String d : dimensions) json.writeString(d);
            json.writeEndArray();
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (String c : counts) {
                json.writeStartObject();
                json.writeStringField("Name", c);
                json.writeStringField("Unit", "Count");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The line as it will be printed; the line is complete once this has been called. */
    @Override
    public String toString() {
        if (finished == null) {
            try {
                json.writeEndObject();
                json.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            finished = text.toString();
        }
        return finished;
    }

    public void printTo(PrintStream out) {
        out.println(this);
    }
}
