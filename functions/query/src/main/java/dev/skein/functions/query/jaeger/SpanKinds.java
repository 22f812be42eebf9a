package dev.skein.functions.query.jaeger;

import dev.skein.http.BadParameterException;
import dev.skein.query.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Span kinds as Jaeger names them in its operations answers and its {@code spanKind} filter. */
final class SpanKinds {
    private static final Set<String> NAMES = Set.of("server", "client", "producer", "consumer", "internal");

    private SpanKinds() {}

    /** Jaeger's name of a core kind ({@code SERVER} → {@code server}); "" when unspecified or unknown. */
    static String name(String coreKind) {
        if (coreKind == null) return "";
        String lower = coreKind.toLowerCase(Locale.ROOT);
        return NAMES.contains(lower) ? lower : "";
    }

    /**
     * The operations of the kind {@code spanKind} names (any case); all of them when it is null.
     *
     * @throws BadParameterException naming {@code parameter} for a kind Jaeger does not know
     */
    static List<Operation> filter(List<Operation> operations, String spanKind, String parameter) {
        if (spanKind == null) return operations;
        String wanted = spanKind.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(wanted)) {
            throw new BadParameterException(parameter, parameter + " must be one of server, client, producer,"
                    + " consumer or internal, got '" + spanKind + "'");
        }
        List<Operation> out = new ArrayList<>();
        for (Operation o : operations) {
            if (name(o.spanKind()).equals(wanted)) out.add(o);
        }
        return out;
    }
}
