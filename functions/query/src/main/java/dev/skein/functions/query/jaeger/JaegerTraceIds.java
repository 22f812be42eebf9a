package dev.skein.functions.query.jaeger;

import dev.skein.http.BadParameterException;
import dev.skein.model.Hex;
import dev.skein.model.TraceId;
import java.util.Base64;

/**
 * Trace IDs as Jaeger reads and prints them. Jaeger takes 1 to 32 hex digits, either case, the
 * last 16 being the low half (so leading zeros may be left off); it also takes the 8 or 16 ID
 * bytes in base64, standard or URL-safe, padded or not, as OpenTelemetry tools print them. It
 * prints a 64-bit ID (high half zero) as 16 digits and a 128-bit one as 32.
 */
final class JaegerTraceIds {
    private static final Base64.Decoder[] BASE64 = {
        Base64.getDecoder(), Base64.getUrlDecoder(),
    };

    private JaegerTraceIds() {}

    /** @throws BadParameterException naming {@code parameter} for anything else, and for zero */
    static TraceId parse(String text, String parameter) {
        TraceId id = isHex(text) ? fromHex(text) : fromBase64(text);
        if (id == null) {
            throw new BadParameterException(parameter, parameter + " must be 1 to 32 hex digits (or the ID's bytes in"
                    + " base64), got '" + text + "'");
        }
        if (id.isZero()) throw new BadParameterException(parameter, parameter + " must not be zero");
        return id;
    }

    /** 16 hex digits when the high half is zero, else 32: how Jaeger prints trace IDs. */
    static String format(TraceId id) {
        return id.high() == 0 ? Hex.spanIdToHex(id.low()) : id.toHex();
    }

    private static boolean isHex(String s) {
        if (s.isEmpty() || s.length() > 32) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
        }
        return true;
    }

    private static TraceId fromHex(String s) {
        int split = Math.max(0, s.length() - 16);
        long high = split == 0 ? 0 : Long.parseUnsignedLong(s.substring(0, split), 16);
        return new TraceId(high, Long.parseUnsignedLong(s.substring(split), 16));
    }

    /** Null unless the text is 8 or 16 bytes in base64 (24 characters at most, padded). */
    private static TraceId fromBase64(String s) {
        if (s.isEmpty() || s.length() > 24) return null;
        for (Base64.Decoder decoder : BASE64) {
            byte[] bytes;
            try {
                bytes = decoder.decode(s); // java.util.Base64 accepts missing padding
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (bytes.length == 8 || bytes.length == 16) return TraceId.fromBytes(bytes, 0, bytes.length);
        }
        return null;
    }
}
