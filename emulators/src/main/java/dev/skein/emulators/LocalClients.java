package dev.skein.emulators;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds SDK clients for the emulators: fixed region and credentials so a test never
 * reads ~/.aws or the environment, and the URL-connection HTTP client because the module
 * excludes the SDK's Apache and Netty clients.
 */
final class LocalClients {
    static final Region REGION = Region.US_EAST_1;
    /**
     * None of the emulators checks signatures, but DynamoDB Local 2.x rejects an access key with
     * anything other than letters and digits ("The Access Key ID or security token is invalid").
     * kinesis-mock maps any key that is not a 12-digit account id to its default account.
     */
    static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("skeinlocal", "skeinlocal"));

    private LocalClients() {
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder,
            URI endpoint) {
        return builder.region(REGION)
                .credentialsProvider(CREDENTIALS)
                .endpointOverride(endpoint)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
