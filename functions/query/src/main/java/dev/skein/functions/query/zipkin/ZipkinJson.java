package dev.skein.functions.query.zipkin;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.codec.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Small JSON values written with the core's one Jackson factory, in memory. */
final class ZipkinJson {
    /** Writes one JSON value. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private ZipkinJson() {}

    static byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    static String text(Body body) {
        return new String(bytes(body), StandardCharsets.UTF_8);
    }
}
