package dev.skein.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of a query string, repeated keys kept in order. Decoding follows HTML forms
 * ({@code +} is a space, {@code %XX} a UTF-8 byte); a broken escape or invalid UTF-8 is a
 * {@link BadParameterException}, never a silently mangled value. The typed getters name the
 * parameter in every error, so a 400 says exactly what to fix.
 */
public final class QueryParameters {
    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    public static QueryParameters parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name", true);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), key, true);
                values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        return new QueryParameters(values);
    }

    public Set<String> names() {
        return values.keySet();
    }

    /** Every value of the parameter, in order; empty when absent. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The parameter's value; null when absent or empty. @throws BadParameterException when repeated */
    public String get(String name) {
        List<String> v = values.get(name);
        if (v == null) return null;
        if (v.size() > 1) throw new BadParameterException(name, name + " is given " + v.size() + " times; give it once");
        return v.get(0).isEmpty() ? null : v.get(0);
    }

    public String required(String name) {
        String v = get(name);
        if (v == null) throw new BadParameterException(name, name + " is required");
        return v;
    }

    /** A whole number, or {@code fallback} when absent. */
    public long longValue(String name, long fallback) {
        String v = get(name);
        if (v == null) return fallback;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, name + " must be a whole number, got '" + v + "'");
        }
    }

    /** A whole number in [{@code min}, {@code max}], or {@code fallback} when absent. */
    public long longValue(String name, long fallback, long min, long max) {
        long v = longValue(name, fallback);
        if (v < min || v > max) {
            throw new BadParameterException(name, name + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    /**
     * One segment of a request path, percent-decoded ({@code +} stays a plus, as in paths).
     *
     * @param what names the segment in the error, e.g. "the service name in the path"
     */
    public static String decodePathSegment(String segment, String what) {
        return decode(segment, what, false);
    }

    private static String decode(String s, String what, boolean plusIsSpace) {
        if (s.indexOf('%') < 0) return plusIsSpace ? s.replace('+', ' ') : s;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new BadParameterException(what, "broken percent-escape in " + what);
                }
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new BadParameterException(what, what + " is not valid UTF-8 once decoded");
        }
    }
}
