package dev.skein.codec;

import java.util.Arrays;

/**
 * Writes the protobuf wire format back to front. A length-delimited field is written content
 * first, so its length is known when its prefix is written: one pass, no size pre-computation,
 * and minimal varints, which makes the output byte-identical to protobuf-java's when fields are
 * written in descending field-number order (and repeated elements last to first).
 */
final class ReverseProtoWriter {
    private byte[] buf;
    /** Index of the first written byte; the output is {@code buf[pos, buf.length)}. */
    private int pos;

    ReverseProtoWriter(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
        pos = buf.length;
    }

    /** Bytes written so far; a field's length is the difference of two readings. */
    int size() {
        return buf.length - pos;
    }

    void reset() {
        pos = buf.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOfRange(buf, pos, buf.length);
    }

    private void ensure(int n) {
        if (pos < n) {
            int used = buf.length - pos;
            int capacity = Math.max(buf.length * 2, used + n + 64);
            byte[] grown = new byte[capacity];
            System.arraycopy(buf, pos, grown, capacity - used, used);
            buf = grown;
            pos = capacity - used;
        }
    }

    void varint(long v) {
        ensure(10);
        int n = varintSize(v);
        int p = pos - n;
        pos = p;
        while ((v & ~0x7fL) != 0) {
            buf[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[p] = (byte) v;
    }

    static int varintSize(long v) {
        return v == 0 ? 1 : (63 - Long.numberOfLeadingZeros(v)) / 7 + 1;
    }

    void tag(int field, int wireType) {
        varint((long) field << 3 | wireType);
    }

    void fixed64(long v) {
        ensure(8);
        pos -= 8;
        for (int i = 0; i < 8; i++) {
            buf[pos + i] = (byte) (v >>> (8 * i));
        }
    }

    void fixed32(int v) {
        ensure(4);
        pos -= 4;
        for (int i = 0; i < 4; i++) {
            buf[pos + i] = (byte) (v >>> (8 * i));
        }
    }

    void bytes(byte[] b) {
        ensure(b.length);
        pos -= b.length;
        System.arraycopy(b, 0, buf, pos, b.length);
    }

    /** 8 big-endian bytes, as IDs are laid out on the wire. */
    void bigEndian(long v) {
        ensure(8);
        pos -= 8;
        for (int i = 0; i < 8; i++) {
            buf[pos + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    /** The string's UTF-8 bytes; the model holds well-formed strings only. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): right for ASCII
    void utf8(String s) {
        int n = s.length();
        int len = n;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                len = utf8Length(s, i);
                break;
            }
        }
        ensure(len);
        pos -= len;
        int p = pos;
        if (len == n) {
            // All ASCII: the JDK's bulk copy of the low byte of each char is exactly UTF-8 here,
            // and several times faster than a loop over charAt.
            s.getBytes(0, n, buf, p);
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[p++] = (byte) c;
            } else if (c < 0x800) {
                buf[p++] = (byte) (0xc0 | c >>> 6);
                buf[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[p++] = (byte) (0xf0 | cp >>> 18);
                buf[p++] = (byte) (0x80 | cp >>> 12 & 0x3f);
                buf[p++] = (byte) (0x80 | cp >>> 6 & 0x3f);
                buf[p++] = (byte) (0x80 | cp & 0x3f);
            } else {
                buf[p++] = (byte) (0xe0 | c >>> 12);
                buf[p++] = (byte) (0x80 | c >>> 6 & 0x3f);
                buf[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
    }

    private static int utf8Length(String s, int from) {
        int len = from;
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                len += 1;
            } else if (c < 0x800) {
                len += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                len += 4;
                i++;
            } else {
                len += 3;
            }
        }
        return len;
    }

    // Field helpers: each skips the field when it holds proto3's default, as protobuf-java does.

    void stringField(int field, String s) {
        if (!s.isEmpty()) {
            int end = size();
            utf8(s);
            varint(size() - end);
            tag(field, ProtoReader.LEN);
        }
    }

    void uint64Field(int field, long v) {
        if (v != 0) {
            varint(v);
            tag(field, ProtoReader.VARINT);
        }
    }

    void fixed64Field(int field, long v) {
        if (v != 0) {
            fixed64(v);
            tag(field, ProtoReader.FIXED64);
        }
    }

    void fixed32Field(int field, int v) {
        if (v != 0) {
            fixed32(v);
            tag(field, ProtoReader.FIXED32);
        }
    }

    /** Closes a length-delimited field whose content was written since {@code endMark}. */
    void closeMessage(int field, int endMark) {
        varint(size() - endMark);
        tag(field, ProtoReader.LEN);
    }
}
