package dev.skein.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.skein.model.InstrumentationScope;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.StatusCode;
import dev.skein.model.Tenants;
import dev.skein.model.TraceId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The span-stream record, version 1: the spans of one trace of one tenant, as an OTLP
 * {@code ExportTraceServiceRequest}, behind a small header that lets the assembler index the
 * trace without reading its spans.
 *
 * <pre>
 * 'S' 'K'  version (1)  flags (bit 0: body is one gzip member)
 * varint header length, header JSON: {"tenant","traceId","spans","start","end","errors","services"}
 * body: OTLP protobuf ExportTraceServiceRequest (spans grouped by resource and scope), gzip'd when flagged
 * </pre>
 *
 * <p>OTLP protobuf because it is the compact, lossless form every input already maps to, and the
 * cheapest to write (see {@link OtlpProtoEncoder}); the ingest path spends its time decoding,
 * not encoding. Concatenated bodies are again one valid request (protobuf merges repeated
 * fields), and concatenated gzip members are one valid gzip stream, so records can be appended
 * to one another unchanged.
 */
public final class StreamRecordCodec {
    public static final int VERSION = 1;
    static final int FLAG_GZIP = 1;
    static final byte MAGIC_0 = 'S';
    static final byte MAGIC_1 = 'K';

    /** Kinesis's limit on one record: data plus partition key. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;
    /** Service names beyond this much header are left out of the header (never of the spans). */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Body per record, uncompressed: what is left after header, envelope, partition key and
     *  deflate's worst-case growth on incompressible input. */
    public static final int MAX_BODY_BYTES = MAX_RECORD_BYTES - MAX_HEADER_BYTES - 4 * 1024;
    /** Growth of a wrapper's length prefixes (ResourceSpans, ScopeSpans) in a large chunk. */
    private static final int WRAPPER_SLACK = 16;

    /** Stateless, so one serves every decode. */
    private static final OtlpProtoDecoder BODY_DECODER = new OtlpProtoDecoder();

    private StreamRecordCodec() {}

    /** The header fields of a record. {@code servicesComplete} is false when names were left out. */
    public record Header(String tenant, TraceId traceId, int spans, long startNanos, long endNanos,
            int errors, List<String> services, boolean servicesComplete) {}

    public record Decoded(Header header, List<Span> spans) {}

    /** The records of one trace, and the spans too large to fit any record even alone. */
    public record EncodedTrace(List<byte[]> records, List<Span> tooLarge) {}

    /**
     * Builds the records of one request. Not thread-safe: one per request (or per thread); it
     * reuses its buffers and deflater across the traces of the request.
     */
    public static final class Encoder implements AutoCloseable {
        private final int compressionLevel;
        private final int maxBodyBytes;
        private final OtlpProtoEncoder proto = new OtlpProtoEncoder();
        private final GzipMemberWriter gzip;

        /** @param compressionLevel 0 for uncompressed records, else a deflate level 1–9 */
        public Encoder(int compressionLevel) {
            this(compressionLevel, MAX_BODY_BYTES);
        }

        Encoder(int compressionLevel, int maxBodyBytes) {
            if (compressionLevel < 0 || compressionLevel > 9) {
                throw new IllegalArgumentException("compression level must be 0-9, got " + compressionLevel);
            }
            this.compressionLevel = compressionLevel;
            this.maxBodyBytes = maxBodyBytes;
            this.gzip = compressionLevel == 0 ? null : new GzipMemberWriter(compressionLevel);
        }

        /** The largest body one record carries: a span that alone encodes larger is refused. */
        public int maxBodyBytes() {
            return maxBodyBytes;
        }

        /**
         * Encodes the spans of one trace into as few records as the record limit allows. The
         * common case, a trace that fits, costs one encoding.
         */
        public EncodedTrace encodeTrace(String tenant, List<Span> spans) throws IOException {
            byte[] body = proto.encode(spans);
            if (body.length <= maxBodyBytes) {
                return new EncodedTrace(List.of(record(tenant, spans, body)), List.of());
            }
            // Too big for one record: chunk the spans. A chunk's size is bounded from above by the
            // sum of its spans' own fields plus, once per (resource, scope) the chunk holds, the
            // wrapper those need, with room for their length prefixes to grow.
            List<byte[]> records = new ArrayList<>();
            List<Span> tooLarge = new ArrayList<>(0);
            List<Span> chunk = new ArrayList<>();
            // Grouped by identity, as OtlpProtoEncoder groups them.
            Map<Resource, Set<InstrumentationScope>> chunkWrappers = new IdentityHashMap<>();
            long chunkBytes = 0;
            for (Span span : spans) {
                int spanBytes = proto.spanFieldSize(span);
                int alone = proto.encode(List.of(span)).length;
                if (alone > maxBodyBytes) {
                    tooLarge.add(span);
                    continue;
                }
                Set<InstrumentationScope> scopes = chunkWrappers.get(span.resource());
                boolean wrapped = scopes != null && scopes.contains(span.scope());
                long cost = spanBytes + (wrapped ? 0 : alone - spanBytes + WRAPPER_SLACK);
                if (chunkBytes + cost > maxBodyBytes && !chunk.isEmpty()) {
                    records.add(record(tenant, chunk, proto.encode(chunk)));
                    chunk = new ArrayList<>();
                    chunkWrappers.clear();
                    chunkBytes = 0;
                    cost = alone + WRAPPER_SLACK;
                }
                chunkWrappers.computeIfAbsent(span.resource(),
                        r -> Collections.newSetFromMap(new IdentityHashMap<>())).add(span.scope());
                chunk.add(span);
                chunkBytes += cost;
            }
            if (!chunk.isEmpty()) {
                records.add(record(tenant, chunk, proto.encode(chunk)));
            }
            return new EncodedTrace(records, tooLarge);
        }

