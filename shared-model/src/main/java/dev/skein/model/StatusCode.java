package dev.skein.model;

/** OTLP status codes; ordinals equal the OTLP enum numbers. */
public enum StatusCode {
    UNSET, OK, ERROR;

    private static final StatusCode[] BY_NUMBER = values();

    public static StatusCode fromNumber(int n) {
        return n >= 0 && n < BY_NUMBER.length ? BY_NUMBER[n] : UNSET;
    }
}
