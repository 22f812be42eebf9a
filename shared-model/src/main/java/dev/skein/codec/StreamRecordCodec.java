package dev.skein.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.skein.model.Span;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * The span-stream record, version 1: the spans of one trace of one tenant, as span rows, behind
 * a small header that lets the assembler index the trace without reading its spans.
 *
 * <pre>
 * 'S' 'K'  version (1)  flags (bit 0: body is one gzip member)
 * varint header length, header JSON: {"tenant","traceId","spans","start","end","errors","services"}
 * body: span rows, one JSON object per line (see {@link SpanRowCodec}), gzip'd when flagged
 * </pre>
 *
 * A gzip'd body is exactly one gzip member, so the assembler can append it to an archive object
 * unchanged: concatenated members are one valid gzip stream.
 */
public final class StreamRecordCodec {
    public static final int VERSION = 1;
    static final int FLAG_GZIP = 1;
    static final byte MAGIC_0 = 'S';
    static final byte MAGIC_1 = 'K';

    /** Kinesis's limit on one record: data plus partition key. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;
    /** Service names beyond this much header are left out of the header (never of the rows). */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Rows per record, uncompressed: what is left after header, envelope, partition key and
     *  deflate's worst-case growth on incompressible input. */
    public static final int MAX_ROWS_BYTES = MAX_RECORD_BYTES - MAX_HEADER_BYTES - 4 * 1024;

    private StreamRecordCodec() {}

    /** The header fields of a record. {@code servicesComplete} is false when names were left out. */
    public record Header(String tenant, TraceId traceId, int spans, long startNanos, long endNanos,
            int errors, List<String> services, boolean servicesComplete) {}

    public record Decoded(Header header, List<Span> spans) {}

    /**
     * Builds the records of one request. Not thread-safe: one per request (or per thread); it
     * reuses its buffers, generator and deflater across the traces of the request.
     */
    public static final class Encoder implements AutoCloseable {
        private final int compressionLevel;
        private final int maxRowsBytes;
        private final ByteArrayBuilder rowBuf = new ByteArrayBuilder(4096);
        private final JsonGenerator rowGen;
        private final ByteArrayOutputStream rows = new ByteArrayOutputStream(64 * 1024);
        private final Deflater deflater;
        private final byte[] deflateBuf = new byte[16 * 1024];

        /** @param compressionLevel 0 for uncompressed records, else a deflate level 1–9 */
        public Encoder(int compressionLevel) {
            this(compressionLevel, MAX_ROWS_BYTES);
        }

        Encoder(int compressionLevel, int maxRowsBytes) {
            if (compressionLevel < 0 || compressionLevel > 9) {
                throw new IllegalArgumentException("compression level must be 0-9, got " + compressionLevel);
            }
            this.compressionLevel = compressionLevel;
            this.maxRowsBytes = maxRowsBytes;
            this.deflater = compressionLevel == 0 ? null : new Deflater(compressionLevel, true);
            try {
                this.rowGen = Json.FACTORY.createGenerator(rowBuf);
                // Rows are root values of one reused generator: without this, every row after the
                // first would start with Jackson's default " " separator.
                this.rowGen.setRootValueSeparator(null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The largest encoded row a record can hold: a span larger than this is refused. */
        public int maxRowBytes() {
            return maxRowsBytes;
        }

        /** Encodes one span as a row, newline included. */
        public byte[] row(Span span) throws IOException {
            rowBuf.reset();
            SpanRowCodec.write(rowGen, span);
            rowGen.flush();
            rowBuf.append('\n');
            return rowBuf.toByteArray();
        }

        /**
         * Encodes the rows of one trace into as few records as the record limit allows, in
         * order. Every row must be at most {@link #maxRowBytes()} long.
         */
        public List<byte[]> records(String tenant, List<Span> spans, List<byte[]> encodedRows)
                throws IOException {
            List<byte[]> out = new ArrayList<>(1);
            int from = 0;
            int size = 0;
            for (int i = 0; i < encodedRows.size(); i++) {
                int len = encodedRows.get(i).length;
                if (size + len > maxRowsBytes && i > from) {
                    out.add(record(tenant, spans.subList(from, i), encodedRows.subList(from, i)));
                    from = i;
                    size = 0;
                }
                size += len;
            }
            if (from < encodedRows.size()) {
                out.add(record(tenant, spans.subList(from, encodedRows.size()),
                        encodedRows.subList(from, encodedRows.size())));
            }
            return out;
        }

        private byte[] record(String tenant, List<Span> spans, List<byte[]> encodedRows)
                throws IOException {
            rows.reset();
            for (byte[] r : encodedRows) {
                rows.write(r);
            }
            byte[] header = header(tenant, spans);
            ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() / 4 + header.length + 16);
            out.write(MAGIC_0);
            out.write(MAGIC_1);
            out.write(VERSION);
            out.write(compressionLevel == 0 ? 0 : FLAG_GZIP);
            writeVarint(out, header.length);
            out.write(header);
            if (compressionLevel == 0) {
                rows.writeTo(out);
            } else {
                gzip(rows.toByteArray(), out);
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

        /** One gzip member: 10-byte header, raw deflate, CRC-32 and size trailer (RFC 1952). */
        private void gzip(byte[] data, ByteArrayOutputStream out) {
            out.write(0x1f);
            out.write(0x8b);
            out.write(8); // deflate
            out.writeBytes(new byte[7]); // no flags, no mtime (deterministic bytes), xfl 0, OS 0
            deflater.reset();
            deflater.setInput(data);
            deflater.finish();
            while (!deflater.finished()) {
                int n = deflater.deflate(deflateBuf);
                out.write(deflateBuf, 0, n);
            }
            CRC32 crc = new CRC32();
            crc.update(data);
            writeIntLe(out, (int) crc.getValue());
            writeIntLe(out, data.length);
        }

        @Override
        public void close() {
            if (deflater != null) {
                deflater.end();
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
        byte[] rows;
        if ((flags & FLAG_GZIP) != 0) {
            try (InputStream in = new GZIPInputStream(
                    new ByteArrayInputStream(record, headerEnd, record.length - headerEnd))) {
                rows = in.readAllBytes();
            } catch (IOException e) {
                throw new DecodeException("span record body is not valid gzip: " + e.getMessage(), e);
            }
        } else {
            rows = java.util.Arrays.copyOfRange(record, headerEnd, record.length);
        }
        return new Decoded(header, SpanRowCodec.readAll(rows));
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

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /** The stream's partition key for a trace: tenant and trace ID, so a trace stays on one shard. */
    public static String partitionKey(String tenant, TraceId traceId) {
        return tenant + "/" + traceId.toHex();
    }
}
