package dev.skein.cdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipFile;

/**
 * Where the functions' deployable jars are. Synthesis checks each one before it becomes an asset:
 * a missing jar, an empty file or a jar without its handler class fails synthesis with a message
 * that says how to build it, so a deploy never ships nothing or the wrong thing.
 *
 * <p>Inside Skein's repository the Maven reactor builds the jars before this module
 * ({@link #builtIn(Path)}); a team with its own CDK app points at jars it built or downloaded
 * ({@link #of(Map)}).
 */
public final class FunctionJars {
    /** The repository's {@code functions/} directory as seen from {@code infra-cdk/}, where the CDK CLI and the tests run. */
    static final Path REPOSITORY_FUNCTIONS = Path.of("..", "functions");
    private static final String BUILD_COMMAND = "mvn -q package -DskipTests (in the repository's root)";

    private final Map<FunctionKind, Path> jars;

    private FunctionJars(Map<FunctionKind, Path> jars) {
        this.jars = Map.copyOf(jars);
    }

    /**
     * The jars the Maven build leaves in {@code functionsDirectory/{module}/target}, named
     * {@code skein-{module}-{version}-lambda.jar} with this build's version.
     */
    public static FunctionJars builtIn(Path functionsDirectory) {
        Map<FunctionKind, Path> jars = new EnumMap<>(FunctionKind.class);
        for (FunctionKind kind : FunctionKind.values()) {
            jars.put(kind, functionsDirectory.resolve(kind.module()).resolve("target")
                    .resolve("skein-" + kind.module() + "-" + BuildInfo.VERSION + "-lambda.jar"));
        }
        return new FunctionJars(jars);
    }

    /** The repository's built jars, relative to the working directory {@code infra-cdk/}. */
    public static FunctionJars inRepository() {
        return builtIn(REPOSITORY_FUNCTIONS);
    }

    /**
     * Jars from anywhere: one per {@link FunctionKind}. A jar is only read when its function is
     * deployed: with {@link SkeinProps.Builder#authorizer} set, not the authorizer's.
     */
    public static FunctionJars of(Map<FunctionKind, Path> jars) {
        for (FunctionKind kind : FunctionKind.values()) {
            if (!jars.containsKey(kind)) {
                throw new IllegalArgumentException("no jar given for the " + kind.module() + " function");
            }
        }
        return new FunctionJars(jars);
    }

    /** Where the jar of {@code kind} is expected, unchecked. */
    public Path path(FunctionKind kind) {
        return jars.get(kind);
    }

    /**
     * The jar of {@code kind}, checked: a non-empty zip that holds the function's handler class.
     *
     * @throws IllegalStateException naming the path and how to build the jar
     */
    public Path checkedJar(FunctionKind kind) {
        Path jar = jars.get(kind).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The " + kind.module() + " function's jar is missing: " + jar
                    + ". Build it first: " + BUILD_COMMAND + ".");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry(kind.handlerClassEntry()) == null) {
                throw new IllegalStateException("The " + kind.module() + " function's jar " + jar + " does not hold "
                        + kind.handler() + ". Rebuild it: " + BUILD_COMMAND + ".");
            }
        } catch (IOException e) {
            throw new IllegalStateException("The " + kind.module() + " function's jar " + jar
                    + " is not a readable jar (" + e.getMessage() + "). Rebuild it: " + BUILD_COMMAND + ".", e);
        }
        return jar;
    }

    /** Facts Maven writes into this module at build time. */
    static final class BuildInfo {
        static final String VERSION = load().getProperty("version");

        private BuildInfo() {}

        private static Properties load() {
            Properties properties = new Properties();
            try (InputStream in = FunctionJars.class.getResourceAsStream("build.properties")) {
                if (in == null) throw new IllegalStateException("build.properties is missing from the classpath");
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties;
        }
    }
}
