package dev.skein.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Small helpers over a Jackson streaming parser for the JSON decoders: structural checks that
 * fail with the field and the line/column, and the lenient number forms protobuf's JSON mapping
 * allows (int64 as a number or a string).
 */
final class JsonCursor {
    final JsonParser p;

    JsonCursor(JsonParser p) {
        this.p = p;
    }

    /** Moves to the next token; a body that ends early is a decode error. */
    JsonToken next() throws IOException, DecodeException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new DecodeException("unexpected end of JSON at " + where());
        }
        return t;
    }

    /** True when the current token opens an object; null counts as absent; else an error. */
    boolean startObject(String field) throws DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw new DecodeException("'" + field + "' must be an object, found " + describe(t) + " at " + where());
    }

    /** True when the current token opens an array; null counts as absent; else an error. */
    boolean startArray(String field) throws DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw new DecodeException("'" + field + "' must be an array, found " + describe(t) + " at " + where());
    }

    /** Moves to the next field name in the current object; false at the object's end. */
    boolean nextField() throws IOException, DecodeException {
        JsonToken t = next();
        if (t == JsonToken.END_OBJECT) {
            return false;
        }
        next(); // the value
        return true;
    }

    /** The name of the field whose value is the current token. */
    String fieldName() throws IOException {
        return p.currentName();
    }

    /** Moves to the next array element; false at the array's end. */
    boolean nextElement() throws IOException, DecodeException {
        return next() != JsonToken.END_ARRAY;
    }

    void skipValue() throws IOException {
        p.skipChildren();
    }

    /** A string value; null reads as "". */
    String string(String field) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return "";
        }
        throw new DecodeException("'" + field + "' must be a string, found " + describe(t) + " at " + where());
    }

    /** An integer written as a JSON number or a decimal string (protobuf JSON's int64 form). */
    long int64(String field) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        try {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            if (t == JsonToken.VALUE_STRING) {
                String s = p.getText();
                return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s);
            }
            if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                    return (long) d;
                }
            }
            if (t == JsonToken.VALUE_NULL) {
                return 0;
            }
        } catch (NumberFormatException | IOException e) {
            // falls through to the error below, which names the field
        }
        throw new DecodeException("'" + field + "' must be an integer (number or string), found "
                + describe(t) + " at " + where());
    }

    double float64(String field) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText();
            switch (s) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        break;
                    }
            }
        }
        if (t == JsonToken.VALUE_NULL) {
            return 0;
        }
        throw new DecodeException("'" + field + "' must be a number, found " + describe(t) + " at " + where());
    }

    boolean bool(String field) throws DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw new DecodeException("'" + field + "' must be true or false, found " + describe(t) + " at " + where());
    }

    String where() {
        JsonLocation l = p.currentTokenLocation();
        return "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }
}
