package dev.skein.it;

import static dev.skein.it.QueryApi.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skein.model.AnyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Attribute values as the dialects write them, read back into Skein's value types or compared with them. */
final class AttributeValues {
    private AttributeValues() {}

    /** OTLP/JSON's {@code [{"key", "value": {"stringValue": …}}]}; an int may be a string or a number. */
    static Map<String, AnyValue> fromOtlpJson(JsonNode keyValues) {
        Map<String, AnyValue> m = new LinkedHashMap<>();
        for (JsonNode kv : keyValues) {
            m.put(kv.path("key").asText(), fromOtlpJsonValue(kv.path("value")));
        }
        return m;
    }

    private static AnyValue fromOtlpJsonValue(JsonNode v) {
        if (v.has("stringValue")) {
            return AnyValue.of(v.get("stringValue").asText());
        } else if (v.has("boolValue")) {
            return AnyValue.of(v.get("boolValue").asBoolean());
        } else if (v.has("intValue")) {
            return AnyValue.of(Long.parseLong(v.get("intValue").asText()));
        } else if (v.has("doubleValue")) {
            return AnyValue.of(v.get("doubleValue").asDouble());
        } else if (v.has("arrayValue")) {
            List<AnyValue> values = new ArrayList<>();
            v.get("arrayValue").path("values").forEach(e -> values.add(fromOtlpJsonValue(e)));
            return new AnyValue.ArrayValue(values);
        }
        throw new AssertionError("OTLP/JSON value " + v + " not covered by these tests");
    }

    /**
     * Whether a string that stands for a value (a Zipkin tag, a Jaeger string tag for an array)
     * says {@code expected}: a string as itself, anything else as the JSON of its plain value, so
     * that {@code [1,3]} and {@code [1, 3]} both say the array of ints 1 and 3.
     */
    static boolean textSays(String text, AnyValue expected) {
        if (expected instanceof AnyValue.StringValue s) {
            return s.value().equals(text);
        }
        try {
            return JSON.readTree(text).equals(plainJson(expected));
        } catch (JsonProcessingException notJson) {
            return false;
        }
    }

    /** The value as plain JSON, with numbers typed as a JSON reader types them. */
    static JsonNode plainJson(AnyValue v) {
        try {
            return JSON.readTree(JSON.writeValueAsString(plain(v)));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode plain(AnyValue v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof AnyValue.StringValue s) {
            return f.textNode(s.value());
        } else if (v instanceof AnyValue.BoolValue b) {
            return f.booleanNode(b.value());
        } else if (v instanceof AnyValue.IntValue i) {
            return f.numberNode(i.value());
        } else if (v instanceof AnyValue.DoubleValue d) {
            return f.numberNode(d.value());
        } else if (v instanceof AnyValue.ArrayValue a) {
            ArrayNode array = f.arrayNode();
            a.values().forEach(e -> array.add(plain(e)));
            return array;
        }
        throw new AssertionError("attribute value " + v + " not covered by these tests");
    }
}
