package dev.skein.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bodies OTLP/HTTP answers with, in both encodings: {@code ExportTraceServiceResponse}
 * (with {@code partial_success} only when something was rejected or trimmed) and, for errors,
 * {@code google.rpc.Status}. Two tiny messages, written by hand so the ingest function needs no
 * protobuf runtime; {@code OtlpResponsesTest} proves them byte-exact against protobuf-java.
 */
public final class OtlpResponses {
    /** gRPC codes used in {@code google.rpc.Status.code}. */
    public static final int INVALID_ARGUMENT = 3;
    public static final int NOT_FOUND = 5;
    public static final int RESOURCE_EXHAUSTED = 8;
    public static final int UNIMPLEMENTED = 12;
    public static final int INTERNAL = 13;
    public static final int UNAVAILABLE = 14;
    public static final int UNAUTHENTICATED = 16;

    private OtlpResponses() {}

    /** An empty message on full success; else {@code partial_success} with the count and text. */
    public static byte[] exportResponseProto(long rejectedSpans, String errorMessage) {
        if (rejectedSpans == 0 && errorMessage.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        if (rejectedSpans != 0) {
            inner.write(1 << 3); // rejected_spans, varint
            writeVarint(inner, rejectedSpans);
        }
        writeString(inner, 2, errorMessage);
        ByteArrayOutputStream out = new ByteArrayOutputStream(inner.size() + 4);
        out.write(1 << 3 | 2); // partial_success, length-delimited
        writeVarint(out, inner.size());
        out.writeBytes(inner.toByteArray());
        return out.toByteArray();
    }

    public static byte[] exportResponseJson(long rejectedSpans, String errorMessage) {
        if (rejectedSpans == 0 && errorMessage.isEmpty()) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        return json(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("partialSuccess");
            if (rejectedSpans != 0) {
                g.writeStringField("rejectedSpans", Long.toString(rejectedSpans)); // int64: a string in JSON
            }
            if (!errorMessage.isEmpty()) {
                g.writeStringField("errorMessage", errorMessage);
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    public static byte[] statusProto(int code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length() + 8);
        if (code != 0) {
            out.write(1 << 3);
            writeVarint(out, code);
        }
        writeString(out, 2, message);
        return out.toByteArray();
    }

    public static byte[] statusJson(int code, String message) {
        return json(g -> {
            g.writeStartObject();
            if (code != 0) {
                g.writeNumberField("code", code);
            }
            if (!message.isEmpty()) {
                g.writeStringField("message", message);
            }
            g.writeEndObject();
        });
    }

    private interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] json(JsonWriter w) {
        ByteArrayBuilder buf = new ByteArrayBuilder(128);
        try (JsonGenerator g = Json.FACTORY.createGenerator(buf)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, int field, String s) {
        if (s.isEmpty()) {
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(field << 3 | 2);
        writeVarint(out, b.length);
        out.write(b, 0, b.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
