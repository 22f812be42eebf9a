package dev.skein.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OtlpResponsesTest {

    static Stream<Arguments> exportResponses() {
        return Stream.of(
                Arguments.of("rejected only", 5L, ""),
                Arguments.of("rejected needing a multi-byte varint", 300L, ""),
                Arguments.of("rejected at the int64 maximum", Long.MAX_VALUE, ""),
                Arguments.of("message only", 0L, "2 attributes were truncated"),
                Arguments.of("both", 3L, "span 1: trace ID must be 16 bytes, got 8"),
                Arguments.of("unicode message", 1L, "span 0: invalid UTF-8 in Span.name — ünïcödé 日本 \uD83D\uDE00"),
                Arguments.of("message longer than 127 bytes", 7L, "x".repeat(200)),
                Arguments.of("message with JSON metacharacters", 2L, "\"quoted\" \\ back\nslash\t\u0001"));
    }

    @Test
    void exportResponseProto_whenNothingRejected_isTheEmptyMessage() throws Exception {
        byte[] bytes = OtlpResponses.exportResponseProto(0, "");

        assertThat(bytes).isEqualTo(ExportTraceServiceResponse.getDefaultInstance().toByteArray()).isEmpty();
        assertThat(ExportTraceServiceResponse.parseFrom(bytes).hasPartialSuccess()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exportResponses")
    void exportResponseProto_whenPartialSuccess_isByteExactWithProtobuf(String label, long rejected, String message)
            throws Exception {
        ExportTraceServiceResponse expected = partialSuccess(rejected, message);

        byte[] bytes = OtlpResponses.exportResponseProto(rejected, message);

        assertThat(bytes).isEqualTo(expected.toByteArray());
        assertThat(ExportTraceServiceResponse.parseFrom(bytes)).isEqualTo(expected);
    }

    @Test
    void exportResponseJson_whenNothingRejected_parsesToTheEmptyMessage() throws Exception {
        byte[] json = OtlpResponses.exportResponseJson(0, "");

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(parse(json, ExportTraceServiceResponse.newBuilder())).isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exportResponses")
    void exportResponseJson_whenPartialSuccess_parsesToTheSameMessage(String label, long rejected, String message)
            throws Exception {
        byte[] json = OtlpResponses.exportResponseJson(rejected, message);

        assertThat(parse(json, ExportTraceServiceResponse.newBuilder())).isEqualTo(partialSuccess(rejected, message));
    }

    @Test
    void exportResponseJson_whenPartialSuccess_usesOtlpFieldNamesAndInt64AsString() {
        assertThat(new String(OtlpResponses.exportResponseJson(3, "m"), StandardCharsets.UTF_8))
                .isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"3\",\"errorMessage\":\"m\"}}");
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(OtlpResponses.INVALID_ARGUMENT, "malformed JSON: unexpected end-of-input at line 1, column 3"),
                Arguments.of(OtlpResponses.RESOURCE_EXHAUSTED, "request carries more than 10000 spans; send smaller batches"),
                Arguments.of(OtlpResponses.UNAVAILABLE, ""),
                Arguments.of(OtlpResponses.UNAUTHENTICATED, "ключ API недействителен — 無効なキー"),
                Arguments.of(0, "ok but with a message"),
                Arguments.of(0, ""),
                Arguments.of(-1, "negative codes are 10-byte varints"),
                Arguments.of(OtlpResponses.INTERNAL, "y".repeat(300)));
    }

    @ParameterizedTest(name = "code {0}: {1}")
    @MethodSource("statuses")
    void statusProto_whenCodeAndMessage_isByteExactWithProtobuf(int code, String message) throws Exception {
        com.google.rpc.Status expected = com.google.rpc.Status.newBuilder().setCode(code).setMessage(message).build();

        byte[] bytes = OtlpResponses.statusProto(code, message);

        assertThat(bytes).isEqualTo(expected.toByteArray());
        assertThat(com.google.rpc.Status.parseFrom(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "code {0}: {1}")
    @MethodSource("statuses")
    void statusJson_whenCodeAndMessage_parsesToTheSameMessage(int code, String message) throws Exception {
        com.google.rpc.Status expected = com.google.rpc.Status.newBuilder().setCode(code).setMessage(message).build();

        byte[] json = OtlpResponses.statusJson(code, message);

        assertThat(parse(json, com.google.rpc.Status.newBuilder())).isEqualTo(expected);
    }

    private static ExportTraceServiceResponse partialSuccess(long rejected, String message) {
        return ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected).setErrorMessage(message))
                .build();
    }

    private static Message parse(byte[] json, Message.Builder into) throws Exception {
        JsonFormat.parser().merge(new String(json, StandardCharsets.UTF_8), into);
        return into.build();
    }
}
