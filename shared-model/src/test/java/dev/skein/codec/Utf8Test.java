package dev.skein.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "plain ASCII", "é", "ünïcödé", "€", "日本語", "\uD83D\uDE00", "\uD83D\uDE00 mixed é € 日",
        "\u0000", "\u007f\u0080\u07ff\u0800\uffff", "\uD800\uDC00", "\uDBFF\uDFFF", "\uD7FF\uE000"})
    void isValid_whenWellFormedMultiByte_returnsTrueAndDecodes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8.isValid(b, 0, b.length)).isTrue();
        assertThat(Utf8.decodeOrNull(b, 0, b.length)).isEqualTo(s);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "c080", "c1bf", "e08080", "e09fbf", "f0808080", "f08fbfbf", // overlong
        "eda080", "edbfbf", "eda0bdedb880", // surrogates, also as a CESU-8 pair
        "f4908080", "f5808080", "f7bfbfbf", "f888808080", "fc8480808080", // above U+10FFFF
        "c3", "e282", "f09f98", "e2", "f0", // truncated
        "80", "bf", "c328", "e228a1", "e282" + "28", "f0289f98", "f09f2898", "f09f9828", // bad continuation
        "fe", "ff", "41c3"})
    void isValid_whenIllFormed_returnsFalseAndDecodeReturnsNull(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);

        assertThat(Utf8.isValid(b, 0, b.length)).isFalse();
        assertThat(Utf8.decodeOrNull(b, 0, b.length)).isNull();
        assertThat(strictlyValid(b, 0, b.length)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ed9fbf", "ee8080", "f48fbfbf", "f0908080", "e0a080", "c280", "dfbf", "efbfbf"})
    void isValid_whenOnTheEdgeOfARange_returnsTrue(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);

        assertThat(Utf8.isValid(b, 0, b.length)).isTrue();
        assertThat(strictlyValid(b, 0, b.length)).isTrue();
    }

    @Test
    void decodeOrNull_whenGivenASlice_readsOnlyTheSlice() {
        byte[] b = HexFormat.of().parseHex("ff" + "41e282ac42" + "c3");

        assertThat(Utf8.decodeOrNull(b, 1, 5)).isEqualTo("A€B");
        assertThat(Utf8.decodeOrNull(b, 1, 2)).isNull(); // cuts the euro sign
        assertThat(Utf8.decodeOrNull(b, 0, 2)).isNull();
        assertThat(Utf8.decodeOrNull(b, 1, 1)).isEqualTo("A");
        assertThat(Utf8.decodeOrNull(b, 3, 0)).isEmpty();
    }

    @Test
    void isValid_whenRandomBytes_agreesWithStrictJdkDecoder() {
        Random rnd = new Random(3629);
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] b = randomBytes(rnd, i);
            int off = b.length > 0 ? rnd.nextInt(Math.min(3, b.length)) : 0;
            int len = b.length - off - (b.length - off > 0 ? rnd.nextInt(Math.min(2, b.length - off) + 1) : 0);
            boolean expected = strictlyValid(b, off, len);

            assertThat(Utf8.isValid(b, off, off + len)).as("%s [%d, +%d)", HexFormat.of().formatHex(b), off, len)
                    .isEqualTo(expected);
            String decoded = Utf8.decodeOrNull(b, off, len);
            if (expected) {
                valid++;
                assertThat(decoded).isEqualTo(new String(b, off, len, StandardCharsets.UTF_8));
            } else {
                invalid++;
                assertThat(decoded).isNull();
            }
        }
        assertThat(valid).isGreaterThan(1000);
        assertThat(invalid).isGreaterThan(1000);
    }

    @Test
    void hasUnpairedSurrogate_whenPairsOrLoneHalves_tellsThemApart() {
        assertThat(Utf8.hasUnpairedSurrogate("")).isFalse();
        assertThat(Utf8.hasUnpairedSurrogate("a\uD83D\uDE00b\uDBFF\uDFFF")).isFalse();
        assertThat(Utf8.hasUnpairedSurrogate("\uD800")).isTrue();
        assertThat(Utf8.hasUnpairedSurrogate("a\uDC00")).isTrue();
        assertThat(Utf8.hasUnpairedSurrogate("\uDE00\uD83D")).isTrue();
        assertThat(Utf8.hasUnpairedSurrogate("\uD83D\uD83D\uDE00")).isTrue();
        assertThat(Utf8.hasUnpairedSurrogate("\uD83D\uDE00\uDE00")).isTrue();
    }

    /**
     * Random arrays of three kinds: raw bytes biased towards the interesting lead and
     * continuation bytes, well-formed text from random code points, and well-formed text with one
     * byte flipped.
     */
    private static byte[] randomBytes(Random rnd, int i) {
        switch (i % 3) {
            case 0 -> {
                byte[] b = new byte[rnd.nextInt(12)];
                for (int k = 0; k < b.length; k++) {
                    int r = rnd.nextInt(10);
                    b[k] = (byte) (r < 3 ? rnd.nextInt(0x80) : r < 6 ? 0x80 + rnd.nextInt(0x40)
                            : r < 9 ? 0xc0 + rnd.nextInt(0x40) : rnd.nextInt(256));
                }
                return b;
            }
            default -> {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(6);
                for (int k = 0; k < n; k++) {
                    int cp;
                    do {
                        int r = rnd.nextInt(4);
                        cp = r == 0 ? rnd.nextInt(0x80) : r == 1 ? rnd.nextInt(0x800)
                                : r == 2 ? rnd.nextInt(0x10000) : 0x10000 + rnd.nextInt(0x100000);
                    } while (cp >= 0xd800 && cp <= 0xdfff);
                    sb.appendCodePoint(cp);
                }
                byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                if (i % 3 == 2 && b.length > 0) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                return b;
            }
        }
    }

    private static boolean strictlyValid(byte[] b, int off, int len) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            d.decode(ByteBuffer.wrap(b, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
