package dev.skein.codec;

import static dev.skein.codec.OtlpProtoDecoderTest.assertSameSpans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.fixtures.OtlpFixtures;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpJsonDecoderTest {
    private static final long NOW = OtlpFixtures.DEFAULT_NOW_NANOS;
    private static final int MAX = 10_000;
    private static final String TRACE = "5b8efff798038103d269b633813fc60c";
    private final OtlpJsonDecoder decoder = new OtlpJsonDecoder();

    // ------------------------------------------------------------ agreement with the proto decoder

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 42})
    void decode_whenFixturePrintedAsOtlpJson_equalsProtoDecoderOutput(long seed) throws Exception {
        ExportTraceServiceRequest request = OtlpFixtures.request(seed, 512, NOW);
        byte[] json = OtlpFixtures.otlpJson(request);
        List<Span> fromProto = new OtlpProtoDecoder().decode(request.toByteArray(), MAX).spans();

        DecodedSpans decoded = decoder.decode(json, MAX);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"traceId\":\"" + fromProto.get(0).traceId().toHex() + "\"");
        assertThat(decoded.rejectionReasons()).isEmpty();
        assertSameSpans(decoded.spans(), fromProto);
    }

    @Test
    void decode_whenKitchenSinkPrintedAsOtlpJson_equalsProtoDecoderOutput() throws Exception {
        ExportTraceServiceRequest request = OtlpFixtures.kitchenSinkRequest(NOW);

        DecodedSpans decoded = decoder.decode(OtlpFixtures.otlpJson(request), MAX);

        assertThat(decoded.rejectionReasons()).isEmpty();
        assertSameSpans(decoded.spans(), new OtlpProtoDecoder().decode(request.toByteArray(), MAX).spans());
    }

    @Test
    void decode_whenSpansShareResourceSpans_shareOneResourceAndScopeInstance() throws Exception {
        ExportTraceServiceRequest request = OtlpFixtures.request(8, 100, NOW);

        List<Span> spans = decoder.decode(OtlpFixtures.otlpJson(request), MAX).spans();

        Map<dev.skein.model.Resource, dev.skein.model.Resource> seen = new HashMap<>();
        for (Span s : spans) {
            assertThat(seen.computeIfAbsent(s.resource(), r -> r)).isSameAs(s.resource());
        }
        assertThat(seen).hasSize(request.getResourceSpansCount());
    }

    // ------------------------------------------------------------ the OTLP JSON dialect

    @Test
    void decode_whenIdsAreUpperCaseHex_readsTheSameIds() throws Exception {
        String lower = span("\"traceId\":\"" + TRACE + "\",\"spanId\":\"00f067aa0ba902b7\",\"parentSpanId\":\"b7ad6b7169203331\"");
        String upper = lower.replace(TRACE, TRACE.toUpperCase()).replace("00f067aa0ba902b7", "00F067AA0BA902B7")
                .replace("b7ad6b7169203331", "B7AD6B7169203331");

        Span s = only(upper);

        assertThat(s).isEqualTo(only(lower));
        assertThat(s.traceId()).isEqualTo(TraceId.fromHex(TRACE));
        assertThat(s.spanId()).isEqualTo(0x00f067aa0ba902b7L);
        assertThat(s.parentSpanId()).isEqualTo(0xb7ad6b7169203331L);
    }

    @Test
    void decode_whenKindAndStatusCodeAreNumbersOrNames_readsTheSame() throws Exception {
        Span numbers = only(span(ids(1) + ",\"kind\":3,\"status\":{\"code\":2,\"message\":\"m\"}"));
        Span names = only(span(ids(1) + ",\"kind\":\"SPAN_KIND_CLIENT\",\"status\":{\"code\":\"STATUS_CODE_ERROR\",\"message\":\"m\"}"));
        Span bareNames = only(span(ids(1) + ",\"kind\":\"CLIENT\",\"status\":{\"code\":\"ERROR\",\"message\":\"m\"}"));
        Span digitStrings = only(span(ids(1) + ",\"kind\":\"3\",\"status\":{\"code\":\"2\",\"message\":\"m\"}"));

        assertThat(numbers.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(numbers.status().code()).isEqualTo(StatusCode.ERROR);
        assertThat(names).isEqualTo(numbers);
        assertThat(bareNames).isEqualTo(numbers);
        assertThat(digitStrings).isEqualTo(numbers);
        assertThat(only(span(ids(1) + ",\"kind\":\"SPAN_KIND_NEW_IN_2030\"")).kind()).isEqualTo(SpanKind.UNSPECIFIED);
        assertThat(only(span(ids(1) + ",\"kind\":42")).kind()).isEqualTo(SpanKind.UNSPECIFIED);
    }

    @Test
    void decode_whenInt64sAreNumbersOrStrings_readsTheSame() throws Exception {
        Span strings = only(span(ids(1) + ",\"startTimeUnixNano\":\"1750000000000000001\",\"endTimeUnixNano\":\"1750000000000000999\","
                + "\"droppedAttributesCount\":\"3\",\"flags\":\"257\","
                + "\"attributes\":[{\"key\":\"i\",\"value\":{\"intValue\":\"-7\"}},{\"key\":\"big\",\"value\":{\"intValue\":\"9223372036854775807\"}}]"));
        Span numbers = only(span(ids(1) + ",\"startTimeUnixNano\":1750000000000000001,\"endTimeUnixNano\":1750000000000000999,"
                + "\"droppedAttributesCount\":3,\"flags\":257,"
                + "\"attributes\":[{\"key\":\"i\",\"value\":{\"intValue\":-7}},{\"key\":\"big\",\"value\":{\"intValue\":9223372036854775807}}]"));

        assertThat(strings).isEqualTo(numbers);
        assertThat(numbers.startEpochNanos()).isEqualTo(1_750_000_000_000_000_001L);
        assertThat(numbers.endEpochNanos()).isEqualTo(1_750_000_000_000_000_999L);
        assertThat(numbers.droppedAttributesCount()).isEqualTo(3);
        assertThat(numbers.flags()).isEqualTo(0x101);
        assertThat(numbers.attributes()).containsExactly(
                new Attribute("i", AnyValue.of(-7L)), new Attribute("big", AnyValue.of(Long.MAX_VALUE)));
    }

    @Test
    void decode_whenFlagsHaveTheHighBitSet_readsThemAsUnsigned32Bits() throws Exception {
        assertThat(only(span(ids(1) + ",\"flags\":4294967041")).flags()).isEqualTo(0xffff_ff01);
        assertThat(only(span(ids(1) + ",\"flags\":\"2147483905\"")).flags()).isEqualTo(0x8000_0101);
    }

    @Test
    void decode_whenFieldNamesAreSnakeCase_readsTheSameAsCamelCase() throws Exception {
        String camel = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}],
                  "droppedAttributesCount":1},"schemaUrl":"https://r",
                  "scopeSpans":[{"scope":{"name":"lib","version":"1","droppedAttributesCount":2},"schemaUrl":"https://s",
                    "spans":[{"traceId":"%s","spanId":"0000000000000001","parentSpanId":"0000000000000002",
                      "traceState":"a=b","name":"n","kind":2,"startTimeUnixNano":"10","endTimeUnixNano":"20",
                      "attributes":[{"key":"a","value":{"arrayValue":{"values":[{"stringValue":"x"},{"boolValue":true},
                         {"intValue":"1"},{"doubleValue":1.5},{"bytesValue":"AQI="},{"kvlistValue":{"values":[{"key":"k","value":{}}]}}]}}}],
                      "droppedAttributesCount":3,
                      "events":[{"timeUnixNano":"15","name":"e","droppedAttributesCount":4}],"droppedEventsCount":5,
                      "links":[{"traceId":"%s","spanId":"0000000000000003","traceState":"c=d","droppedAttributesCount":6,"flags":1}],
                      "droppedLinksCount":7,"status":{"code":1}}]}]}]}
                """.formatted(TRACE, TRACE);
        String snake = camel.replace("resourceSpans", "resource_spans").replace("scopeSpans", "scope_spans")
                .replace("schemaUrl", "schema_url").replace("droppedAttributesCount", "dropped_attributes_count")
                .replace("traceId", "trace_id").replace("parentSpanId", "parent_span_id").replace("spanId", "span_id")
                .replace("traceState", "trace_state").replace("startTimeUnixNano", "start_time_unix_nano")
                .replace("endTimeUnixNano", "end_time_unix_nano").replace("timeUnixNano", "time_unix_nano")
                .replace("droppedEventsCount", "dropped_events_count").replace("droppedLinksCount", "dropped_links_count")
                .replace("arrayValue", "array_value").replace("stringValue", "string_value").replace("boolValue", "bool_value")
                .replace("intValue", "int_value").replace("doubleValue", "double_value").replace("bytesValue", "bytes_value")
                .replace("kvlistValue", "kvlist_value");
        assertThat(snake).doesNotContain("Value\"", "Id\"", "Count\"", "Url\"", "Spans\"");

        DecodedSpans fromSnake = decode(snake);
        DecodedSpans fromCamel = decode(camel);

        assertThat(fromCamel.rejectionReasons()).isEmpty();
        assertThat(fromSnake.spans()).isEqualTo(fromCamel.spans()).hasSize(1);
        Span s = fromSnake.spans().get(0);
        assertThat(s.resource().droppedAttributesCount()).isEqualTo(1);
        assertThat(s.resource().schemaUrl()).isEqualTo("https://r");
        assertThat(s.scope().droppedAttributesCount()).isEqualTo(2);
        assertThat(s.scope().schemaUrl()).isEqualTo("https://s");
        assertThat(s.parentSpanId()).isEqualTo(2);
        assertThat(s.traceState()).isEqualTo("a=b");
        assertThat(s.droppedAttributesCount()).isEqualTo(3);
        assertThat(s.events().get(0).epochNanos()).isEqualTo(15);
        assertThat(s.events().get(0).droppedAttributesCount()).isEqualTo(4);
        assertThat(s.droppedEventsCount()).isEqualTo(5);
        assertThat(s.links().get(0).spanId()).isEqualTo(3);
        assertThat(s.links().get(0).droppedAttributesCount()).isEqualTo(6);
        assertThat(s.droppedLinksCount()).isEqualTo(7);
        assertThat(s.status().code()).isEqualTo(StatusCode.OK);
        assertThat(s.attributes().get(0).value()).isEqualTo(new AnyValue.ArrayValue(List.of(
                AnyValue.of("x"), AnyValue.of(true), AnyValue.of(1L), AnyValue.of(1.5),
                new AnyValue.BytesValue(new byte[] {1, 2}),
                new AnyValue.KeyValueList(List.of(new Attribute("k", AnyValue.Empty.INSTANCE))))));
    }

    @Test
    void decode_whenUnknownFieldsAndObjects_ignoresThem() throws Exception {
        String plain = span(ids(1) + ",\"name\":\"n\",\"attributes\":[{\"key\":\"a\",\"value\":{\"stringValue\":\"b\"}}]");
        String noisy = """
                {"futureField":{"nested":[1,2,{"x":null}],"s":"t"},"resourceSpans":[{"entityRefs":[{"type":"host"}],
                 "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}],"extra":[[[]]]},
                 "scopeSpans":[{"scope":{"name":"lib","new":true},"spans":[{%s,"name":"n","zzz":{"a":{"b":[{}]}},
                   "attributes":[{"key":"a","value":{"stringValue":"b","unknownValue":[1]},"keyStrindex":3}]}],
                   "another":1.5e10}]}],"trailer":null}
                """.formatted(ids(1));

        assertThat(only(noisy)).isEqualTo(only(plain));
    }

    @Test
    void decode_whenBodyIsEmptyObjectOrHasNoSpans_returnsNoSpans() throws Exception {
        for (String body : List.of("{}", " { } ", "null", "{\"resourceSpans\":[]}", "{\"resourceSpans\":null}",
                "{\"resourceSpans\":[{}]}", "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[]}]}]}")) {
            DecodedSpans d = decode(body);
            assertThat(d.spans()).as(body).isEmpty();
            assertThat(d.rejectedCount()).as(body).isZero();
        }
    }

    @Test
    void decode_whenValuesUseProtobufJsonSpellings_readsThem() throws Exception {
        Span s = only(span(ids(1) + ",\"attributes\":["
                + "{\"key\":\"nan\",\"value\":{\"doubleValue\":\"NaN\"}},"
                + "{\"key\":\"inf\",\"value\":{\"doubleValue\":\"Infinity\"}},"
                + "{\"key\":\"ninf\",\"value\":{\"doubleValue\":\"-Infinity\"}},"
                + "{\"key\":\"int-as-double\",\"value\":{\"doubleValue\":3}},"
                + "{\"key\":\"b64\",\"value\":{\"bytesValue\":\"+/8=\"}},"
                + "{\"key\":\"b64url\",\"value\":{\"bytesValue\":\"-_8=\"}},"
                + "{\"key\":\"null\",\"value\":null},"
                + "{\"key\":\"nokey\"}]"));

        assertThat(s.attributes()).containsExactly(
                new Attribute("nan", AnyValue.of(Double.NaN)),
                new Attribute("inf", AnyValue.of(Double.POSITIVE_INFINITY)),
                new Attribute("ninf", AnyValue.of(Double.NEGATIVE_INFINITY)),
                new Attribute("int-as-double", AnyValue.of(3.0)),
                new Attribute("b64", new AnyValue.BytesValue(new byte[] {(byte) 0xfb, (byte) 0xff})),
                new Attribute("b64url", new AnyValue.BytesValue(new byte[] {(byte) 0xfb, (byte) 0xff})),
                new Attribute("null", AnyValue.Empty.INSTANCE),
                new Attribute("nokey", AnyValue.Empty.INSTANCE));
    }

    @Test
    void decode_whenSpansArriveBeforeResourceAndScope_stillAppliesThem() throws Exception {
        String body = """
                {"resourceSpans":[{"scopeSpans":[{"spans":[%s],"scope":{"name":"late-scope"}}],
                  "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"late"}}]}}]}
                """.formatted("{" + ids(1) + "}");

        Span s = only(body);

        assertThat(s.serviceName()).isEqualTo("late");
        assertThat(s.scope().name()).isEqualTo("late-scope");
    }

    // ------------------------------------------------------------ span-by-span rejection

    @Test
    void decode_whenTraceIdHas31CharsOrSpanIdIsNotHex_rejectsThoseSpansAlone() throws Exception {
        DecodedSpans d = decode(body(
                "{" + ids(1) + ",\"name\":\"good-0\"}",
                "{\"traceId\":\"" + TRACE.substring(1) + "\",\"spanId\":\"0000000000000002\",\"name\":\"short\"}",
                "{\"traceId\":\"" + TRACE + "\",\"spanId\":\"00000000000000zz\",\"name\":\"not-hex\"}",
                "{" + ids(4) + ",\"name\":\"good-3\"}",
                "{\"traceId\":\"" + TRACE + "\",\"name\":\"no-span-id\"}",
                "{\"spanId\":\"0000000000000006\",\"name\":\"no-trace-id\"}",
                "{" + ids(7) + ",\"parentSpanId\":\"0102\",\"name\":\"short-parent\"}",
                "{" + ids(8) + ",\"name\":\"good-7\"}"));

        assertThat(d.spans()).extracting(Span::name).containsExactly("good-0", "good-3", "good-7");
        assertThat(d.rejectedCount()).isEqualTo(5);
        assertThat(d.rejectionReasons()).containsExactly(
                "span 1: traceId must be 32 hex digits, got 31 characters",
                "span 2: spanId: not a hex digit: 'z' at position 14",
                "span 4: span ID is missing",
                "span 5: trace ID is missing",
                "span 6: parentSpanId: span ID must be 16 hex digits, got 4");
    }

    @Test
    void decode_whenIdHasNonAsciiDigits_rejectsThatSpan() throws Exception {
        // Character.digit accepts fullwidth and other Unicode digits; hex IDs are ASCII only.
        String fullwidthA = "\uFF21";
        DecodedSpans d = decode(body(
                "{\"traceId\":\"" + TRACE + "\",\"spanId\":\"000000000000000" + fullwidthA + "\",\"name\":\"fullwidth\"}",
                "{\"traceId\":\"" + TRACE.substring(0, 31) + "\u0663\",\"spanId\":\"0000000000000001\",\"name\":\"arabic-indic\"}",
                "{" + ids(3) + ",\"name\":\"good\"}"));

        assertThat(d.spans()).extracting(Span::name).containsExactly("good");
        assertThat(d.rejectionReasons()).containsExactly(
                "span 0: spanId: not a hex digit: '" + fullwidthA + "' at position 15",
                "span 1: traceId: not a hex digit: '\u0663' at position 31");
    }

    @Test
    void decode_whenLinkIdIsMissingOrBad_rejectsThatSpan() throws Exception {
        DecodedSpans d = decode(body(
                "{" + ids(1) + ",\"name\":\"no-link-trace\",\"links\":[{\"spanId\":\"0000000000000009\"}]}",
                "{" + ids(2) + ",\"name\":\"no-link-span\",\"links\":[{\"traceId\":\"" + TRACE + "\"}]}",
                "{" + ids(3) + ",\"name\":\"bad-link-span\",\"links\":[{\"traceId\":\"" + TRACE + "\",\"spanId\":\"xyz\"}]}",
                "{" + ids(4) + ",\"name\":\"good\",\"links\":[{\"traceId\":\"" + TRACE + "\",\"spanId\":\"0000000000000009\"}]}"));

        assertThat(d.spans()).extracting(Span::name).containsExactly("good");
        assertThat(d.rejectionReasons()).containsExactly(
                "span 0: links[].traceId is missing",
                "span 1: links[].spanId is missing",
                "span 2: links[].spanId: span ID must be 16 hex digits, got 3");
    }

    @Test
    void decode_whenLoneSurrogateEscapeInName_rejectsThatSpanAlone() throws Exception {
        DecodedSpans d = decode(body(
                "{" + ids(1) + ",\"name\":\"pair \\ud83d\\ude00 ok\"}",
                "{" + ids(2) + ",\"name\":\"lone \\ud800 here\"}",
                "{" + ids(3) + ",\"name\":\"low first \\udc00\\ud800\"}",
                "{" + ids(4) + ",\"attributes\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"\\udfff\"}}]}",
                "{" + ids(5) + ",\"name\":\"good\"}"));

        assertThat(d.spans()).extracting(Span::name).containsExactly("pair \uD83D\uDE00 ok", "good");
        assertThat(d.rejectionReasons()).containsExactly(
                "span 1: invalid UTF-8 (unpaired surrogate) in name",
                "span 2: invalid UTF-8 (unpaired surrogate) in name",
                "span 3: invalid UTF-8 (unpaired surrogate) in attributes[].value");
    }

    @Test
    void decode_whenResourceOrScopeHasLoneSurrogate_rejectsExactlyTheirSpans() throws Exception {
        String badResource = """
                {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"bad\\ud800"}}]},
                 "scopeSpans":[{"spans":[{%s,"name":"r1"},{%s,"name":"r2"}]}]}""".formatted(ids(1), ids(2));
        String badResourceSchema = """
                {"schemaUrl":"https://x/\\ud800","scopeSpans":[{"spans":[{%s,"name":"rs"}]}]}""".formatted(ids(3));
        String badScope = """
                {"scopeSpans":[{"scope":{"name":"\\udc00"},"spans":[{%s,"name":"s1"}]},
                               {"schemaUrl":"\\udc00","spans":[{%s,"name":"s2"}]},
                               {"spans":[{%s,"name":"good"}]}]}""".formatted(ids(4), ids(5), ids(6));
        String body = "{\"resourceSpans\":[" + badResource + "," + badResourceSchema + "," + badScope + "]}";

        DecodedSpans d = decode(body);

        assertThat(d.spans()).extracting(Span::name).containsExactly("good");
        assertThat(d.rejectedCount()).isEqualTo(5);
        assertThat(d.rejectionReasons()).containsExactlyInAnyOrder(
                "span 0: resource: invalid UTF-8 (unpaired surrogate) in resource.attributes[].value",
                "span 1: resource: invalid UTF-8 (unpaired surrogate) in resource.attributes[].value",
                "span 2: resource: invalid UTF-8 (unpaired surrogate) in resourceSpans.schemaUrl",
                "span 3: scope: invalid UTF-8 (unpaired surrogate) in scope.name",
                "span 4: scope: invalid UTF-8 (unpaired surrogate) in scopeSpans.schemaUrl");
    }

    @Test
    void decode_whenBytesValueIsNotBase64_rejectsThatSpan() throws Exception {
        DecodedSpans d = decode(body(
                "{" + ids(1) + ",\"attributes\":[{\"key\":\"b\",\"value\":{\"bytesValue\":\"not base64!\"}}]}",
                "{" + ids(2) + ",\"name\":\"good\"}"));

        assertThat(d.spans()).extracting(Span::name).containsExactly("good");
        assertThat(d.rejectionReasons()).containsExactly("span 0: 'attributes[].value' is not base64");
    }

    @Test
    void decode_whenSpanIsNull_rejectsItAlone() throws Exception {
        DecodedSpans d = decode(body("null", "{" + ids(2) + ",\"name\":\"good\"}"));

        assertThat(d.spans()).extracting(Span::name).containsExactly("good");
        assertThat(d.rejectionReasons()).containsExactly("span 0: span is null");
    }

    // ------------------------------------------------------------ malformed bodies

    @Test
    void decode_whenJsonIsMalformed_throwsWithLineAndColumn() {
        String body = "{\n  \"resourceSpans\": [\n    {\"scopeSpans\": [}\n  ]\n}";

        assertThatThrownBy(() -> decode(body))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("malformed JSON: ")
                .hasMessageEndingWith(" at line 3, column 21");
    }

    @Test
    void decode_whenBodyIsEmptyOrNotAnObjectOrHasTrailingContent_throwsDecodeException() {
        assertThatThrownBy(() -> decode("")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("empty body");
        assertThatThrownBy(() -> decode("[]")).isInstanceOf(DecodeException.class)
                .hasMessage("'ExportTraceServiceRequest' must be an object, found an array at line 1, column 1");
        assertThatThrownBy(() -> decode("{} {}")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("unexpected content after the request object at line 1, column 4");
        assertThatThrownBy(() -> decode("{\"resourceSpans\":[")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void decode_whenFieldHasWrongType_throwsNamingTheField() {
        assertThatThrownBy(() -> decode("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":5}]}]}"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("'spans' must be an array, found a number at line 1, column 43");
        assertThatThrownBy(() -> decode(body("{" + ids(1) + ",\"name\":{}}")))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("'name' must be a string, found an object at line 1, column ");
        assertThatThrownBy(() -> decode(body("{" + ids(1) + ",\"startTimeUnixNano\":\"soon\"}")))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("'startTimeUnixNano' must be an integer (number or string), found a string at line 1");
        assertThatThrownBy(() -> decode(body("{" + ids(1) + ",\"attributes\":[{\"key\":\"b\",\"value\":{\"boolValue\":\"yes\"}}]}")))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("'attributes[].value' must be true or false, found a string");
        assertThatThrownBy(() -> decode(body("{" + ids(1) + ",\"status\":[]}")))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("'status' must be an object, found an array");
    }

    @Test
    void decode_whenNestingIsDeep_throwsDecodeExceptionNotStackOverflow() {
        String deepUnknown = "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        StringBuilder deepValue = new StringBuilder("{\"stringValue\":\"leaf\"}");
        for (int i = 0; i < 200; i++) {
            deepValue.insert(0, "{\"arrayValue\":{\"values\":[").append("]}}");
        }
        String deepAttribute = body("{" + ids(1) + ",\"attributes\":[{\"key\":\"k\",\"value\":" + deepValue + "}]}");

        assertThatThrownBy(() -> decode(deepUnknown))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> decode(deepAttribute))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("nests values deeper than 32 levels");
    }

    @Test
    void decode_whenValuesNestedToTheProtobufLimit_decodesAndOneDeeper_isRefusedAlike() throws Exception {
        String within = "{\"stringValue\":\"leaf\"}";
        for (int i = 0; i < OtlpProtoDecoder.MAX_VALUE_DEPTH; i++) {
            within = "{\"arrayValue\":{\"values\":[" + within + "]}}";
        }
        String beyond = "{\"arrayValue\":{\"values\":[" + within + "]}}";
        String ok = body("{" + ids(1) + ",\"attributes\":[{\"key\":\"k\",\"value\":" + within + "}]}");
        String tooDeep = body("{" + ids(1) + ",\"attributes\":[{\"key\":\"k\",\"value\":" + beyond + "}]}");

        assertThat(decode(ok).spans()).hasSize(1);
        assertThatThrownBy(() -> decode(tooDeep))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("nests values deeper than 32 levels");
    }

    @Test
    void decode_whenMoreSpansThanMax_throwsTooManySpans() throws Exception {
        byte[] json = OtlpFixtures.otlpJson(OtlpFixtures.request(3, 20, NOW));

        assertThat(decoder.decode(json, 20).spans()).hasSize(20);
        assertThatThrownBy(() -> decoder.decode(json, 19))
                .isInstanceOfSatisfying(TooManySpansException.class, e -> assertThat(e.limit()).isEqualTo(19));
    }

    @Test
    void decode_whenEveryTruncatedPrefix_throwsDecodeException() {
        byte[] body = OtlpFixtures.otlpJson(OtlpFixtures.request(4, 3, NOW));
        for (int n = 1; n < body.length; n++) {
            byte[] prefix = Arrays.copyOf(body, n);
            try {
                decoder.decode(prefix, MAX);
                throw new AssertionError("prefix of " + n + " bytes decoded");
            } catch (DecodeException expected) {
                // a prefix of one JSON object is never a whole one
            } catch (Throwable t) {
                throw new AssertionError("prefix of " + n + " of " + body.length + " bytes threw " + t, t);
            }
        }
    }

    @Test
    void decode_whenRandomByteMutations_succeedsOrThrowsOnlyDecodeOrTooMany() {
        byte[] body = OtlpFixtures.otlpJson(OtlpFixtures.kitchenSinkRequest(NOW));
        Random rnd = new Random(4318);
        int decoded = 0;
        for (int i = 0; i < 600; i++) {
            byte[] mutated = body.clone();
            int at = rnd.nextInt(mutated.length);
            mutated[at] = (byte) (i % 3 == 0 ? "{}[]\":,0aA\\".charAt(rnd.nextInt(11)) : rnd.nextInt(256));
            try {
                decoder.decode(mutated, 5);
                decoded++;
            } catch (DecodeException | TooManySpansException expected) {
                // allowed
            } catch (Throwable t) {
                throw new AssertionError("mutation " + i + " at byte " + at + " threw " + t, t);
            }
        }
        assertThat(decoded).isPositive();
    }

    // ------------------------------------------------------------ helpers

    private DecodedSpans decode(String body) throws DecodeException, TooManySpansException {
        return decoder.decode(body.getBytes(StandardCharsets.UTF_8), MAX);
    }

    private Span only(String body) throws DecodeException, TooManySpansException {
        DecodedSpans d = decode(body);
        assertThat(d.rejectionReasons()).isEmpty();
        assertThat(d.spans()).hasSize(1);
        return d.spans().get(0);
    }

    /** The trace and span ID fields of span {@code n}. */
    private static String ids(int n) {
        return "\"traceId\":\"" + TRACE + "\",\"spanId\":\"" + String.format("%016x", n) + "\"";
    }

    /** A request of one span whose fields are {@code fields}. */
    private static String span(String fields) {
        return body("{" + fields + "}");
    }

    /** A request of one resource and scope holding the given span objects. */
    private static String body(String... spans) {
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"svc\"}}]},"
                + "\"scopeSpans\":[{\"scope\":{\"name\":\"lib\"},\"spans\":[" + String.join(",", spans) + "]}]}]}";
    }
}
