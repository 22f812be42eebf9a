package dev.skein.functions.query.jaeger;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.codec.Json;
import dev.skein.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The body every answer of Jaeger's query API has: {@code {"data": …, "total": n, "limit": 0,
 * "offset": 0, "errors": null}}, and on failure {@code data} null with {@code errors} holding
 * {@code {"code": status, "msg": …}} under the same HTTP status. Jaeger UI shows the
 * {@code msg} of each error; Grafana reads {@code data}.
 */
final class Envelope {
    static final String CONTENT_TYPE = "application/json";

    /** Writes one JSON value. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** A lookup that did not find one of the trace IDs it was asked for. */
    record Missing(String traceId) {}

    private Envelope() {}

    static HttpResponse ok(int total, Body data) {
        return ok(total, data, List.of());
    }

    /** A 200 answer; {@code missing} become entries of {@code errors}, as Jaeger lists them. */
    static HttpResponse ok(int total, Body data, List<Missing> missing) {
        return json(200, g -> {
            g.writeStartObject();
            g.writeFieldName("data");
            data.write(g);
            trailer(g, total);
            if (missing.isEmpty()) {
                g.writeNullField("errors");
            } else {
                g.writeArrayFieldStart("errors");
                for (Missing m : missing) {
                    g.writeStartObject();
                    g.writeStringField("msg", "trace not found");
                    g.writeStringField("traceID", m.traceId());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    static HttpResponse error(int status, String message) {
        return json(status, g -> {
            g.writeStartObject();
            g.writeNullField("data");
            trailer(g, 0);
            g.writeArrayFieldStart("errors");
            g.writeStartObject();
            g.writeNumberField("code", status);
            g.writeStringField("msg", message);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Any JSON body under {@code status}. */
    static HttpResponse json(int status, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return HttpResponse.of(status, CONTENT_TYPE, out.toByteArray());
    }

    private static void trailer(JsonGenerator g, int total) throws IOException {
        g.writeNumberField("total", total);
        g.writeNumberField("limit", 0);
        g.writeNumberField("offset", 0);
    }
}
