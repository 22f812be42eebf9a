package dev.skein.ingest;

import dev.skein.codec.DecodeException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Inflates a gzip body without ever holding more than the limit: the output buffer grows with
 * what was actually inflated and the read stops one byte past the limit, so a gzip bomb is
 * refused after at most {@code limit} bytes of work and memory.
 */
public final class BoundedGzip {
    private BoundedGzip() {}

    public static byte[] inflate(byte[] gzip, int limit)
            throws DecodeException, PayloadTooLargeException {
        // Start near the usual 5-10x ratio of span batches, capped by the limit.
        byte[] out = new byte[(int) Math.min(limit + 1L, Math.max(8192L, gzip.length * 8L))];
        int n = 0;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 8192)) {
            while (true) {
                if (n == out.length) {
                    if (n > limit) {
                        break;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(limit + 1L, out.length * 2L));
                }
                int r = in.read(out, n, out.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (EOFException e) {
            throw new DecodeException("gzip body is truncated after " + n + " inflated bytes");
        } catch (ZipException e) {
            throw new DecodeException("gzip body is malformed: " + e.getMessage());
        } catch (IOException e) {
            throw new DecodeException("gzip body is unreadable: " + e.getMessage(), e);
        }
        if (n > limit) {
            throw new PayloadTooLargeException("body inflates to more than " + limit
                    + " bytes, the limit after decompression");
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
