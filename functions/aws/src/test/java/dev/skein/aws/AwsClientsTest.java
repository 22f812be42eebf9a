package dev.skein.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisServiceClientConfiguration;

class AwsClientsTest {

    @Test
    void kinesis_whenCalledTwice_buildsOneClient() {
        try (AwsClients clients = new AwsClients(AwsClientSettings.fromEnvironment(
                Map.of("SKEIN_AWS_ENDPOINT", "http://127.0.0.1:4566")))) {
            assertThat(clients.kinesis()).isSameAs(clients.kinesis());
        }
    }

    @Test
    void storageClients_whenCalledTwice_buildOneEachAtTheOverriddenEndpoint() {
        URI endpoint = URI.create("http://127.0.0.1:4566");
        try (AwsClients clients = new AwsClients(AwsClientSettings.fromEnvironment(
                Map.of("SKEIN_AWS_ENDPOINT", endpoint.toString())))) {
            assertThat(clients.s3()).isSameAs(clients.s3());
            assertThat(clients.dynamoDb()).isSameAs(clients.dynamoDb());
            assertThat(clients.sqs()).isSameAs(clients.sqs());
            assertThat(clients.s3().serviceClientConfiguration().endpointOverride())
                    .contains(endpoint);
            assertThat(clients.dynamoDb().serviceClientConfiguration().endpointOverride())
                    .contains(endpoint);
            assertThat(clients.sqs().serviceClientConfiguration().endpointOverride())
                    .contains(endpoint);
        }
    }

    @Test
    void kinesis_whenEndpointOverridden_usesRegionEndpointAndFewSdkAttempts() {
        try (AwsClients clients = new AwsClients(AwsClientSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1",
                "SKEIN_AWS_ENDPOINT", "http://127.0.0.1:4566")))) {
            KinesisClient kinesis = clients.kinesis();
            KinesisServiceClientConfiguration config = kinesis.serviceClientConfiguration();

            assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
            assertThat(config.endpointOverride()).contains(URI.create("http://127.0.0.1:4566"));
            assertThat(config.overrideConfiguration().retryStrategy())
                    .hasValueSatisfying(strategy -> assertThat(strategy.maxAttempts())
                            .isEqualTo(AwsClients.SDK_MAX_ATTEMPTS));
        }
    }
}
