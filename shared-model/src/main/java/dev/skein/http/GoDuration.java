package dev.skein.http;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Durations as Jaeger's query API and Skein's own API take them (for example {@code minDuration}): Go's
 * duration syntax, a sequence of decimal numbers each with a unit, such as {@code 1.5s},
 * {@code 100ms}, {@code 20us} or {@code 1h30m}. Units are {@code ns}, {@code us} (or {@code µs},
 * {@code μs}), {@code ms}, {@code s}, {@code m} and {@code h}; a bare {@code 0} needs none.
 * Fractions of a nanosecond are dropped, as Go drops them.
 */
public final class GoDuration {
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDuration() {}

    /**
     * Nanoseconds, never negative.
     *
     * @throws BadParameterException naming {@code parameter} when the text is not a duration,
     *     is negative or does not fit in 64 bits of nanoseconds (about 292 years)
     */
    public static long parseNanos(String text, String parameter) {
        String s = text.trim();
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) return 0;
        if (i == s.length()) throw bad(parameter, text, "it is empty");
        BigDecimal total = BigDecimal.ZERO;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && (isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            String number = s.substring(numberStart, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw bad(parameter, text, "expected a number at position " + numberStart);
            }
            int unitStart = i;
            while (i < s.length() && !isDigit(s.charAt(i)) && s.charAt(i) != '.') i++;
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) throw bad(parameter, text, "'" + number + "' has no unit");
            long unitNanos = unitNanos(unit);
            if (unitNanos == 0) throw bad(parameter, text, "unknown unit '" + unit + "'");
            total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)));
            if (total.compareTo(MAX_NANOS) > 0) throw bad(parameter, text, "it is longer than 292 years");
        }
        long nanos = total.setScale(0, RoundingMode.DOWN).longValueExact();
        if (negative && nanos != 0) {
            throw new BadParameterException(parameter, parameter + " must not be negative, got '" + text + "'");
        }
        return nanos;
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 0L;
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static BadParameterException bad(String parameter, String text, String why) {
        return new BadParameterException(parameter, parameter + " must be a duration such as 1.5s, 100ms or 20us"
                + " (units ns, us, ms, s, m, h), got '" + text + "': " + why);
    }
}
