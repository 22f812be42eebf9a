package dev.skein.model;

/** Cutting text to a UTF-8 byte budget, as limits on values and on index keys need. */
public final class Utf8Prefix {
    private Utf8Prefix() {}

    /** The same string when its UTF-8 form fits; else its longest prefix that fits, whole code points only. */
    public static String of(String s, int maxBytes) {
        int n = s.length();
        if (n * 3 <= maxBytes) {
            return s; // even all-BMP-non-ASCII fits: no need to measure
        }
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int w;
            if (c < 0x80) {
                w = 1;
            } else if (c < 0x800) {
                w = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                w = 4;
            } else {
                w = 3;
            }
            if (bytes + w > maxBytes) {
                return s.substring(0, i);
            }
            bytes += w;
            if (w == 4) {
                i++;
            }
        }
        return s;
    }
}
