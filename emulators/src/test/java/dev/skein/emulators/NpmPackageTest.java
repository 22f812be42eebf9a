package dev.skein.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmPackageTest {
    @TempDir
    Path repo;

    @Test
    void locate_whenStartedInAModuleDirectory_findsTheProjectUnderAnAncestor() throws IOException {
        install(repo.resolve("emulators/kinesis"), "0.6.2", "0.6.2");
        Path module = Files.createDirectories(repo.resolve("functions/aws"));

        NpmPackage found = NpmPackage.locate("kinesis-local", "main.js", null, "-Dx", List.of(module),
                "emulators/kinesis");

        assertThat(found.projectDir()).isEqualTo(repo.resolve("emulators/kinesis"));
        assertThat(found.file("main.js")).isRegularFile();
    }

    @Test
    void locate_whenTheWorkingDirectoryIsElsewhere_findsItFromTheNextStart(@TempDir Path workingDir)
            throws IOException {
        install(repo.resolve("emulators/kinesis"), "0.6.2", "0.6.2");
        Path jarDir = Files.createDirectories(repo.resolve("local/target"));

        NpmPackage found = NpmPackage.locate("kinesis-local", "main.js", null, "-Dx",
                List.of(workingDir, jarDir), "emulators/kinesis");

        assertThat(found.projectDir()).isEqualTo(repo.resolve("emulators/kinesis"));
    }

    @Test
    void locate_whenExplicitDirectoryGiven_usesItInsteadOfSearching() throws IOException {
        Path elsewhere = repo.resolve("elsewhere");
        install(elsewhere, "0.6.2", "0.6.2");

        NpmPackage found = NpmPackage.locate("kinesis-local", "main.js", elsewhere.toString(),
                "-Dx", List.of(repo), "emulators/kinesis");

        assertThat(found.projectDir()).isEqualTo(elsewhere);
    }

    @Test
    void locate_whenNotInstalled_namesTheWaysToInstallIt() {
        assertThatThrownBy(() -> NpmPackage.locate("kinesis-local", "main.js", null,
                "-Dskein.emulators.kinesis.home", List.of(repo), "emulators/kinesis"))
                .isInstanceOf(EmulatorStartException.class)
                .hasMessageContaining("npm ci")
                .hasMessageContaining("-Dskein.emulators.kinesis.home");
    }

    @Test
    void locate_whenExplicitDirectoryLacksThePackage_namesTheSetting() {
        assertThatThrownBy(() -> NpmPackage.locate("kinesis-local", "main.js", repo.toString(),
                "SKEIN_KINESIS_EMULATOR_HOME", List.of(repo), "emulators/kinesis"))
                .isInstanceOf(EmulatorStartException.class)
                .hasMessageContaining("SKEIN_KINESIS_EMULATOR_HOME");
    }

    @Test
    void requirePinnedVersion_whenInstalledVersionIsStale_fails() throws IOException {
        Path project = repo.resolve("emulators/kinesis");
        install(project, "0.6.3", "0.6.2");

        assertThatThrownBy(() -> new NpmPackage(project, "kinesis-local").requirePinnedVersion())
                .isInstanceOf(EmulatorStartException.class)
                .hasMessageContaining("0.6.2 is installed")
                .hasMessageContaining("pins 0.6.3");
    }

    @Test
    void requirePinnedVersion_whenVersionsMatch_passes() throws IOException {
        Path project = repo.resolve("emulators/kinesis");
        install(project, "0.6.2", "0.6.2");

        assertThatCode(() -> new NpmPackage(project, "kinesis-local").requirePinnedVersion())
                .doesNotThrowAnyException();
    }

    private static void install(Path project, String pinned, String installed) throws IOException {
        Path pkg = Files.createDirectories(project.resolve("node_modules/kinesis-local"));
        Files.writeString(project.resolve("package.json"),
                "{\"name\":\"x\",\"version\":\"1.0.0\",\"dependencies\":{\"kinesis-local\": \""
                        + pinned + "\"}}");
        Files.writeString(pkg.resolve("package.json"),
                "{\"name\":\"kinesis-local\",\n  \"version\" : \"" + installed + "\"}");
        Files.writeString(pkg.resolve("main.js"), "");
    }
}
