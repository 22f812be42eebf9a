package dev.skein.model;

import java.util.Objects;

public record SpanStatus(StatusCode code, String message) {
    public static final SpanStatus UNSET = new SpanStatus(StatusCode.UNSET, "");

    public SpanStatus {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static SpanStatus of(StatusCode code, String message) {
        return code == StatusCode.UNSET && message.isEmpty() ? UNSET : new SpanStatus(code, message);
    }
}
