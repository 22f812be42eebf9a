package dev.skein.local.demo;

import java.nio.charset.StandardCharsets;

/**
 * The text in OTLP/HTTP's protobuf answers, for the demo's log: an error's {@code
 * google.rpc.Status} (code 1, message 2) or a partial success, {@code ExportTraceServiceResponse}
 * whose {@code partial_success} (1) holds {@code rejected_spans} (1) and {@code error_message}
 * (2). The codec writes these answers; nothing else in Skein needs to read them.
 */
final class OtlpAnswers {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LEN = 2;
    private static final int FIXED32 = 5;

    private OtlpAnswers() {}

    static String message(byte[] body) {
        try {
            return read(new Cursor(body), body.length, true);
        } catch (IndexOutOfBoundsException e) {
            return "(" + body.length + " bytes that are not an OTLP answer)";
        }
    }

    private static String read(Cursor in, int end, boolean top) {
        String message = "";
        long rejected = 0;
        while (in.pos < end) {
            long key = in.varint();
            int field = (int) (key >>> 3);
            switch ((int) key & 7) {
                case VARINT -> {
                    long v = in.varint();
                    if (!top && field == 1) rejected = v;
                }
                case LEN -> {
                    int length = (int) in.varint();
                    int to = in.pos + length;
                    if (to > end || length < 0) throw new IndexOutOfBoundsException(to);
                    if (top && field == 1) {
                        message = read(in, to, false); // partial_success
                    } else if (field == 2) {
                        message = new String(in.bytes, in.pos, length, StandardCharsets.UTF_8);
                    }
                    in.pos = to;
                }
                case FIXED64 -> in.pos += 8;
                case FIXED32 -> in.pos += 4;
                default -> throw new IndexOutOfBoundsException("wire type " + (key & 7));
            }
        }
        return rejected > 0 ? rejected + " spans rejected: " + message : message;
    }

    private static final class Cursor {
        final byte[] bytes;
        int pos;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = bytes[pos++];
                v |= (long) (b & 0x7f) << shift;
                if (b >= 0) return v;
            }
            throw new IndexOutOfBoundsException("varint over 10 bytes");
        }
    }
}