        private byte[] record(String tenant, List<Span> spans, byte[] body) throws IOException {
            byte[] header = header(tenant, spans);
            ByteArrayOutputStream out = new ByteArrayOutputStream(
                    (compressionLevel == 0 ? body.length : body.length / 3) + header.length + 16);
            out.write(MAGIC_0);
            out.write(MAGIC_1);
            out.write(VERSION);
            out.write(compressionLevel == 0 ? 0 : FLAG_GZIP);
            writeVarint(out, header.length);
            out.write(header);
            if (compressionLevel == 0) {
                out.write(body);
            } else {
                gzip.write(body, out);
            }
            return out.toByteArray();
        }
        private static byte[] header(String tenant, List<Span> spans) throws IOException {
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            int errors = 0;
            Set<String> services = new LinkedHashSet<>();
            for (Span s : spans) {
                start = Math.min(start, s.startEpochNanos());
                end = Math.max(end, s.endEpochNanos());
                if (s.status().code() == StatusCode.ERROR) {
                    errors++;
                }
                services.add(s.serviceName());
            }
            ByteArrayBuilder buf = new ByteArrayBuilder(256);
            try (JsonGenerator g = Json.FACTORY.createGenerator(buf)) {
                g.writeStartObject();
                g.writeStringField("tenant", tenant);
                g.writeStringField("traceId", spans.get(0).traceId().toHex());
                g.writeNumberField("spans", spans.size());
                g.writeNumberField("start", start);
                g.writeNumberField("end", end);
                g.writeNumberField("errors", errors);
                g.writeArrayFieldStart("services");
                int budget = MAX_HEADER_BYTES - 512 - tenant.length();
                boolean complete = true;
                for (String service : services) {
                    budget -= service.length() * 3 + 8; // worst-case UTF-8 and escaping
                    if (budget < 0) {
                        complete = false;
                        break;
                    }
                    g.writeString(service);
                }
                g.writeEndArray();
                if (!complete) {
                    g.writeBooleanField("servicesComplete", false);
                }
                g.writeEndObject();
            }
            return buf.toByteArray();
        }

        @Override
        public void close() {
            if (gzip != null) {
                gzip.close();
            }
        }
    }

    /** Reads a whole record: header and spans. */
    public static Decoded decode(byte[] record) throws DecodeException {
        if (record.length < 5 || record[0] != MAGIC_0 || record[1] != MAGIC_1) {
            throw new DecodeException("not a Skein span record (bad magic)");
        }
        if (record[2] != VERSION) {
            throw new DecodeException("span record version " + record[2] + " is not readable here");
        }
        int flags = record[3];
        ProtoReader r = new ProtoReader(record, 4);
        int headerEnd = r.readLengthEnd(record.length, "record header");
        Header header = readHeader(record, r.pos, headerEnd - r.pos);
        byte[] body;
        if ((flags & FLAG_GZIP) != 0) {
            try (InputStream in = new GZIPInputStream(
                    new ByteArrayInputStream(record, headerEnd, record.length - headerEnd))) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new DecodeException("span record body is not valid gzip: " + e.getMessage(), e);
            }
        } else {
            body = java.util.Arrays.copyOfRange(record, headerEnd, record.length);
        }
        DecodedSpans spans;
        try {
            spans = BODY_DECODER.decode(body, Integer.MAX_VALUE);
        } catch (TooManySpansException e) {
            throw new IllegalStateException("unbounded decode cannot exceed its bound", e);
        }
        if (spans.rejectedCount() > 0) {
            throw new DecodeException("span record holds spans that are not valid: "
                    + String.join("; ", spans.rejectionReasons()));
        }
        return new Decoded(header, spans.spans());
    }

    private static Header readHeader(byte[] b, int off, int len) throws DecodeException {
        try (JsonParser p = Json.FACTORY.createParser(b, off, len)) {
            JsonCursor c = new JsonCursor(p);
            p.nextToken();
            c.startObject("header");
            String tenant = "";
            TraceId traceId = null;
            int spans = 0;
            long start = 0;
            long end = 0;
            int errors = 0;
            List<String> services = new ArrayList<>();
            boolean complete = true;
            while (c.nextField()) {
                switch (c.fieldName()) {
                    case "tenant" -> tenant = c.string("tenant");
                    case "traceId" -> traceId = TraceId.fromHex(c.string("traceId"));
                    case "spans" -> spans = (int) c.int64("spans");
                    case "start" -> start = c.int64("start");
                    case "end" -> end = c.int64("end");
                    case "errors" -> errors = (int) c.int64("errors");
                    case "services" -> {
                        c.startArray("services");
                        while (c.nextElement()) {
                            services.add(c.string("services[]"));
                        }
                    }
                    case "servicesComplete" -> complete = c.bool("servicesComplete");
                    default -> c.skipValue();
                }
            }
            // The header names the storage keys everything downstream writes: refuse what no
            // ingest would have written rather than let it reach them.
            if (!Tenants.isValid(tenant)) {
                throw new DecodeException("span record header has no valid tenant");
            }
            if (traceId == null || traceId.isZero()) {
                throw new DecodeException("span record header has no trace ID");
            }
            return new Header(tenant, traceId, spans, start, end, errors, services, complete);
        } catch (IOException | IllegalArgumentException e) {
            throw new DecodeException("span record header is malformed: " + e.getMessage(), e);
        }
    }

    static void writeVarint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }


    /** The stream's partition key for a trace: tenant and trace ID, so a trace stays on one shard. */
    public static String partitionKey(String tenant, TraceId traceId) {
        return tenant + "/" + traceId.toHex();
    }
}
