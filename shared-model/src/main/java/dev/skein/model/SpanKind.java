package dev.skein.model;

/** OTLP span kinds; ordinals equal the OTLP enum numbers. */
public enum SpanKind {
    UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

    private static final SpanKind[] BY_NUMBER = values();

    /** The kind for an OTLP enum number; unknown numbers read as UNSPECIFIED, as proto3 does. */
    public static SpanKind fromNumber(int n) {
        return n >= 0 && n < BY_NUMBER.length ? BY_NUMBER[n] : UNSPECIFIED;
    }
}
