package dev.skein.http;

import java.math.BigDecimal;

/**
 * Durations as Go's {@code time.ParseDuration} writes them, which is what Jaeger's API and
 * Grafana send: a sequence of decimal numbers with units, such as {@code 1.5s}, {@code 300ms},
 * {@code 2h45m}, {@code 20us} (or {@code µs}), {@code 7ns}. A sign is not accepted: no query
 * takes a negative duration.
 */
public final class Durations {
    private static final long MAX_NANOS = Long.MAX_VALUE;

    private Durations() {}

    /** @throws BadParameterException naming {@code parameter} when {@code text} is not a duration */
    public static long parseNanos(String parameter, String text) {
        if (text == null || text.isEmpty()) throw bad(parameter, text);
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        int n = text.length();
        if (text.equals("0")) return 0;
        while (i < n) {
            int numberStart = i;
            while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) i++;
            if (i == numberStart) throw bad(parameter, text);
            BigDecimal number;
            try {
                number = new BigDecimal(text.substring(numberStart, i));
            } catch (NumberFormatException e) {
                throw bad(parameter, text);
            }
            int unitStart = i;
            while (i < n && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') i++;
            long unit = unitNanos(text.substring(unitStart, i));
            if (unit == 0) throw bad(parameter, text);
            total = total.add(number.multiply(BigDecimal.valueOf(unit)));
        }
        if (total.compareTo(BigDecimal.valueOf(MAX_NANOS)) > 0) {
            throw new BadParameterException(parameter, parameter + " is too long a duration: " + text);
        }
        return total.longValue();
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

    private static BadParameterException bad(String parameter, String text) {
        return new BadParameterException(parameter, parameter + " must be a duration such as 1.5s, 300ms, 20us or 2h45m, got '"
                + text + "'");
    }
}
