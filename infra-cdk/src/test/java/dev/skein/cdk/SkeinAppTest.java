package dev.skein.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.cxapi.CloudAssembly;

/** The app: cdk.json, context settings, and synthesis without an account, a region or lookups. */
class SkeinAppTest {
    @Test
    void cdkJson_buildsTheReactorUpToThisModule_thenRunsTheApp() throws IOException {
        Map<?, ?> cdkJson = new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
        assertThat(cdkJson.get("app")).isEqualTo("mvn -q -f ../pom.xml -pl infra-cdk -am package -DskipTests -Psynth");
    }

    @Test
    void cdkJson_setsEveryFeatureFlagThisCdkVersionRecommends() throws IOException {
        assertThat(Synthesis.cdkJsonContext()).containsAllEntriesOf(recommendedFeatureFlags());
    }

    @Test
    void stack_isEnvironmentAgnostic_andSynthesizesWithoutLookups() {
        Synthesis.Synthesized s = Synthesis.defaults();
        assertThat(Token.isUnresolved(s.stack().getAccount())).isTrue();
        assertThat(Token.isUnresolved(s.stack().getRegion())).isTrue();
        CloudAssembly assembly = s.app().synth();
        assertThat(assembly.getManifest().getMissing()).isNullOrEmpty();
        assertThat(assembly.getStackByName("Skein").getEnvironment().getAccount()).isEqualTo("unknown-account");
    }

    @Test
    void context_setsTheDocumentedSettings() {
        App app = Synthesis.app();
        Map<String, String> context = Map.of("stackName", "Tracing", "retentionDays", "7", "idleSeconds", "20",
                "streamShards", "3", "alarmEmail", "ops@example.com", "defaultTenant", "acme",
                "corsOrigins", "https://a.example, https://b.example",
                "domainName", "traces.example.com", "certificateArn", "arn:aws:acm:us-east-1:1:certificate/x");
        context.forEach(app.getNode()::setContext);
        AppSettings settings = new AppSettings(app.getNode());
        SkeinProps props = settings.props();
        assertThat(settings.stackName()).isEqualTo("Tracing");
        assertThat(props.retentionDays()).isEqualTo(7);
        assertThat(props.idlePeriod().toSeconds()).isEqualTo(20);
        assertThat(props.streamCapacity().provisionedShards()).hasValue(3);
        assertThat(props.alarmEmail()).hasValue("ops@example.com");
        assertThat(props.defaultTenant()).isEqualTo("acme");
        assertThat(props.corsOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(props.customDomain()).hasValue(new CustomDomain("traces.example.com", "arn:aws:acm:us-east-1:1:certificate/x"));
    }

    @Test
    void context_withNothingSet_givesTheDefaults() {
        AppSettings settings = new AppSettings(Synthesis.app().getNode());
        assertThat(settings.stackName()).isEqualTo("Skein");
        assertThat(settings.props().retentionDays()).isEqualTo(30);
    }

    @Test
    void context_refusesHalfACustomDomain_andNonNumbers() {
        App half = Synthesis.app();
        half.getNode().setContext("domainName", "traces.example.com");
        assertThatThrownBy(() -> new AppSettings(half.getNode()).props()).hasMessageContaining("certificateArn");
        App text = Synthesis.app();
        text.getNode().setContext("retentionDays", "thirty");
        assertThatThrownBy(() -> new AppSettings(text.getNode()).props()).hasMessageContaining("retentionDays must be a whole number");
    }

    /** recommended-feature-flags.json of the aws-cdk-lib on the classpath, read from its jsii package. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> recommendedFeatureFlags() throws IOException {
        String tarball = "/software/amazon/awscdk/aws-cdk-lib@" + App.class.getPackage().getImplementationVersion() + ".jsii.tgz";
        try (InputStream in = App.class.getResourceAsStream(tarball)) {
            assertThat(in).as(tarball).isNotNull();
            byte[] json = TarEntry.read(new GZIPInputStream(in, 1 << 16), "package/recommended-feature-flags.json");
            return new ObjectMapper().readValue(new String(json, StandardCharsets.UTF_8), Map.class);
        }
    }

    /** Just enough of the tar format to find one file: 512-byte headers, contents padded to 512. */
    private static final class TarEntry {
        static byte[] read(InputStream tar, String name) throws IOException {
            byte[] header = new byte[512];
            while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String entry = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "");
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
                if (entry.equals(name)) return tar.readNBytes((int) size);
                tar.skipNBytes((size + 511) / 512 * 512);
            }
            throw new IOException(name + " not found");
        }
    }
}
