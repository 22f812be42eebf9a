package dev.skein.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.codec.DecodeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BoundedGzipTest {

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(data);
        }
        return out.toByteArray();
    }

    /** A bomb: {@code mib} MiB of zeros, streamed into gzip so the test itself stays small. */
    static byte[] zerosBomb(int mib) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024 * 1024];
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            for (int i = 0; i < mib; i++) {
                g.write(chunk);
            }
        }
        return out.toByteArray();
    }

    @Test
    void inflate_whenWithinTheLimit_returnsTheBytes() throws Exception {
        byte[] data = "hello spans".repeat(1000).getBytes(StandardCharsets.UTF_8);
        assertThat(BoundedGzip.inflate(gzip(data), data.length)).isEqualTo(data);
    }

    @Test
    void inflate_whenOneByteOverTheLimit_refuses() throws Exception {
        byte[] data = new byte[10_001];
        assertThatThrownBy(() -> BoundedGzip.inflate(gzip(data), 10_000))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessage("body inflates to more than 10000 bytes, the limit after decompression");
    }

    @Test
    void inflate_whenGzipBomb_refusesAfterTheLimitNotAfterTheWholeBomb() throws Exception {
        byte[] bomb = zerosBomb(1024); // 1 GiB of zeros in about 1 MiB
        assertThat(bomb.length).isLessThan(2 * 1024 * 1024);
        assertThatThrownBy(() -> BoundedGzip.inflate(bomb, 20 * 1024 * 1024))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void inflate_whenConcatenatedMembers_readsThemAll() throws Exception {
        byte[] a = gzip("first ".getBytes(StandardCharsets.UTF_8));
        byte[] b = gzip("second".getBytes(StandardCharsets.UTF_8));
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertThat(new String(BoundedGzip.inflate(both, 100), StandardCharsets.UTF_8)).isEqualTo("first second");
    }

    @Test
    void inflate_whenTruncated_isADecodeError() throws Exception {
        byte[] whole = gzip(new byte[50_000]);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> BoundedGzip.inflate(cut, 1_000_000))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void inflate_whenNotGzip_isADecodeError() {
        assertThatThrownBy(() -> BoundedGzip.inflate("plain text".getBytes(StandardCharsets.UTF_8), 1000))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("gzip body is malformed");
    }

    @Test
    void inflate_whenEmpty_isADecodeError() {
        assertThatThrownBy(() -> BoundedGzip.inflate(new byte[0], 1000)).isInstanceOf(DecodeException.class);
    }
}
