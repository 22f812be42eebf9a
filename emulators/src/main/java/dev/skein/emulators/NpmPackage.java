package dev.skein.emulators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A package installed by npm under a project directory (the one holding package.json and
 * node_modules), such as kinesis-local under {@code emulators/kinesis}.
 */
record NpmPackage(Path projectDir, String name) {
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    /** Where the build installs the package, relative to the repository root. */
    Path packageDir() {
        return projectDir.resolve("node_modules").resolve(name);
    }

    Path file(String relativePath) {
        return packageDir().resolve(relativePath);
    }

    /**
     * Finds the project directory: an explicit one if given (from a system property or the
     * environment), else the first {@code relativeProjectDir} under a start directory or one of
     * its ancestors that has {@code requiredFile} installed, trying the start directories in
     * order. Tests run with a module directory as the working directory, and a runnable jar sits
     * in a module's target directory, so either way the repository root is an ancestor.
     */
    static NpmPackage locate(String name, String requiredFile, String explicitProjectDir,
            String explicitSource, List<Path> starts, String relativeProjectDir) {
        if (explicitProjectDir != null && !explicitProjectDir.isBlank()) {
            NpmPackage explicit = new NpmPackage(Path.of(explicitProjectDir).toAbsolutePath(), name);
            if (!Files.isRegularFile(explicit.file(requiredFile))) {
                throw new EmulatorStartException(explicitSource + " points at " + explicitProjectDir
                        + ", which has no node_modules/" + name + "/" + requiredFile
                        + " (run npm ci there)");
            }
            return explicit;
        }
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                NpmPackage candidate = new NpmPackage(dir.resolve(relativeProjectDir), name);
                if (Files.isRegularFile(candidate.file(requiredFile))) {
                    return candidate;
                }
            }
        }
        throw new EmulatorStartException(name + " is not installed: no " + relativeProjectDir
                + "/node_modules/" + name + "/" + requiredFile + " in "
                + starts.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(", "))
                + " or their parents. Build the emulators module (mvn -pl emulators generate-resources),"
                + " run npm ci in " + relativeProjectDir + ", or set " + explicitSource);
    }

    /**
     * Fails when the installed version differs from the one package.json pins: the build installs
     * only when the package is missing, so a version bump would otherwise go unnoticed.
     */
    void requirePinnedVersion() {
        Optional<String> pinned = read(projectDir.resolve("package.json"))
                .flatMap(json -> firstGroup(dependencyPattern(), json));
        if (pinned.isEmpty()) {
            return; // an explicit directory without our package.json: nothing to compare with
        }
        Optional<String> installed = read(packageDir().resolve("package.json"))
                .flatMap(json -> firstGroup(VERSION, json));
        if (!installed.equals(pinned)) {
            throw new EmulatorStartException(name + " " + installed.orElse("(unknown version)")
                    + " is installed in " + projectDir + " but package.json pins " + pinned.get()
                    + ": run npm ci there (or build with -Dskein.emulators.install)");
        }
    }

    private Pattern dependencyPattern() {
        return Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"");
    }

    private static Optional<String> firstGroup(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
