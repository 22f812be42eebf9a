package dev.skein.codec;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Protobuf wire bytes built by hand, for bodies the generated classes refuse to write. */
final class Wire {
    private Wire() {}

    static ByteString cat(ByteString... parts) {
        ByteString out = ByteString.EMPTY;
        for (ByteString p : parts) {
            out = out.concat(p);
        }
        return out;
    }

    /** A length-delimited field: tag, length, payload. */
    static ByteString len(int field, ByteString payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) field << 3 | 2);
        varint(out, payload.size());
        return ByteString.copyFrom(out.toByteArray()).concat(payload);
    }

    static ByteString len(int field, byte[] payload) {
        return len(field, ByteString.copyFrom(payload));
    }

    static ByteString len(int field, String utf8) {
        return len(field, utf8.getBytes(StandardCharsets.UTF_8));
    }

    static ByteString varintField(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) field << 3);
        varint(out, value);
        return ByteString.copyFrom(out.toByteArray());
    }

    static ByteString fixed64Field(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) field << 3 | 1);
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return ByteString.copyFrom(out.toByteArray());
    }

    static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Bytes that are not UTF-8: a lead byte followed by an ASCII byte. */
    static final byte[] BAD_UTF8 = {(byte) 0xC3, (byte) 0x28};
}
