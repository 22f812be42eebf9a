package dev.skein.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/**
 * The functions' code in the cloud assembly is exactly the jars this build made: the Maven
 * reactor builds functions/* before infra-cdk, and synthesis refuses a missing or wrong jar.
 */
class JarAssetsTest {
    private static final Path REPOSITORY = Path.of("..");
    private final Synthesis.Synthesized s = Synthesis.defaults();

    @ParameterizedTest
    @EnumSource(FunctionKind.class)
    void functionCode_isTheBuiltJar_byteForByte(FunctionKind kind) throws IOException {
        Path built = FunctionJars.inRepository().path(kind);
        String s3Key = (String) code(kind).get("S3Key");
        Path staged = s.outdir().resolve("asset." + s3Key);
        assertThat(staged).exists();
        assertThat(Files.mismatch(staged, built)).as("staged %s differs from %s", staged, built).isEqualTo(-1L);
    }

    @ParameterizedTest
    @EnumSource(FunctionKind.class)
    void jarAsset_isUploadedAsTheFileItself_notRepackaged(FunctionKind kind) throws IOException {
        String hash = ((String) code(kind).get("S3Key")).replace(".jar", "");
        JsonNode assets = new ObjectMapper().readTree(s.outdir().resolve("Skein.assets.json").toFile());
        JsonNode asset = assets.path("files").path(hash);
        assertThat(asset.path("source").path("packaging").asText()).isEqualTo("file");
        assertThat(asset.path("source").path("path").asText()).isEqualTo("asset." + hash + ".jar");
    }

    @ParameterizedTest
    @EnumSource(FunctionKind.class)
    void builtJar_holdsItsHandler_andIsNewerThanEverySourceFileItIsBuiltFrom(FunctionKind kind) throws IOException {
        Path jar = FunctionJars.inRepository().path(kind);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry(kind.handlerClassEntry())).isNotNull();
        }
        FileTime built = Files.getLastModifiedTime(jar);
        for (Path sources : List.of(REPOSITORY.resolve("functions").resolve(kind.module()).resolve("src/main"),
                REPOSITORY.resolve("functions/aws/src/main"), REPOSITORY.resolve("shared-model/src/main"))) {
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(Files::isRegularFile).forEach(source -> assertThat(lastModified(source))
                        .as("%s was changed after %s was built", source, jar).isLessThanOrEqualTo(built));
            }
        }
    }

    @Test
    void aMissingJar_failsSynthesis_sayingWhereAndHowToBuildIt(@TempDir Path empty) {
        App app = Synthesis.app();
        Stack stack = new Stack(app, "Missing");
        SkeinProps props = SkeinProps.builder().functionJars(FunctionJars.builtIn(empty)).build();
        assertThatThrownBy(() -> new Skein(stack, "Tracing", props))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The ingest function's jar is missing: " + empty.toAbsolutePath())
                .hasMessageContaining("mvn -q package -DskipTests");
    }

    @Test
    void aJarWithoutItsHandler_failsSynthesis(@TempDir Path dir) throws IOException {
        Map<FunctionKind, Path> jars = new EnumMap<>(FunctionKind.class);
        for (FunctionKind kind : FunctionKind.values()) jars.put(kind, FunctionJars.inRepository().path(kind));
        Path stray = dir.resolve("stray.jar");
        try (OutputStream out = Files.newOutputStream(stray); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.closeEntry();
        }
        jars.put(FunctionKind.QUERY, stray);
        SkeinProps props = SkeinProps.builder().functionJars(FunctionJars.of(jars)).build();
        assertThatThrownBy(() -> new Skein(new Stack(Synthesis.app(), "Stray"), "Tracing", props))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The query function's jar " + stray.toAbsolutePath())
                .hasMessageContaining("does not hold dev.skein.functions.query.QueryHandler");
    }

    @Test
    void anEmptyFile_failsSynthesis(@TempDir Path dir) throws IOException {
        Map<FunctionKind, Path> jars = new EnumMap<>(FunctionKind.class);
        for (FunctionKind kind : FunctionKind.values()) jars.put(kind, Files.createFile(dir.resolve(kind.module() + ".jar")));
        SkeinProps props = SkeinProps.builder().functionJars(FunctionJars.of(jars)).build();
        assertThatThrownBy(() -> new Skein(new Stack(Synthesis.app(), "Empty"), "Tracing", props))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not a readable jar");
    }

    private Map<String, Object> code(FunctionKind kind) {
        @SuppressWarnings("unchecked")
        Map<String, Object> code = (Map<String, Object>) FunctionsTest.function(s, kind).get("Code");
        return code;
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
