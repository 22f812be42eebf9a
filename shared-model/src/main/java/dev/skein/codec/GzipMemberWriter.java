package dev.skein.codec;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes gzip members (RFC 1952) with a reused deflater. Members carry no timestamp, so the same
 * bytes always compress to the same member, and members written one after another form one
 * valid gzip stream. Not thread-safe; close it to free the deflater's native memory.
 */
public final class GzipMemberWriter implements AutoCloseable {
    private final Deflater deflater;
    private final byte[] buffer = new byte[16 * 1024];
    private final CRC32 crc = new CRC32();

    public GzipMemberWriter(int compressionLevel) {
        this.deflater = new Deflater(compressionLevel, true);
    }

    /** Appends one member holding {@code data} to {@code out}. */
    public void write(byte[] data, ByteArrayOutputStream out) {
        out.write(0x1f);
        out.write(0x8b);
        out.write(8); // deflate
        out.writeBytes(new byte[7]); // no flags, no mtime (deterministic bytes), xfl 0, OS 0
        deflater.reset();
        deflater.setInput(data);
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
        crc.reset();
        crc.update(data);
        writeIntLe(out, (int) crc.getValue());
        writeIntLe(out, data.length);
    }

    /** One member as its own array. */
    public byte[] member(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 32);
        write(data, out);
        return out.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    @Override
    public void close() {
        deflater.end();
    }
}
