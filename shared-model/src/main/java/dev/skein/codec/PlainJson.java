package dev.skein.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import java.io.IOException;

/**
 * An attribute value as plain JSON, for formats whose tags hold one string or one JSON value
 * (Zipkin tags, Jaeger's string tags for arrays and maps): strings, booleans and numbers as
 * themselves, bytes as base64, arrays as arrays, key-value lists as objects. JSON has no NaN or
 * infinity, so those are written as the strings {@code NaN}, {@code Infinity} and
 * {@code -Infinity}, as OTLP/JSON spells them.
 */
public final class PlainJson {
    private PlainJson() {}

    public static void write(JsonGenerator g, AnyValue v) throws IOException {
        if (v instanceof AnyValue.StringValue s) {
            g.writeString(s.value());
        } else if (v instanceof AnyValue.BoolValue b) {
            g.writeBoolean(b.value());
        } else if (v instanceof AnyValue.IntValue i) {
            g.writeNumber(i.value());
        } else if (v instanceof AnyValue.DoubleValue d) {
            double x = d.value();
            if (Double.isFinite(x)) g.writeNumber(x);
            else g.writeString(Double.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
        } else if (v instanceof AnyValue.BytesValue b) {
            g.writeBinary(b.value());
        } else if (v instanceof AnyValue.ArrayValue a) {
            g.writeStartArray();
            for (AnyValue e : a.values()) write(g, e);
            g.writeEndArray();
        } else if (v instanceof AnyValue.KeyValueList kv) {
            g.writeStartObject();
            for (Attribute e : kv.values()) {
                g.writeFieldName(e.key());
                write(g, e.value());
            }
            g.writeEndObject();
        } else {
            g.writeNull(); // AnyValue.Empty
        }
    }
}
