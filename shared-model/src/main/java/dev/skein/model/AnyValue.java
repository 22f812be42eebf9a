package dev.skein.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An attribute value with its OTLP type kept: string, bool, int, double, bytes, array, key-value
 * list, or empty (an AnyValue with no value set, which OTLP allows).
 */
public sealed interface AnyValue {

    record StringValue(String value) implements AnyValue {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }
    }

    record BoolValue(boolean value) implements AnyValue {
        static final BoolValue TRUE = new BoolValue(true);
        static final BoolValue FALSE = new BoolValue(false);
    }

    record IntValue(long value) implements AnyValue {}

    /** Compared by bits, so NaN equals NaN and a span with a NaN attribute equals itself. */
    record DoubleValue(double value) implements AnyValue {}

    record BytesValue(byte[] value) implements AnyValue {
        public BytesValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BytesValue b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "BytesValue[" + value.length + " bytes]";
        }
    }

    record ArrayValue(List<AnyValue> values) implements AnyValue {
        public ArrayValue {
            values = List.copyOf(values);
        }
    }

    record KeyValueList(List<Attribute> values) implements AnyValue {
        public KeyValueList {
            values = List.copyOf(values);
        }
    }

    enum Empty implements AnyValue {
        INSTANCE
    }

    static AnyValue of(String s) {
        return new StringValue(s);
    }

    static AnyValue of(boolean b) {
        return b ? BoolValue.TRUE : BoolValue.FALSE;
    }

    static AnyValue of(long l) {
        return new IntValue(l);
    }

    static AnyValue of(double d) {
        return new DoubleValue(d);
    }
}
