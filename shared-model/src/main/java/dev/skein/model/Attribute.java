package dev.skein.model;

import java.util.Objects;

public record Attribute(String key, AnyValue value) {
    public Attribute {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    public static Attribute of(String key, String value) {
        return new Attribute(key, AnyValue.of(value));
    }
}
