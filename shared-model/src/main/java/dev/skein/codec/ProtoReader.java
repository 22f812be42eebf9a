package dev.skein.codec;

/**
 * Reads the protobuf wire format from a byte array. Every read is bounds-checked against the
 * end of the enclosing message, so truncated or lying lengths become a {@link DecodeException}
 * that names the message and the byte offset, never an index error or a huge allocation.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    final byte[] buf;
    int pos;

    ProtoReader(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    long readVarint(int end, String where) throws DecodeException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw truncated(where, end);
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new DecodeException("malformed varint in " + where + " at byte " + (pos - 10));
    }

    int readTag(int end, String where) throws DecodeException {
        long tag = readVarint(end, where);
        if (tag >>> 32 != 0 || (tag >>> 3) == 0) {
            throw new DecodeException("invalid field tag " + tag + " in " + where + " at byte " + pos);
        }
        return (int) tag;
    }

    long readFixed64(int end, String where) throws DecodeException {
        if (end - pos < 8) {
            throw truncated(where, end);
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    int readFixed32(int end, String where) throws DecodeException {
        if (end - pos < 4) {
            throw truncated(where, end);
        }
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16
                | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    /** Reads a length prefix and returns the end offset of the field's payload. */
    int readLengthEnd(int end, String where) throws DecodeException {
        long len = readVarint(end, where);
        if (len < 0 || len > end - pos) {
            throw new DecodeException("truncated " + where + " at byte " + pos + ": length " + len
                    + " runs past the end of its enclosing message at byte " + end);
        }
        return pos + (int) len;
    }

    void skip(int wireType, int end, String where) throws DecodeException {
        switch (wireType) {
            case VARINT -> readVarint(end, where);
            case FIXED64 -> {
                if (end - pos < 8) {
                    throw truncated(where, end);
                }
                pos += 8;
            }
            case LEN -> pos = readLengthEnd(end, where);
            case FIXED32 -> {
                if (end - pos < 4) {
                    throw truncated(where, end);
                }
                pos += 4;
            }
            default -> throw new DecodeException("unsupported wire type " + wireType + " in "
                    + where + " at byte " + pos);
        }
    }

    void expectWireType(int tag, int wireType, String where) throws DecodeException {
        if ((tag & 7) != wireType) {
            throw new DecodeException("field " + (tag >>> 3) + " of " + where + " has wire type "
                    + (tag & 7) + ", expected " + wireType + " (at byte " + pos + ")");
        }
    }

    private DecodeException truncated(String where, int end) {
        return new DecodeException("truncated " + where + " at byte " + pos
                + ": the message ends at byte " + end);
    }
}
