package dev.skein.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class AwsClientSettingsTest {

    @Test
    void fromEnvironment_whenEmpty_usesUsEast1TheAwsEndpointsAndTheDefaultChain() {
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(Map.of());

        assertThat(settings.region()).isEqualTo(Region.US_EAST_1);
        assertThat(settings.endpointOverride()).isEmpty();
        assertThat(settings.credentialsProvider()).isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void fromEnvironment_whenRegionSet_usesIt() {
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(
                Map.of("AWS_REGION", "eu-central-1"));

        assertThat(settings.region()).isEqualTo(Region.EU_CENTRAL_1);
    }

    @Test
    void fromEnvironment_whenAccessKeyInEnvironment_readsCredentialsFromEnvironmentOnly() {
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(Map.of(
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "SKEIN_AWS_ENDPOINT", "http://127.0.0.1:4566"));

        assertThat(settings.credentialsProvider())
                .isInstanceOf(EnvironmentVariableCredentialsProvider.class);
    }

    @Test
    void fromEnvironment_whenEndpointWithoutKeys_usesStaticDummyCredentials() {
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(
                Map.of("SKEIN_AWS_ENDPOINT", "http://127.0.0.1:4566"));

        assertThat(settings.endpointOverride()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.credentialsProvider()).isInstanceOf(StaticCredentialsProvider.class);
        assertThat(settings.credentialsProvider().resolveCredentials().accessKeyId())
                .isNotBlank();
    }

    @Test
    void fromEnvironment_whenEndpointBlank_treatsItAsAbsent() {
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(
                Map.of("SKEIN_AWS_ENDPOINT", " "));

        assertThat(settings.endpointOverride()).isEmpty();
    }

    @Test
    void fromEnvironment_whenEndpointNotHttp_namesTheVariable() {
        assertThatThrownBy(() -> AwsClientSettings.fromEnvironment(
                Map.of("SKEIN_AWS_ENDPOINT", "127.0.0.1:4566")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SKEIN_AWS_ENDPOINT");
    }
}
