package dev.skein.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/** The one Jackson factory: built once, streaming only, with bounds on what a body may hold. */
public final class Json {
    /** Deep enough for OTLP's nested values, shallow enough that nesting cannot exhaust the stack. */
    static final int MAX_NESTING_DEPTH = 64;

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(64)
                    .build())
            .build();

    private Json() {}

    static JsonParser parser(byte[] body) throws IOException {
        return FACTORY.createParser(body);
    }
}
