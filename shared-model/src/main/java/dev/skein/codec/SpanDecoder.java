package dev.skein.codec;

/** Turns one request body, already decompressed, into canonical spans. One per wire format. */
public interface SpanDecoder {

    /**
     * @param maxSpans the per-request span limit, enforced while reading
     * @throws DecodeException the body as a whole is unreadable (malformed, truncated)
     * @throws TooManySpansException the body holds more than {@code maxSpans} spans
     */
    DecodedSpans decode(byte[] body, int maxSpans) throws DecodeException, TooManySpansException;
}
