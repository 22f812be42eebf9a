package dev.skein.codec;

import static dev.skein.codec.Wire.BAD_UTF8;
import static dev.skein.codec.Wire.cat;
import static dev.skein.codec.Wire.len;
import static dev.skein.fixtures.OtlpFixtures.arr;
import static dev.skein.fixtures.OtlpFixtures.kv;
import static dev.skein.fixtures.OtlpFixtures.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import dev.skein.fixtures.OtlpFixtures;
import dev.skein.fixtures.OtlpReference;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpProtoDecoderTest {
    private static final long NOW = OtlpFixtures.DEFAULT_NOW_NANOS;
    private static final int MAX = 10_000;
    private final OtlpProtoDecoder decoder = new OtlpProtoDecoder();

    // ------------------------------------------------------------ agreement with protobuf-java

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 20250615})
    void decode_whenRealisticFixture_equalsReferenceSpanForSpan(long seed) throws Exception {
        ExportTraceServiceRequest request = OtlpFixtures.request(seed, 512, NOW);

        DecodedSpans decoded = decoder.decode(request.toByteArray(), MAX);

        assertThat(decoded.rejectedCount()).isZero();
        assertThat(decoded.rejectionReasons()).isEmpty();
        assertSameSpans(decoded.spans(), OtlpReference.toSpans(request));
    }

    @Test
    void decode_whenKitchenSinkRequest_equalsReferenceSpanForSpan() throws Exception {
        ExportTraceServiceRequest request = OtlpFixtures.kitchenSinkRequest(NOW);

        DecodedSpans decoded = decoder.decode(request.toByteArray(), MAX);

        assertThat(decoded.rejectedCount()).isZero();
        assertSameSpans(decoded.spans(), OtlpReference.toSpans(request));
    }

    @Test
    void decode_whenKitchenSinkRequest_keepsEveryFieldAndValueType() throws Exception {
        // Checked against literals too, so a mistake shared by the decoder and the reference shows.
        Span s = decoder.decode(OtlpFixtures.kitchenSinkRequest(NOW).toByteArray(), MAX).spans().get(0);

        assertThat(s.traceId()).isEqualTo(new TraceId(0x0af7651916cd43ddL, 0x8448eb211c80319cL));
        assertThat(s.spanId()).isEqualTo(0xb7ad6b7169203331L);
        assertThat(s.parentSpanId()).isEqualTo(0x00f067aa0ba902b7L);
        assertThat(s.traceState()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
        assertThat(s.flags()).isEqualTo(0x8000_0301);
        assertThat(s.name()).isEqualTo("GET /api/bücher/{id} — 書籍 \uD83D\uDCDA");
        assertThat(s.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(s.durationNanos()).isEqualTo(1_234_567);
        assertThat(s.droppedAttributesCount()).isEqualTo(7);
        assertThat(s.droppedEventsCount()).isEqualTo(3);
        assertThat(s.droppedLinksCount()).isEqualTo(4);
        assertThat(s.status().code()).isEqualTo(StatusCode.ERROR);
        assertThat(s.status().message()).isEqualTo("déjà vu: failed");
        Map<String, AnyValue> a = byKey(s.attributes());
        assertThat(a.get("string")).isEqualTo(AnyValue.of("value with \"quotes\", \\backslash\\ and\nnewline\ttab"));
        assertThat(a.get("empty string")).isEqualTo(AnyValue.of(""));
        assertThat(a.get("bool.false")).isEqualTo(AnyValue.of(false));
        assertThat(a.get("int.min")).isEqualTo(AnyValue.of(Long.MIN_VALUE));
        assertThat(a.get("int.negative")).isEqualTo(AnyValue.of(-42L));
        assertThat(a.get("double.negative.zero")).isEqualTo(AnyValue.of(-0.0));
        assertThat(a.get("double.nan")).isEqualTo(AnyValue.of(Double.NaN));
        assertThat(a.get("double.neg.inf")).isEqualTo(AnyValue.of(Double.NEGATIVE_INFINITY));
        assertThat(a.get("bytes")).isEqualTo(new AnyValue.BytesValue(new byte[] {1, 2, 3, (byte) 0x80, (byte) 0xff}));
        assertThat(a.get("bytes.empty")).isEqualTo(new AnyValue.BytesValue(new byte[0]));
        assertThat(a.get("empty.value.set")).isEqualTo(AnyValue.Empty.INSTANCE);
        assertThat(a.get("empty.value.absent")).isEqualTo(AnyValue.Empty.INSTANCE);
        assertThat(a.get("array.empty")).isEqualTo(new AnyValue.ArrayValue(List.of()));
        assertThat(a.get("kvlist.empty")).isEqualTo(new AnyValue.KeyValueList(List.of()));
        assertThat(a.get("")).isEqualTo(AnyValue.of("empty key"));
        assertThat(a.get("nested")).isEqualTo(new AnyValue.ArrayValue(List.of(
                AnyValue.of("a"),
                AnyValue.of(Long.MIN_VALUE),
                new AnyValue.ArrayValue(List.of(AnyValue.of(true), AnyValue.of(Double.NaN),
                        new AnyValue.ArrayValue(List.of()))),
                new AnyValue.KeyValueList(List.of(
                        new Attribute("inner", new AnyValue.ArrayValue(List.of(AnyValue.of("x"), AnyValue.Empty.INSTANCE))),
                        new Attribute("bytes", new AnyValue.BytesValue(new byte[] {0, (byte) 0xff, 0x7f})),
                        new Attribute("no value", AnyValue.Empty.INSTANCE))),
                AnyValue.Empty.INSTANCE)));
        assertThat(s.events()).hasSize(2);
        assertThat(s.events().get(0).name()).isEqualTo("exception");
        assertThat(s.events().get(0).droppedAttributesCount()).isEqualTo(2);
        assertThat(s.events().get(1).name()).isEmpty();
        assertThat(s.links()).hasSize(2);
        assertThat(s.links().get(0).traceId()).isEqualTo(new TraceId(-1, -1));
        assertThat(s.links().get(0).spanId()).isEqualTo(0x8000000000000001L);
        assertThat(s.links().get(0).flags()).isEqualTo(0x8000_0001);
        assertThat(s.links().get(0).traceState()).isEqualTo("vendor=x");
        assertThat(s.links().get(0).droppedAttributesCount()).isEqualTo(1);
        assertThat(s.resource().schemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.26.0");
        assertThat(s.resource().droppedAttributesCount()).isEqualTo(1);
        assertThat(s.serviceName()).isEqualTo("kitchen-sink");
        assertThat(s.scope().name()).isEqualTo("io.opentelemetry.sink");
        assertThat(s.scope().version()).isEqualTo("1.2.3");
        assertThat(s.scope().schemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.24.0");
        assertThat(s.scope().droppedAttributesCount()).isEqualTo(5);
    }

    @Test
    void decode_whenResourceOrScopeIsAbsent_usesEmptyOnesAndKeepsSchemaUrls() throws Exception {
        List<Span> spans = decoder.decode(OtlpFixtures.kitchenSinkRequest(NOW).toByteArray(), MAX).spans();

        Span unknownKind = spans.get(2);
        assertThat(unknownKind.kind()).isEqualTo(SpanKind.UNSPECIFIED); // kind number 9
        assertThat(unknownKind.status().code()).isEqualTo(StatusCode.OK);
        assertThat(unknownKind.scope()).isEqualTo(dev.skein.model.InstrumentationScope.EMPTY);
        Span schemaOnlyScope = spans.get(3);
        assertThat(schemaOnlyScope.scope().name()).isEmpty();
        assertThat(schemaOnlyScope.scope().schemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.21.0");
        assertThat(schemaOnlyScope.status().code()).isEqualTo(StatusCode.UNSET);
        assertThat(schemaOnlyScope.status().message()).isEqualTo("only a message");
        Span noResource = spans.get(4);
        assertThat(noResource.resource()).isEqualTo(dev.skein.model.Resource.EMPTY);
        assertThat(noResource.scope().name()).isEqualTo("bare");
        Span schemaOnlyResource = spans.get(5);
        assertThat(schemaOnlyResource.resource().attributes()).isEmpty();
        assertThat(schemaOnlyResource.resource().schemaUrl()).isEqualTo("https://example.com/schema");
        assertThat(spans).hasSize(6);
    }

    @Test
    void decode_whenSpansShareResourceSpansAndScopeSpans_shareOneResourceAndScopeInstance() throws Exception {
        ExportTraceServiceRequest request = OtlpFixtures.request(5, 200, NOW);
        List<Span> spans = decoder.decode(request.toByteArray(), MAX).spans();

        int i = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            dev.skein.model.Resource resource = null;
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                dev.skein.model.InstrumentationScope scope = null;
                for (int k = 0; k < ss.getSpansCount(); k++, i++) {
                    Span s = spans.get(i);
                    if (resource == null) {
                        resource = s.resource();
                    }
                    if (scope == null) {
                        scope = s.scope();
                    }
                    assertThat(s.resource()).isSameAs(resource);
                    assertThat(s.scope()).isSameAs(scope);
                }
            }
        }
        assertThat(i).isEqualTo(spans.size());
        assertThat(spans.stream().map(Span::resource).distinct().count())
                .isEqualTo(request.getResourceSpansCount());
    }

    @Test
    void decode_whenEmptyBody_returnsNoSpans() throws Exception {
        DecodedSpans decoded = decoder.decode(new byte[0], MAX);

        assertThat(decoded.spans()).isEmpty();
        assertThat(decoded.rejectedCount()).isZero();
    }

    @Test
    void decode_whenScalarFieldsRepeat_lastOneWinsAsInProtobuf() throws Exception {
        io.opentelemetry.proto.trace.v1.Span base = span("first", 1);
        ByteString spanBytes = cat(base.toByteString(), len(5, "second"), Wire.varintField(6, 3),
                Wire.fixed64Field(8, NOW + 5), len(2, ByteString.fromHex("0000000000000077")));
        byte[] body = request(List.of(), List.of(spanBytes)).toByteArray();

        Span decoded = decoder.decode(body, MAX).spans().get(0);

        assertThat(decoded).isEqualTo(OtlpReference.toSpans(ExportTraceServiceRequest.parseFrom(body)).get(0));
        assertThat(decoded.name()).isEqualTo("second");
        assertThat(decoded.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(decoded.spanId()).isEqualTo(0x77);
    }

    // ------------------------------------------------------------ span-by-span rejection

    @Test
    void decode_whenSomeSpansHaveBadIds_rejectsThoseAloneWithReasons() throws Exception {
        List<ByteString> spans = List.of(
                span("good-0", 1).toByteString(),
                span("short-trace", 2).toBuilder().setTraceId(ByteString.fromHex("0102030405060708")).build().toByteString(),
                span("good-2", 3).toByteString(),
                span("no-span-id", 4).toBuilder().clearSpanId().build().toByteString(),
                span("short-parent", 5).toBuilder().setParentSpanId(ByteString.fromHex("01020304")).build().toByteString(),
                span("no-trace-id", 6).toBuilder().clearTraceId().build().toByteString(),
                span("good-6", 7).toByteString());

        DecodedSpans decoded = decoder.decode(request(List.of(), spans).toByteArray(), MAX);

        assertThat(decoded.spans()).extracting(Span::name).containsExactly("good-0", "good-2", "good-6");
        assertThat(decoded.rejectedCount()).isEqualTo(4);
        assertThat(decoded.rejectionReasons()).containsExactly(
                "span 1: trace ID must be 16 bytes, got 8",
                "span 3: span ID is missing",
                "span 4: parent span ID must be empty or 8 bytes, got 4",
                "span 5: trace ID is missing");
    }

    @Test
    void decode_whenLinkIdHasWrongLength_rejectsThatSpan() throws Exception {
        io.opentelemetry.proto.trace.v1.Span bad = span("bad-link", 2).toBuilder()
                .addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder()
                        .setTraceId(ByteString.fromHex("0102030405060708"))
                        .setSpanId(ByteString.fromHex("0102030405060708")))
                .build();
        List<ByteString> spans = List.of(span("good", 1).toByteString(), bad.toByteString());

        DecodedSpans decoded = decoder.decode(request(List.of(), spans).toByteArray(), MAX);

        assertThat(decoded.spans()).extracting(Span::name).containsExactly("good");
        assertThat(decoded.rejectionReasons()).containsExactly(
                "span 1: link trace ID must be 16 bytes and link span ID 8 bytes");
    }

    @Test
    void decode_whenNameOrValueIsInvalidUtf8_rejectsThatSpanAlone() throws Exception {
        ByteString badValue = cat(len(1, "k"), len(2, len(1, BAD_UTF8)));
        ByteString badKey = cat(len(1, BAD_UTF8), len(2, len(1, "v")));
        ByteString badNestedValue = cat(len(1, "k"), len(2, len(5, len(1, len(1, BAD_UTF8)))));
        List<ByteString> spans = List.of(
                span("good-0", 1).toByteString(),
                cat(span("", 2).toByteString(), len(5, BAD_UTF8)),
                cat(span("bad-value", 3).toByteString(), len(9, badValue)),
                span("good-3", 4).toByteString(),
                cat(span("bad-key", 5).toByteString(), len(9, badKey)),
                cat(span("bad-nested", 6).toByteString(), len(9, badNestedValue)),
                cat(span("bad-event", 7).toByteString(), len(11, len(2, BAD_UTF8))),
                cat(span("bad-state", 8).toByteString(), len(3, BAD_UTF8)),
                span("good-8", 9).toByteString());

        DecodedSpans decoded = decoder.decode(request(List.of(), spans).toByteArray(), MAX);

        assertThat(decoded.spans()).extracting(Span::name).containsExactly("good-0", "good-3", "good-8");
        assertThat(decoded.rejectedCount()).isEqualTo(6);
        assertThat(decoded.rejectionReasons()).hasSize(DecodedSpans.MAX_REASONS).containsExactly(
                "span 1: invalid UTF-8 in Span.name",
                "span 2: invalid UTF-8 in Span.attributes value",
                "span 4: invalid UTF-8 in Span.attributes key",
                "span 5: invalid UTF-8 in Span.attributes value",
                "span 6: invalid UTF-8 in Span.Event.name");
    }

    @Test
    void decode_whenResourceAttributeIsInvalidUtf8_rejectsExactlyThatResourcesSpans() throws Exception {
        ByteString badResource = cat(
                Resource.newBuilder().addAttributes(kv("service.name", str("bad"))).build().toByteString(),
                len(1, cat(len(1, "host.name"), len(2, len(1, BAD_UTF8)))));
        ByteString bad = len(1, cat(len(1, badResource),
                len(2, scopeSpans("lib", span("bad-1", 1), span("bad-2", 2)).toByteString())));
        ResourceSpans good = ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("good"))))
                .addScopeSpans(scopeSpans("lib", span("good-1", 3), span("good-2", 4)))
                .build();
        byte[] body = cat(
                ExportTraceServiceRequest.newBuilder().addResourceSpans(good).build().toByteString(),
                bad,
                ExportTraceServiceRequest.newBuilder().addResourceSpans(good).build().toByteString())
                .toByteArray();

        DecodedSpans decoded = decoder.decode(body, MAX);

        assertThat(decoded.spans()).extracting(Span::name).containsExactly("good-1", "good-2", "good-1", "good-2");
        assertThat(decoded.spans()).extracting(Span::serviceName).containsOnly("good");
        assertThat(decoded.rejectionReasons()).containsExactly(
                "span 2: resource: invalid UTF-8 in Resource.attributes value",
                "span 3: resource: invalid UTF-8 in Resource.attributes value");
    }

    @Test
    void decode_whenScopeNameIsInvalidUtf8_rejectsExactlyThatScopesSpans() throws Exception {
        ByteString badScope = cat(len(1, len(1, BAD_UTF8)), len(2, span("bad", 1).toByteString()));
        ByteString resourceSpans = cat(
                len(2, scopeSpans("ok", span("good-1", 2)).toByteString()),
                len(2, badScope),
                len(2, scopeSpans("ok", span("good-2", 3)).toByteString()));
        byte[] body = len(1, resourceSpans).toByteArray();

        DecodedSpans decoded = decoder.decode(body, MAX);

        assertThat(decoded.spans()).extracting(Span::name).containsExactly("good-1", "good-2");
        assertThat(decoded.rejectionReasons()).containsExactly(
                "span 1: scope: invalid UTF-8 in InstrumentationScope.name");
    }

    // ------------------------------------------------------------ wire-format tolerance

    @Test
    void decode_whenUnknownFieldsOfEveryWireTypeEverywhere_skipsThem() throws Exception {
        UnknownFieldSet unknown = UnknownFieldSet.newBuilder()
                .addField(100, UnknownFieldSet.Field.newBuilder().addVarint(300).addVarint(-1).build())
                .addField(101, UnknownFieldSet.Field.newBuilder().addFixed32(0xdeadbeef).build())
                .addField(102, UnknownFieldSet.Field.newBuilder().addFixed64(0x0123456789abcdefL).build())
                .addField(103, UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(ByteString.copyFrom(BAD_UTF8)) // not read, so never checked
                        .addLengthDelimited(ByteString.EMPTY).build())
                .build();
        ExportTraceServiceRequest plain = OtlpFixtures.kitchenSinkRequest(NOW);
        ExportTraceServiceRequest.Builder b = plain.toBuilder().setUnknownFields(unknown);
        for (ResourceSpans.Builder rs : b.getResourceSpansBuilderList()) {
            rs.setUnknownFields(unknown);
            rs.getResourceBuilder().setUnknownFields(unknown);
            for (ScopeSpans.Builder ss : rs.getScopeSpansBuilderList()) {
                ss.setUnknownFields(unknown);
                ss.getScopeBuilder().setUnknownFields(unknown);
                for (io.opentelemetry.proto.trace.v1.Span.Builder s : ss.getSpansBuilderList()) {
                    s.setUnknownFields(unknown);
                    if (s.hasStatus()) {
                        s.getStatusBuilder().setUnknownFields(unknown);
                    }
                    for (io.opentelemetry.proto.trace.v1.Span.Event.Builder e : s.getEventsBuilderList()) {
                        e.setUnknownFields(unknown);
                    }
                    for (io.opentelemetry.proto.trace.v1.Span.Link.Builder l : s.getLinksBuilderList()) {
                        l.setUnknownFields(unknown);
                    }
                    for (KeyValue.Builder kv : s.getAttributesBuilderList()) {
                        kv.setUnknownFields(unknown);
                        kv.getValueBuilder().setUnknownFields(unknown);
                        if (kv.getValue().hasArrayValue()) {
                            kv.getValueBuilder().getArrayValueBuilder().setUnknownFields(unknown);
                        }
                        if (kv.getValue().hasKvlistValue()) {
                            kv.getValueBuilder().getKvlistValueBuilder().setUnknownFields(unknown);
                        }
                    }
                }
            }
        }
        byte[] body = b.build().toByteArray();
        assertThat(body.length).isGreaterThan(plain.getSerializedSize() + 100);

        DecodedSpans decoded = decoder.decode(body, MAX);

        assertThat(decoded.rejectedCount()).isZero();
        assertSameSpans(decoded.spans(), OtlpReference.toSpans(plain));
    }

    @Test
    void decode_whenResourceWrittenAfterScopeSpans_stillAppliesIt() throws Exception {
        Resource resource = Resource.newBuilder().addAttributes(kv("service.name", str("late"))).build();
        InstrumentationScope scope = InstrumentationScope.newBuilder().setName("late-scope").setVersion("9").build();
        io.opentelemetry.proto.trace.v1.Span s1 = span("one", 1);
        io.opentelemetry.proto.trace.v1.Span s2 = span("two", 2);
        // ScopeSpans: spans first, then the scope, then the schema URL; ResourceSpans likewise.
        ByteString scopeSpans = cat(len(2, s1.toByteString()), len(3, "https://scope.example/1"),
                len(2, s2.toByteString()), len(1, scope.toByteString()));
        ByteString resourceSpans = cat(len(2, scopeSpans), len(3, "https://resource.example/1"),
                len(1, resource.toByteString()));
        byte[] body = len(1, resourceSpans).toByteArray();
        ExportTraceServiceRequest inOrder = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(resource)
                        .setSchemaUrl("https://resource.example/1")
                        .addScopeSpans(ScopeSpans.newBuilder().setScope(scope)
                                .setSchemaUrl("https://scope.example/1").addSpans(s1).addSpans(s2)))
                .build();

        List<Span> spans = decoder.decode(body, MAX).spans();

        assertThat(ExportTraceServiceRequest.parseFrom(body)).isEqualTo(inOrder);
        assertSameSpans(spans, OtlpReference.toSpans(inOrder));
        assertThat(spans).extracting(Span::serviceName).containsExactly("late", "late");
        assertThat(spans).extracting(s -> s.scope().name()).containsExactly("late-scope", "late-scope");
    }

    // ------------------------------------------------------------ malformed bodies

    @Test
    void decode_whenEveryTruncatedPrefix_decodesOrThrowsDecodeException() {
        for (ExportTraceServiceRequest request : List.of(OtlpFixtures.request(7, 12, NOW),
                OtlpFixtures.kitchenSinkRequest(NOW))) {
            byte[] body = request.toByteArray();
            int threw = 0;
            for (int n = 1; n < body.length; n++) {
                byte[] prefix = Arrays.copyOf(body, n);
                try {
                    decoder.decode(prefix, MAX);
                } catch (DecodeException e) {
                    threw++;
                    assertThat(e.getMessage()).as("prefix %d", n).containsPattern("byte \\d+");
                } catch (Throwable t) {
                    throw new AssertionError("prefix of " + n + " of " + body.length + " bytes threw " + t, t);
                }
            }
            assertThat(threw).isGreaterThan(body.length / 2);
        }
    }

    @Test
    void decode_whenRandomByteMutations_succeedsOrThrowsOnlyDecodeOrTooMany() throws Exception {
        byte[] body = OtlpFixtures.request(11, 10, NOW).toByteArray();
        byte[] sink = OtlpFixtures.kitchenSinkRequest(NOW).toByteArray();
        Random rnd = new Random(20250615);
        Map<String, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            byte[] mutated = (i % 2 == 0 ? body : sink).clone();
            int changes = 1 + (i % 5 == 0 ? rnd.nextInt(3) : 0);
            for (int c = 0; c < changes; c++) {
                int at = rnd.nextInt(mutated.length);
                byte was = mutated[at];
                do {
                    mutated[at] = (byte) rnd.nextInt(256);
                } while (mutated[at] == was);
            }
            String outcome;
            try {
                DecodedSpans d = decoder.decode(mutated, 15);
                outcome = d.rejectedCount() == 0 ? "decoded" : "decoded with rejections";
                agreeWithProtobufWhereBothAccept(mutated, d);
            } catch (DecodeException e) {
                outcome = "DecodeException";
            } catch (TooManySpansException e) {
                outcome = "TooManySpansException";
            } catch (Throwable t) {
                throw new AssertionError("mutation " + i + " threw " + t, t);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        assertThat(outcomes).containsKeys("decoded", "DecodeException");
    }

    /** Where protobuf-java reads a mutated body and nothing was rejected, both read the same spans. */
    private static void agreeWithProtobufWhereBothAccept(byte[] body, DecodedSpans decoded) {
        if (decoded.rejectedCount() != 0) {
            return;
        }
        List<Span> reference;
        try {
            reference = OtlpReference.toSpans(ExportTraceServiceRequest.parseFrom(body));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return; // protobuf-java refuses the whole body, or an ID the decoder would reject
        }
        assertThat(decoded.spans()).isEqualTo(reference);
    }

    @Test
    void decode_whenMoreSpansThanMax_throwsTooManySpans() throws Exception {
        byte[] body = OtlpFixtures.request(3, 20, NOW).toByteArray();

        assertThat(decoder.decode(body, 20).spans()).hasSize(20);
        assertThatThrownBy(() -> decoder.decode(body, 19))
                .isInstanceOfSatisfying(TooManySpansException.class, e -> assertThat(e.limit()).isEqualTo(19))
                .hasMessageContaining("more than 19 spans");
    }

    @Test
    void decode_whenRejectedSpansExceedMax_stillCountsThem() {
        List<ByteString> spans = List.of(
                span("a", 1).toBuilder().clearSpanId().build().toByteString(),
                span("b", 2).toBuilder().clearSpanId().build().toByteString(),
                span("c", 3).toBuilder().clearSpanId().build().toByteString());

        assertThatThrownBy(() -> decoder.decode(request(List.of(), spans).toByteArray(), 2))
                .isInstanceOf(TooManySpansException.class);
    }

    @Test
    void decode_whenTruncatedInsideSpan_messageNamesMessageTypeAndOffset() {
        byte[] body = request(List.of(span("x", 1)), List.of()).toByteArray();
        byte[] cut = Arrays.copyOf(body, body.length - 3); // inside the end time of the span

        assertThatThrownBy(() -> decoder.decode(cut, MAX))
                .isInstanceOf(DecodeException.class)
                .hasMessageMatching("truncated (ResourceSpans|ScopeSpans|Span)\\b.* at byte \\d+.*");
    }

    @Test
    void decode_whenFieldHasWrongWireType_messageNamesFieldMessageAndOffset() {
        ByteString spanBytes = cat(span("x", 1).toByteString(), Wire.varintField(5, 1)); // name as varint
        byte[] body = request(List.of(), List.of(spanBytes)).toByteArray();

        assertThatThrownBy(() -> decoder.decode(body, MAX))
                .isInstanceOf(DecodeException.class)
                .hasMessageMatching("field 5 of Span\\.name has wire type 0, expected 2 \\(at byte \\d+\\)");
    }

    @Test
    void decode_whenVarintRunsOverTenBytes_throwsDecodeExceptionWithOffset() {
        byte[] body = new byte[12];
        Arrays.fill(body, (byte) 0xff);

        assertThatThrownBy(() -> decoder.decode(body, MAX))
                .isInstanceOf(DecodeException.class)
                .hasMessageMatching("malformed varint in ExportTraceServiceRequest at byte \\d+");
    }

    @Test
    void decode_whenFieldNumberIsZeroOrGroupWireType_throwsDecodeException() {
        assertThatThrownBy(() -> decoder.decode(new byte[] {0x02, 0x00}, MAX))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("invalid field tag 2 in ExportTraceServiceRequest at byte 1");
        assertThatThrownBy(() -> decoder.decode(new byte[] {0x13, 0x14}, MAX)) // field 2, start group
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("unsupported wire type 3 in ExportTraceServiceRequest at byte 1");
    }

    @Test
    void decode_whenLengthRunsPastEnclosingMessage_throwsDecodeExceptionNamingIt() {
        // A ResourceSpans claiming 100 bytes inside a 5-byte body.
        byte[] body = {0x0a, 100, 0x12, 0x00, 0x00};

        assertThatThrownBy(() -> decoder.decode(body, MAX))
                .isInstanceOf(DecodeException.class)
                .hasMessage("truncated ResourceSpans at byte 2: length 100 runs past the end of its"
                        + " enclosing message at byte 5");
    }

    @Test
    void decode_whenValuesNestedWithinLimit_decodesAndBeyondLimit_throwsDecodeException() throws Exception {
        io.opentelemetry.proto.common.v1.AnyValue within = str("leaf");
        for (int i = 0; i < OtlpProtoDecoder.MAX_VALUE_DEPTH; i++) {
            within = i % 2 == 0 ? arr(within) : OtlpFixtures.kvlist(kv("k", within));
        }
        io.opentelemetry.proto.common.v1.AnyValue beyond = arr(arr(within));
        ExportTraceServiceRequest ok = request(List.of(span("ok", 1).toBuilder().addAttributes(kv("deep", within)).build()), List.of());
        ExportTraceServiceRequest tooDeep = request(List.of(span("deep", 1).toBuilder().addAttributes(kv("deep", beyond)).build()), List.of());

        assertSameSpans(decoder.decode(ok.toByteArray(), MAX).spans(), OtlpReference.toSpans(ok));
        assertThatThrownBy(() -> decoder.decode(tooDeep.toByteArray(), MAX))
                .isInstanceOf(DecodeException.class)
                .hasMessageMatching("Span.attributes nests values deeper than 32 levels \\(at byte \\d+\\)");
    }

    // ------------------------------------------------------------ helpers

    static void assertSameSpans(List<Span> actual, List<Span> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            if (!actual.get(i).equals(expected.get(i))) {
                fail("span " + i + " differs:\n  actual:   " + actual.get(i) + "\n  expected: " + expected.get(i));
            }
        }
    }

    static Map<String, AnyValue> byKey(List<Attribute> attributes) {
        Map<String, AnyValue> out = new HashMap<>();
        for (Attribute a : attributes) {
            out.put(a.key(), a.value());
        }
        return out;
    }

    /** A valid span of one trace; {@code n} makes its span ID and times distinct. */
    static io.opentelemetry.proto.trace.v1.Span span(String name, int n) {
        return io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(ByteString.fromHex("5b8efff798038103d269b633813fc60c"))
                .setSpanId(ByteString.fromHex(String.format("%016x", 0x1000L + n)))
                .setName(name)
                .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(NOW - 1_000_000L * n)
                .setEndTimeUnixNano(NOW - 1_000L * n)
                .addAttributes(kv("http.route", str("/n/" + n)))
                .setStatus(Status.getDefaultInstance())
                .build();
    }

    static ScopeSpans scopeSpans(String scope, io.opentelemetry.proto.trace.v1.Span... spans) {
        return ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName(scope))
                .addAllSpans(List.of(spans))
                .build();
    }

    /**
     * One ResourceSpans with one ScopeSpans holding the given spans, then the given raw span
     * bytes (written as repeated field 2 of the ScopeSpans, so they may be anything).
     */
    static ExportTraceServiceRequest request(List<io.opentelemetry.proto.trace.v1.Span> spans,
            List<ByteString> rawSpans) {
        UnknownFieldSet.Field.Builder raw = UnknownFieldSet.Field.newBuilder();
        rawSpans.forEach(raw::addLengthDelimited);
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("svc"))))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("lib"))
                                .addAllSpans(spans)
                                .setUnknownFields(rawSpans.isEmpty() ? UnknownFieldSet.getDefaultInstance()
                                        : UnknownFieldSet.newBuilder().addField(2, raw.build()).build())))
                .build();
    }
}
