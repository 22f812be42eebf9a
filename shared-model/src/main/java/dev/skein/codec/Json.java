package dev.skein.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/** The one Jackson factory: built once, streaming only, with bounds on what a body may hold. */
public final class Json {
    /**
     * JSON nesting allowed in a body. An OTLP value nested one level deeper costs three JSON
     * levels ({@code value → arrayValue → values}), so this lets the decoders' own limit of
     * {@link OtlpProtoDecoder#MAX_VALUE_DEPTH} value levels apply to JSON as to protobuf, and
     * stays far from exhausting the stack.
     */
    static final int MAX_NESTING_DEPTH = 3 * OtlpProtoDecoder.MAX_VALUE_DEPTH + 32;

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
