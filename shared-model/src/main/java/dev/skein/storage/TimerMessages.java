package dev.skein.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.skein.codec.Json;
import dev.skein.model.Tenants;
import dev.skein.model.TraceId;
import java.io.IOException;
import java.io.StringWriter;

/** The body of a finalize timer message: {@code {"tenant":"…","traceId":"32 hex digits"}}. */
public final class TimerMessages {
    private TimerMessages() {}

    public static String encode(TraceKey trace) {
        StringWriter out = new StringWriter(80);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("tenant", trace.tenant());
            g.writeStringField("traceId", trace.traceId().toHex());
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException naming what is wrong with the body */
    public static TraceKey decode(String body) {
        String tenant = null;
        String traceId = null;
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("timer message is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "tenant" -> tenant = p.getValueAsString();
                    case "traceId" -> traceId = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("timer message is not valid JSON: " + e.getMessage());
        }
        if (!Tenants.isValid(tenant)) {
            throw new IllegalArgumentException("timer message has no valid tenant");
        }
        if (traceId == null || traceId.length() != 32) {
            throw new IllegalArgumentException("timer message has no 32-digit traceId");
        }
        TraceId id = TraceId.fromHex(traceId);
        if (id.isZero()) {
            throw new IllegalArgumentException("timer message has an all-zero traceId");
        }
        return new TraceKey(tenant, id);
    }
}
