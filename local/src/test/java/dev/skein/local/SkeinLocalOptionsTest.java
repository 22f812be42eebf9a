package dev.skein.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SkeinLocalOptionsTest {
    @Test
    void parse_whenNoOptions_persistsUnderDotSkeinAndSettlesAfterTwoSeconds() {
        SkeinLocal.Options o = SkeinLocal.parse(new String[0]);

        assertThat(o.dataDir()).isEqualTo(Path.of(".skein"));
        assertThat(o.persist()).isTrue();
        assertThat(o.idlePeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.otlpPort()).isEqualTo(4318);
        assertThat(o.zipkinPort()).isEqualTo(9411);
        assertThat(o.demoRate()).as("no demo traffic").isZero();
    }

    @Test
    void parse_whenDemo_sendsTwoRequestsASecond_orTheRateGiven() {
        assertThat(SkeinLocal.parse(new String[] {"--demo"}).demoRate()).isEqualTo(2);
        assertThat(SkeinLocal.parse(new String[] {"--demo-rate", "5", "--demo"}).demoRate()).isEqualTo(5);
        assertThat(SkeinLocal.parse(new String[] {"--demo", "--demo-rate", "0.5"}).demoRate()).isEqualTo(0.5);
    }

    @Test
    void parse_whenDemoRateIsNoRate_saysWhy() {
        assertThatThrownBy(() -> SkeinLocal.parse(new String[] {"--demo-rate", "0"}))
                .hasMessageStartingWith("--demo-rate must be requests (traces) per second");
        assertThatThrownBy(() -> SkeinLocal.parse(new String[] {"--demo-rate"}))
                .hasMessage("--demo-rate needs a value");
    }

    @Test
    void parse_whenIdleSecondsGiven_usesThem() {
        SkeinLocal.Options o = SkeinLocal.parse(new String[] {"--idle-seconds", "10", "--no-persist"});

        assertThat(o.idlePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.persist()).isFalse();
    }

    @Test
    void parse_whenIdleSecondsZero_finalizesAtOnce() {
        assertThat(SkeinLocal.parse(new String[] {"--idle-seconds", "0"}).idlePeriod()).isZero();
    }

    @Test
    void parse_whenIdleSecondsOverTheSqsDelayLimitOrNotANumber_saysWhy() {
        assertThatThrownBy(() -> SkeinLocal.parse(new String[] {"--idle-seconds", "901"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--idle-seconds must be whole seconds from 0 to 900, got '901'");
        assertThatThrownBy(() -> SkeinLocal.parse(new String[] {"--idle-seconds", "2s"}))
                .hasMessageContaining("got '2s'");
        assertThatThrownBy(() -> SkeinLocal.parse(new String[] {"--idle-seconds"}))
                .hasMessage("--idle-seconds needs a value");
    }

    @Test
    void ephemeral_keepsNothingAndPicksFreePorts() {
        SkeinLocal.Options o = SkeinLocal.Options.ephemeral(Path.of("/tmp/x"));

        assertThat(o.persist()).isFalse();
        assertThat(o.otlpPort()).isZero();
        assertThat(o.idlePeriod()).isEqualTo(SkeinLocal.DEFAULT_IDLE_PERIOD);
        assertThat(o.withIdlePeriod(Duration.ofSeconds(5)).idlePeriod()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void parse_whenNoAwsOption_runsTheEmulators() {
        assertThat(SkeinLocal.parse(new String[0]).aws()).isEqualTo(new AwsLocation.Emulators());
    }

    @Test
    void parse_whenAwsEndpointGiven_usesItForEveryService() {
        SkeinLocal.Options o = SkeinLocal.parse(new String[] {"--aws-endpoint", "http://localhost:4566"});

        assertThat(o.aws()).isEqualTo(new AwsLocation.Endpoint(URI.create("http://localhost:4566")));
    }

    @Test
    void parse_whenAwsGiven_usesRealAws() {
        assertThat(SkeinLocal.parse(new String[] {"--aws"}).aws()).isInstanceOf(AwsLocation.RealAws.class);
    }

    @Test
    void parse_whenBothAwsOptionsOrOneTwice_saysOnlyOneIsAllowed() {
        String message = "give one of --aws-endpoint and --aws, once";
        assertThatThrownBy(() -> SkeinLocal.parse(new String[] {"--aws", "--aws-endpoint", "http://localhost:4566"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> SkeinLocal.parse(new String[] {"--aws-endpoint", "http://localhost:4566", "--aws"}))
                .hasMessage(message);
        assertThatThrownBy(() -> SkeinLocal.parse(new String[] {"--aws", "--aws"})).hasMessage(message);
    }

    @Test
    void parse_whenAwsEndpointIsNotAnHttpUrl_saysWhatItMustLookLike() {
        for (String bad : new String[] {"localhost:4566", "ftp://localhost:4566", "http://", "not a url"}) {
            assertThatThrownBy(() -> SkeinLocal.parse(new String[] {"--aws-endpoint", bad}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--aws-endpoint must be an http(s) URL such as http://localhost:4566, got '"
                            + bad + "'");
        }
        assertThatThrownBy(() -> SkeinLocal.parse(new String[] {"--aws-endpoint"}))
                .hasMessage("--aws-endpoint needs a value");
    }

    @Test
    void withAwsEndpoint_keepsTheOtherOptionsAndRefusesANonHttpUrl() {
        SkeinLocal.Options ephemeral = SkeinLocal.Options.ephemeral(Path.of("/tmp/x"));

        SkeinLocal.Options o = ephemeral.withAwsEndpoint(URI.create("https://aws.example:4566"));

        assertThat(o.aws()).isEqualTo(new AwsLocation.Endpoint(URI.create("https://aws.example:4566")));
        assertThat(o.withAws(ephemeral.aws())).isEqualTo(ephemeral);
        assertThatThrownBy(() -> ephemeral.withAwsEndpoint(URI.create("localhost:4566")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 'localhost:4566'");
    }
}
