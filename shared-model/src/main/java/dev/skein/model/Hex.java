package dev.skein.model;

/** Hex and big-endian helpers for IDs. Span IDs are plain {@code long}s; 0 means "none". */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    /** 16 lower-case hex digits. */
    public static String spanIdToHex(long id) {
        char[] out = new char[16];
        writeLong(id, out, 0);
        return new String(out);
    }

    /**
     * Parses exactly 16 hex digits, either case.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static long parseSpanId(CharSequence hex) {
        if (hex.length() != 16) {
            throw new IllegalArgumentException("span ID must be 16 hex digits, got " + hex.length());
        }
        return parseLong(hex, 0);
    }

    static void writeLong(long v, char[] out, int at) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = DIGITS[(int) (v & 0xf)];
            v >>>= 4;
        }
    }

    static long parseLong(CharSequence hex, int from) {
        long v = 0;
        for (int i = from; i < from + 16; i++) {
            char c = hex.charAt(i);
            // ASCII only: Character.digit also accepts fullwidth and other Unicode digits.
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                throw new IllegalArgumentException(
                        "not a hex digit: '" + hex.charAt(i) + "' at position " + i);
            }
            v = (v << 4) | d;
        }
        return v;
    }

    public static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
