package dev.skein.functions.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.codec.Json;
import dev.skein.ingest.IngestResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;

/**
 * Writes one JSON line per request that lost data or failed, with counts and the first reasons:
 * CloudWatch Logs Insights can query the fields, and a busy healthy function logs nothing.
 */
final class JsonLineLog implements IngestEndpoint.RequestLog {
    private final PrintStream out;

    JsonLineLog(PrintStream out) {
        this.out = out;
    }

    @Override
    public void log(String tenant, String path, int status, IngestResult result, String problem) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("event", "ingest");
            g.writeStringField("tenant", tenant);
            g.writeStringField("path", path);
            g.writeNumberField("status", status);
            if (result != null) {
                g.writeNumberField("accepted", result.acceptedSpans());
                g.writeNumberField("rejected", result.rejectedSpans());
                g.writeNumberField("droppedAttributes", result.droppedAttributes());
                g.writeNumberField("droppedEvents", result.droppedEvents());
                g.writeNumberField("droppedLinks", result.droppedLinks());
                g.writeNumberField("truncatedValues", result.truncatedValues());
                g.writeStringField("message", result.message());
            }
            if (problem != null) {
                g.writeStringField("problem", problem);
            }
            g.writeEndObject();
        } catch (IOException e) {
            w.write("{\"event\":\"ingest\",\"problem\":\"log line failed\"}");
        }
        out.println(w);
    }
}
