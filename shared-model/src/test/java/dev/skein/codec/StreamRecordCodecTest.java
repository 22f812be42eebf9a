package dev.skein.codec;

import static dev.skein.codec.OtlpProtoDecoderTest.assertSameSpans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.fixtures.OtlpFixtures;
import dev.skein.fixtures.OtlpReference;
import dev.skein.model.Attribute;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamRecordCodecTest {
    private static final long NOW = OtlpFixtures.DEFAULT_NOW_NANOS;
    private static final String TENANT = "tenant-7f3a";

    // ------------------------------------------------------------ round trips

    @ParameterizedTest(name = "compression level {0}")
    @ValueSource(ints = {0, 1, 6, 9})
    void decode_whenRecordOfOneTrace_returnsHeaderAndSpans(int level) throws Exception {
        List<Span> trace = largestTrace(OtlpReference.toSpans(OtlpFixtures.request(12, 512, NOW)));
        assertThat(trace.size()).isGreaterThan(10);

        List<byte[]> records = records(new StreamRecordCodec.Encoder(level), trace);

        assertThat(records).hasSize(1);
        byte[] record = records.get(0);
        assertThat(Arrays.copyOf(record, 4)).containsExactly('S', 'K', 1, level == 0 ? 0 : 1);
        StreamRecordCodec.Decoded decoded = StreamRecordCodec.decode(record);
        assertSameSpans(decoded.spans(), trace);
        StreamRecordCodec.Header h = decoded.header();
        assertThat(h.tenant()).isEqualTo(TENANT);
        assertThat(h.traceId()).isEqualTo(trace.get(0).traceId());
        assertThat(h.spans()).isEqualTo(trace.size());
        assertThat(h.startNanos()).isEqualTo(trace.stream().mapToLong(Span::startEpochNanos).min().orElseThrow());
        assertThat(h.endNanos()).isEqualTo(trace.stream().mapToLong(Span::endEpochNanos).max().orElseThrow());
        assertThat(h.errors()).isEqualTo(trace.stream().filter(s -> s.status().code() == StatusCode.ERROR).count());
        assertThat(h.services()).containsExactlyElementsOf(
                new LinkedHashSet<>(trace.stream().map(Span::serviceName).toList()));
        assertThat(h.servicesComplete()).isTrue();
    }

    @Test
    void decode_whenKitchenSinkSpansOfEachTrace_roundTripExactly() throws Exception {
        List<Span> spans = OtlpReference.toSpans(OtlpFixtures.kitchenSinkRequest(NOW));
        for (List<Span> trace : byTrace(spans).values()) {
            for (int level : new int[] {0, 6}) {
                byte[] record = records(new StreamRecordCodec.Encoder(level), trace).get(0);
                assertSameSpans(StreamRecordCodec.decode(record).spans(), trace);
            }
        }
    }

    @Test
    void decode_whenTraceHasErrorsAndManyServices_countsThemInTheHeader() throws Exception {
        Span base = SpanRowCodecTest.minimal().build();
        List<Span> trace = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Span.Builder b = base.toBuilder();
            b.spanId = i + 1;
            b.startEpochNanos = NOW - 1000 * (10 - i);
            b.endEpochNanos = NOW - 1000 * (5 - i);
            b.status = i % 2 == 0 ? dev.skein.model.SpanStatus.of(StatusCode.ERROR, "x") : dev.skein.model.SpanStatus.UNSET;
            b.resource = new Resource(List.of(Attribute.of("service.name", i < 3 ? "b-svc" : "a-svc")), 0, "");
            trace.add(b.build());
        }

        StreamRecordCodec.Header h = StreamRecordCodec.decode(records(new StreamRecordCodec.Encoder(0), trace).get(0)).header();

        assertThat(h.errors()).isEqualTo(3);
        assertThat(h.services()).containsExactly("b-svc", "a-svc");
        assertThat(h.startNanos()).isEqualTo(NOW - 10_000);
        assertThat(h.endNanos()).isEqualTo(NOW - 1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a#b", "../etc", "tenant/with/slashes"})
    void decode_whenHeaderTenantCouldNotHaveComeFromIngest_rejectsTheRecord(String tenant) throws Exception {
        List<Span> trace = List.of(SpanRowCodecTest.minimal().build());
        byte[] record;
        try (StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(0)) {
            record = encoder.encodeTrace(tenant, trace).records().get(0);
        }

        assertThatThrownBy(() -> StreamRecordCodec.decode(record))
                .isInstanceOf(DecodeException.class).hasMessageContaining("no valid tenant");
    }

    @Test
    void encodeTrace_whenEncoderReusedBetweenTraces_returnsIdenticalBytes() throws Exception {
        List<Span> spans = OtlpReference.toSpans(OtlpFixtures.request(2, 30, NOW));
        List<Span> trace = largestTrace(spans);
        try (StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(6)) {
            byte[] first = records(encoder, trace).get(0);
            records(encoder, spans.subList(0, 1));

            assertThat(records(encoder, trace).get(0)).isEqualTo(first);
        }
    }

    @Test
    void records_whenSameTraceEncodedTwice_returnsIdenticalBytes() throws Exception {
        List<Span> trace = largestTrace(OtlpReference.toSpans(OtlpFixtures.request(3, 200, NOW)));

        assertThat(records(new StreamRecordCodec.Encoder(6), trace).get(0))
                .isEqualTo(records(new StreamRecordCodec.Encoder(6), trace).get(0));
    }

    // ------------------------------------------------------------ the gzip body

    @Test
    void encode_whenCompressed_bodyIsExactlyOneGzipMemberOfTheProtobuf() throws Exception {
        List<Span> trace = largestTrace(OtlpReference.toSpans(OtlpFixtures.request(13, 300, NOW)));
        StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(6);
        byte[] rows = protobuf(trace);
        byte[] record = records(encoder, trace).get(0);
        byte[] body = body(record);

        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            assertThat(in.readAllBytes()).isEqualTo(rows);
        }
        // One member: the fixed 10-byte header, one deflate stream, and the 8-byte trailer, nothing more.
        assertThat(Arrays.copyOf(body, 4)).containsExactly(0x1f, 0x8b, 8, 0);
        Inflater inflater = new Inflater(true);
        inflater.setInput(body, 10, body.length - 10);
        byte[] inflated = new byte[rows.length + 1];
        int n = inflater.inflate(inflated);
        assertThat(inflater.finished()).isTrue();
        assertThat(n).isEqualTo(rows.length);
        assertThat(inflater.getRemaining()).isEqualTo(8);
        inflater.end();
        CRC32 crc = new CRC32();
        crc.update(rows);
        int trailer = body.length - 8;
        assertThat(readIntLe(body, trailer)).isEqualTo((int) crc.getValue());
        assertThat(readIntLe(body, trailer + 4)).isEqualTo(rows.length);
    }

    @Test
    void encode_whenCompressedBodiesConcatenated_readAsOneGzipStreamOfOneValidRequest() throws Exception {
        List<Span> all = OtlpReference.toSpans(OtlpFixtures.request(14, 100, NOW));
        Map<TraceId, List<Span>> traces = byTrace(all);
        StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(1);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        ByteArrayOutputStream allBodies = new ByteArrayOutputStream();
        for (List<Span> trace : traces.values()) {
            archive.write(body(records(encoder, trace).get(0)));
            allBodies.write(protobuf(trace));
        }

        byte[] inflated;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(archive.toByteArray()))) {
            inflated = in.readAllBytes();
        }
        assertThat(inflated).isEqualTo(allBodies.toByteArray());
        // Protobuf merges repeated fields: the concatenation is one request holding every span.
        assertThat(new OtlpProtoDecoder().decode(inflated, Integer.MAX_VALUE).spans())
                .containsExactlyInAnyOrderElementsOf(all);
    }

    // ------------------------------------------------------------ splitting a trace

    @ParameterizedTest(name = "compression level {0}")
    @ValueSource(ints = {0, 6})
    void encodeTrace_whenSpansExceedSmallBudget_splitsInOrderWithinBudget(int level) throws Exception {
        List<Span> trace = oneTrace(OtlpReference.toSpans(OtlpFixtures.request(15, 60, NOW)));
        int budget = 8 * 1024;
        StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(level, budget);
        int total = protobuf(trace).length;

        List<byte[]> records = records(encoder, trace);

        assertThat(records.size()).isGreaterThan(total / budget);
        List<Span> decoded = new ArrayList<>();
        for (byte[] record : records) {
            StreamRecordCodec.Decoded d = StreamRecordCodec.decode(record);
            assertThat(d.header().spans()).isEqualTo(d.spans().size());
            assertThat(d.header().traceId()).isEqualTo(trace.get(0).traceId());
            assertThat(bodyBytes(record)).isLessThanOrEqualTo(budget);
            decoded.addAll(d.spans());
        }
        assertSameSpans(decoded, trace);
    }

    @ParameterizedTest(name = "compression level {0}")
    @ValueSource(ints = {0, 1})
    void encodeTrace_whenAboutThreeMebibytes_splitsIntoRecordsOfAtMostOneMebibyte(int level) throws Exception {
        List<Span> trace = oneTrace(OtlpReference.toSpans(OtlpFixtures.request(16, 3450, NOW)));
        StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(level);
        int total = protobuf(trace).length;
        assertThat(total).isBetween(3 * 1024 * 1024 - 256 * 1024, 3 * 1024 * 1024 + 256 * 1024);
        String key = StreamRecordCodec.partitionKey(TENANT, trace.get(0).traceId());

        List<byte[]> records = records(encoder, trace);

        int fewest = (total + StreamRecordCodec.MAX_BODY_BYTES - 1) / StreamRecordCodec.MAX_BODY_BYTES;
        assertThat(records.size()).isBetween(Math.max(3, fewest), fewest + 1);
        List<Span> decoded = new ArrayList<>();
        for (byte[] record : records) {
            assertThat(record.length + key.length()).isLessThanOrEqualTo(StreamRecordCodec.MAX_RECORD_BYTES);
            assertThat(bodyBytes(record)).isLessThanOrEqualTo(StreamRecordCodec.MAX_BODY_BYTES);
            decoded.addAll(StreamRecordCodec.decode(record).spans());
        }
        assertSameSpans(decoded, trace);
    }

    @Test
    void encodeTrace_whenASpanAloneExceedsTheBudget_returnsItAsTooLargeAndKeepsTheRest() throws Exception {
        List<Span> trace = oneTrace(OtlpReference.toSpans(OtlpFixtures.request(17, 6, NOW)));
        Span big = trace.stream().max(java.util.Comparator.comparingInt(s -> protobuf(List.of(s)).length)).orElseThrow();
        int bigSize = protobuf(List.of(big)).length;
        int budget = trace.stream().filter(s -> s != big).mapToInt(s -> protobuf(List.of(s)).length).max().orElseThrow();
        assertThat(bigSize).isGreaterThan(budget);
        StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(0, budget);

        StreamRecordCodec.EncodedTrace encoded = encoder.encodeTrace(TENANT, trace);

        assertThat(encoded.tooLarge()).containsExactly(big);
        List<Span> decoded = new ArrayList<>();
        for (byte[] record : encoded.records()) {
            assertThat(bodyBytes(record)).isLessThanOrEqualTo(budget);
            decoded.addAll(StreamRecordCodec.decode(record).spans());
        }
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(trace.stream().filter(s -> s != big).toList());
    }

    @Test
    void records_whenServiceNamesOverflowHeader_leavesSomeOutAndSaysSo() throws Exception {
        Span base = SpanRowCodecTest.minimal().build();
        List<Span> trace = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Span.Builder b = base.toBuilder();
            b.spanId = i + 1;
            b.resource = new Resource(List.of(Attribute.of("service.name", String.format("service-%05d", i))), 0, "");
            trace.add(b.build());
        }

        byte[] record = records(new StreamRecordCodec.Encoder(0), trace).get(0);

        StreamRecordCodec.Decoded d = StreamRecordCodec.decode(record);
        assertThat(d.header().servicesComplete()).isFalse();
        assertThat(d.header().services()).isNotEmpty().hasSizeLessThan(3000).startsWith("service-00000");
        assertThat(headerBytes(record)).isLessThanOrEqualTo(StreamRecordCodec.MAX_HEADER_BYTES);
        assertThat(d.spans()).hasSize(3000);
    }

    // ------------------------------------------------------------ malformed records

    @Test
    void decode_whenNotARecord_throwsDecodeException() throws Exception {
        byte[] valid = records(new StreamRecordCodec.Encoder(6), List.of(SpanRowCodecTest.minimal().build())).get(0);
        byte[] raw = records(new StreamRecordCodec.Encoder(0), List.of(SpanRowCodecTest.minimal().build())).get(0);
        byte[] wrongVersion = valid.clone();
        wrongVersion[2] = 2;
        byte[] badMagic = valid.clone();
        badMagic[1] = 'X';
        byte[] gzipFlagOnRawRows = raw.clone();
        gzipFlagOnRawRows[3] = 1;
        byte[] badCrc = valid.clone();
        badCrc[badCrc.length - 6] ^= 0x55;
        byte[] longHeader = {'S', 'K', 1, 0, 0x7f, '{', '}'};
        byte[] notJsonHeader = {'S', 'K', 1, 0, 2, 'x', 'y'};

        assertThatThrownBy(() -> StreamRecordCodec.decode(new byte[0])).hasMessageContaining("bad magic");
        assertThatThrownBy(() -> StreamRecordCodec.decode("SK\1\0".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> StreamRecordCodec.decode("garbage, not a record".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessage("not a Skein span record (bad magic)");
        assertThatThrownBy(() -> StreamRecordCodec.decode(badMagic)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("bad magic");
        assertThatThrownBy(() -> StreamRecordCodec.decode(wrongVersion)).isInstanceOf(DecodeException.class)
                .hasMessage("span record version 2 is not readable here");
        assertThatThrownBy(() -> StreamRecordCodec.decode(longHeader)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("record header");
        assertThatThrownBy(() -> StreamRecordCodec.decode(notJsonHeader)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("header is malformed");
        assertThatThrownBy(() -> StreamRecordCodec.decode(gzipFlagOnRawRows)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("not valid gzip");
        assertThatThrownBy(() -> StreamRecordCodec.decode(Arrays.copyOf(valid, valid.length - 4)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("not valid gzip");
        assertThatThrownBy(() -> StreamRecordCodec.decode(badCrc)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("not valid gzip");
    }

    @Test
    void decode_whenRandomByteMutations_returnsOrThrowsOnlyDecodeException() throws Exception {
        List<Span> trace = largestTrace(OtlpReference.toSpans(OtlpFixtures.request(18, 40, NOW)));
        byte[] raw = records(new StreamRecordCodec.Encoder(0), trace).get(0);
        byte[] gzip = records(new StreamRecordCodec.Encoder(6), trace).get(0);
        Random rnd = new Random(1024);
        for (int i = 0; i < 600; i++) {
            byte[] mutated = (i % 2 == 0 ? raw : gzip).clone();
            int at = rnd.nextInt(i % 3 == 0 ? Math.min(mutated.length, 300) : mutated.length);
            mutated[at] = (byte) (i % 4 == 0 ? "{}[]\":,0n\\".charAt(rnd.nextInt(10)) : rnd.nextInt(256));
            try {
                StreamRecordCodec.decode(mutated);
            } catch (DecodeException expected) {
                // allowed
            } catch (Throwable t) {
                throw new AssertionError("mutation " + i + " at byte " + at + " threw " + t, t);
            }
        }
    }

    @Test
    void partitionKey_whenTenantAndTrace_joinsThemWithASlash() {
        assertThat(StreamRecordCodec.partitionKey("acme", new TraceId(1, 2)))
                .isEqualTo("acme/00000000000000010000000000000002");
    }

    @Test
    void encoder_whenCompressionLevelOutOfRange_throwsIllegalArgument() {
        assertThatThrownBy(() -> new StreamRecordCodec.Encoder(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamRecordCodec.Encoder(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------ helpers

    private static List<byte[]> records(StreamRecordCodec.Encoder encoder, List<Span> trace) throws IOException {
        StreamRecordCodec.EncodedTrace encoded = encoder.encodeTrace(TENANT, trace);
        assertThat(encoded.tooLarge()).isEmpty();
        return encoded.records();
    }

    /** The uncompressed body a trace's spans make. */
    private static byte[] protobuf(List<Span> trace) {
        return new OtlpProtoEncoder().encode(trace);
    }

    private static Map<TraceId, List<Span>> byTrace(List<Span> spans) {
        Map<TraceId, List<Span>> out = new LinkedHashMap<>();
        for (Span s : spans) {
            out.computeIfAbsent(s.traceId(), t -> new ArrayList<>()).add(s);
        }
        return out;
    }

    private static List<Span> largestTrace(List<Span> spans) {
        return byTrace(spans).values().stream().max((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
    }

    /** All the spans, moved into one trace. */
    private static List<Span> oneTrace(List<Span> spans) {
        TraceId id = spans.get(0).traceId();
        return spans.stream().map(s -> {
            Span.Builder b = s.toBuilder();
            b.traceId = id;
            return b.build();
        }).toList();
    }

    private static int headerEnd(byte[] record) throws DecodeException {
        ProtoReader r = new ProtoReader(record, 4);
        return r.readLengthEnd(record.length, "test");
    }

    private static int headerBytes(byte[] record) throws DecodeException {
        ProtoReader r = new ProtoReader(record, 4);
        int end = r.readLengthEnd(record.length, "test");
        return end - r.pos;
    }

    private static byte[] body(byte[] record) throws DecodeException {
        return Arrays.copyOfRange(record, headerEnd(record), record.length);
    }

    /** The uncompressed size of a record's body. */
    private static int bodyBytes(byte[] record) throws IOException, DecodeException {
        byte[] body = body(record);
        if (record[3] == 0) {
            return body.length;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes().length;
        }
    }

    private static int readIntLe(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
