package dev.skein.cli;

import dev.skein.tenancy.Scope;
import dev.skein.tenancy.StoredKey;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** A tenant's keys as a table for people: IDs, names, scopes and times, never a hash. */
final class KeyTable {
    private static final List<String> HEADER = List.of("KEY ID", "NAME", "SCOPES", "CREATED", "REVOKED");

    private KeyTable() {
    }

    static void print(String tenant, List<StoredKey> keys, PrintStream out) {
        if (keys.isEmpty()) {
            out.println("Tenant " + tenant + " has no API keys.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (StoredKey key : keys) {
            rows.add(List.of(key.keyId(), key.name().isEmpty() ? "-" : key.name(), Scope.format(key.scopes()),
                    time(key.createdAt()), key.revokedAt().map(KeyTable::time).orElse("-")));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                line.append(row.get(c));
                if (c < widths.length - 1) {
                    line.append(" ".repeat(widths[c] - row.get(c).length() + 2));
                }
            }
            out.println(line);
        }
    }

    /** UTC to the second, as ISO-8601. */
    private static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
