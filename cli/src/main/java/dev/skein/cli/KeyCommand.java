package dev.skein.cli;

import dev.skein.tenancy.ApiKey;
import dev.skein.tenancy.KeyManager;
import dev.skein.tenancy.Scope;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One of {@code skein keys create | list | revoke}, with every argument checked before any
 * store is contacted.
 */
record KeyCommand(Action action, String tenant, Set<Scope> scopes, String name, String keyId) {
    static final int MAX_NAME_LENGTH = 128;

    enum Action {
        CREATE(Set.of("tenant", "scopes", "name")),
        LIST(Set.of("tenant")),
        REVOKE(Set.of("tenant", "key-id"));

        private final Set<String> options;

        Action(Set<String> options) {
            this.options = options;
        }

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @throws UsageException or IllegalArgumentException naming what is wrong */
    static KeyCommand parse(String word, CommandLine line) {
        Action action = switch (word) {
            case "create" -> Action.CREATE;
            case "list" -> Action.LIST;
            case "revoke" -> Action.REVOKE;
            default -> throw new UsageException("unknown command 'keys " + word + "'");
        };
        Set<String> allowed = new HashSet<>(action.options);
        allowed.addAll(Target.OPTIONS);
        line.allowOnly(allowed, "keys " + action.word());
        String tenant = KeyManager.requireTenant(line.required("tenant"));
        Set<Scope> scopes = action == Action.CREATE
                ? Scope.parse(line.option("scopes").orElse("ingest,query")) : Set.of();
        String name = line.option("name").orElse("");
        if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException("--name must be at most " + MAX_NAME_LENGTH
                    + " characters, with no control characters");
        }
        String keyId = "";
        if (action == Action.REVOKE) {
            keyId = line.required("key-id");
            if (!ApiKey.isKeyId(keyId)) {
                throw new UsageException("key IDs are 12 of a-z 0-9 (the third part of a key), got '" + keyId + "'");
            }
        }
        return new KeyCommand(action, tenant, scopes, name, keyId);
    }

    /** @throws UsageException when revoking a key the tenant does not have */
    void run(KeyManager keys, PrintStream out) {
        switch (action) {
            case CREATE -> printCreated(keys.create(tenant, scopes, name), out);
            case LIST -> KeyTable.print(tenant, keys.list(tenant), out);
            case REVOKE -> {
                if (!keys.revoke(tenant, keyId)) {
                    throw new UsageException("unknown key ID: tenant " + tenant + " has no key " + keyId);
                }
                out.println("Revoked key " + keyId + " of tenant " + tenant + ". Requests with it are refused once"
                        + " the authorizer's cache lets go of it (60 s by default).");
            }
        }
    }

    private static void printCreated(KeyManager.CreatedKey created, PrintStream out) {
        Set<Scope> scopes = EnumSet.copyOf(created.stored().scopes());
        out.println("API key, shown this once (Skein keeps only a hash of it):");
        out.println();
        out.println("  " + created.key().token());
        out.println();
        out.println("key ID   " + created.key().keyId());
        out.println("tenant   " + created.key().tenant());
        out.println("scopes   " + Scope.format(scopes));
        if (!created.stored().name().isEmpty()) {
            out.println("name     " + created.stored().name());
        }
        out.println();
        out.println("Use it (<key> is the key above, <api> the stack's API URL or skein-local's address):");
        for (String use : uses(scopes)) {
            out.println("  " + use);
        }
    }

    private static List<String> uses(Set<Scope> scopes) {
        List<String> uses = new ArrayList<>();
        if (scopes.contains(Scope.INGEST)) {
            uses.add("OTLP     OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20<key>");
            uses.add("Zipkin   <api>/api/v2/spans?key=<key>");
        }
        if (scopes.contains(Scope.QUERY)) {
            uses.add("queries  Authorization: Bearer <key>   (Grafana: Basic auth, any user, the key as password)");
        }
        return uses;
    }
}
