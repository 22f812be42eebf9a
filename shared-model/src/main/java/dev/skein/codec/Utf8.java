package dev.skein.codec;

import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: the JDK's decoders replace bad input silently, and we must reject it. */
final class Utf8 {
    private Utf8() {}

    /** The string, or {@code null} when the bytes are not well-formed UTF-8. */
    static String decodeOrNull(byte[] b, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] < 0) {
                return isValid(b, i, end) ? new String(b, off, len, StandardCharsets.UTF_8) : null;
            }
        }
        // All ASCII: Latin-1 decoding is the JDK's cheapest path and gives the same string.
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    /** Well-formed per RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF. */
    static boolean isValid(byte[] b, int i, int end) {
        while (i < end) {
            int c = b[i++] & 0xff;
            if (c < 0x80) {
                continue;
            }
            int need;
            int min2 = 0x80;
            int max2 = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2;
                if (c == 0xe0) {
                    min2 = 0xa0; // overlong
                } else if (c == 0xed) {
                    max2 = 0x9f; // surrogates
                }
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3;
                if (c == 0xf0) {
                    min2 = 0x90; // overlong
                } else if (c == 0xf4) {
                    max2 = 0x8f; // above U+10FFFF
                }
            } else {
                return false;
            }
            if (end - i < need) {
                return false;
            }
            int c2 = b[i++] & 0xff;
            if (c2 < min2 || c2 > max2) {
                return false;
            }
            for (int k = 1; k < need; k++) {
                if ((b[i++] & 0xc0) != 0x80) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True when the Java string holds an unpaired surrogate, which has no UTF-8 form. */
    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }
}
