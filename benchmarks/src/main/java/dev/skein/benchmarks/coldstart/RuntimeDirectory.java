package dev.skein.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What a cold-start JVM runs besides the function jar, as a directory of classes: {@link
 * ColdStartLauncher}, the empty handlers and the Lambda Java runtime's event serializer
 * ({@code aws-lambda-java-serialization}, which the java21 runtime carries and a function jar does
 * not). Copied out of this JVM's classpath, which is the benchmarks uber-jar when run from it,
 * so the child sees none of the uber-jar's other classes.
 */
final class RuntimeDirectory {
    private static final List<Class<?>> LAUNCHER_CLASSES = List.of(ColdStartLauncher.class, EmptyHandler.class,
            EmptyStreamHandler.class);
    /** The serializer's own package, the libraries it shades, and those libraries' service files. */
    private static final List<String> SERIALIZER_PREFIXES = List.of(
            "com/amazonaws/services/lambda/runtime/serialization/",
            "com/amazonaws/lambda/thirdparty/",
            "META-INF/services/com.amazonaws.lambda.thirdparty.");

    private RuntimeDirectory() {}

    /** Fills {@code directory} (existing, empty) and returns it. */
    static Path create(Path directory) {
        try {
            for (Class<?> c : LAUNCHER_CLASSES) {
                String resource = c.getName().replace('.', '/') + ".class";
                try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
                    copy(in, directory.resolve(resource));
                }
            }
            try (JarFile serializer = new JarFile(codeLocation(LambdaEventSerializers.class).toFile())) {
                for (Enumeration<JarEntry> entries = serializer.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.isDirectory() && SERIALIZER_PREFIXES.stream().anyMatch(entry.getName()::startsWith)) {
                        try (InputStream in = serializer.getInputStream(entry)) {
                            copy(in, directory.resolve(entry.getName()));
                        }
                    }
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the cold-start runtime in " + directory, e);
        }
    }

    /** The jar or directory a class was loaded from. */
    static Path codeLocation(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no code location for " + c.getName(), e);
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(in, target);
    }
}
