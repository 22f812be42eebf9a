package dev.skein.functions.assembler;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.assembly.AssemblyResult;
import dev.skein.codec.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.List;

/**
 * One JSON line per batch with undecodable records: the count and the first few sequence
 * numbers and reasons, never record contents. A healthy function logs nothing.
 */
final class FailureLog {
    static final int MAX_LISTED = 5;
    private final PrintStream out;

    FailureLog(PrintStream out) {
        this.out = out;
    }

    void undecodable(int batchSize, List<AssemblyResult.RecordFailure> failures) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("event", "assemble");
            g.writeStringField("problem", "undecodable records reported as batch item failures");
            g.writeNumberField("batch", batchSize);
            g.writeNumberField("failed", failures.size());
            g.writeArrayFieldStart("records");
            for (AssemblyResult.RecordFailure f : failures.subList(0, Math.min(MAX_LISTED, failures.size()))) {
                g.writeStartObject();
                g.writeStringField("sequenceNumber", f.recordId());
                g.writeStringField("reason", f.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            w.write("{\"event\":\"assemble\",\"problem\":\"log line failed\"}");
        }
        out.println(w);
    }
}
