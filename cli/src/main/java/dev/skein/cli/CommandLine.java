package dev.skein.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words and options of one invocation: command words first ({@code keys create}), then
 * options as {@code --name value} or {@code --name=value}. {@code --local} alone takes an
 * optional value (the data directory), which is why no word may follow the options.
 */
final class CommandLine {
    static final Set<String> VALUED = Set.of("tenant", "scopes", "name", "key-id", "table", "region", "endpoint");
    static final String LOCAL = "local";
    static final String HELP = "help";

    private final List<String> words;
    private final Map<String, String> options;

    private CommandLine(List<String> words, Map<String, String> options) {
        this.words = List.copyOf(words);
        this.options = options;
    }

    /** @throws UsageException for an unknown or repeated option, a missing value, or a stray word */
    static CommandLine parse(String[] args) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        int i = 0;
        for (; i < args.length && !args[i].startsWith("--"); i++) {
            words.add(args[i]);
        }
        while (i < args.length) {
            String arg = args[i++];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected '" + arg + "': options come after the command");
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (VALUED.contains(name)) {
                if (i == args.length || args[i].startsWith("--")) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args[i++];
            } else if (name.equals(LOCAL)) {
                value = i < args.length && !args[i].startsWith("--") ? args[i++] : "";
            } else {
                value = "";
            }
            if (!VALUED.contains(name) && !name.equals(LOCAL) && !name.equals(HELP)) {
                throw new UsageException("unknown option --" + name);
            }
            if (options.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return new CommandLine(words, options);
    }

    List<String> words() {
        return words;
    }

    boolean has(String option) {
        return options.containsKey(option);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** @throws UsageException when the option is absent or empty */
    String required(String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            throw new UsageException("missing --" + name);
        }
        return value;
    }

    /** @throws UsageException naming the first option not in {@code allowed} */
    void allowOnly(Set<String> allowed, String command) {
        for (String name : options.keySet()) {
            if (!allowed.contains(name)) {
                throw new UsageException("--" + name + " does not apply to '" + command + "'");
            }
        }
    }
}
