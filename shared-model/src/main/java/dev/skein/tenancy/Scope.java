package dev.skein.tenancy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a key may do: send spans, or read traces. A key holds one or both. */
public enum Scope {
    INGEST,
    QUERY;

    /** The scope's name on the command line, in the authorizer's context and in storage. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Scopes from labels separated by commas or spaces, as {@link #format} writes them.
     *
     * @throws IllegalArgumentException naming an unknown scope, or when there is none
     */
    public static Set<Scope> parse(String labels) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String label : labels == null ? new String[0] : labels.trim().split("[,\\s]+")) {
            if (label.isEmpty()) continue;
            try {
                scopes.add(valueOf(label.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown scope '" + label + "'; scopes are ingest and query");
            }
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope: ingest, query or both");
        }
        return scopes;
    }

    /** Labels separated by a space, in a fixed order: {@code "ingest query"}. */
    public static String format(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::label).collect(Collectors.joining(" "));
    }
}
