package dev.skein.model;

/**
 * A trace ID of 128 bits. A 64-bit ID (Zipkin's short form) is stored with {@code high == 0},
 * which is how OpenTelemetry maps it, so both forms share one type and one sort order.
 */
public record TraceId(long high, long low) implements Comparable<TraceId> {

    public boolean isZero() {
        return high == 0 && low == 0;
    }

    /** 32 lower-case hex digits. */
    public String toHex() {
        char[] out = new char[32];
        Hex.writeLong(high, out, 0);
        Hex.writeLong(low, out, 16);
        return new String(out);
    }

    /**
     * Parses 16 or 32 hex digits, either case.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static TraceId fromHex(CharSequence hex) {
        int n = hex.length();
        if (n == 32) {
            return new TraceId(Hex.parseLong(hex, 0), Hex.parseLong(hex, 16));
        }
        if (n == 16) {
            return new TraceId(0, Hex.parseLong(hex, 0));
        }
        throw new IllegalArgumentException("trace ID must be 16 or 32 hex digits, got " + n);
    }

    /** Reads 8 or 16 big-endian bytes. */
    public static TraceId fromBytes(byte[] bytes, int offset, int length) {
        if (length == 16) {
            return new TraceId(Hex.readLong(bytes, offset), Hex.readLong(bytes, offset + 8));
        }
        if (length == 8) {
            return new TraceId(0, Hex.readLong(bytes, offset));
        }
        throw new IllegalArgumentException("trace ID must be 8 or 16 bytes, got " + length);
    }

    @Override
    public int compareTo(TraceId o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
