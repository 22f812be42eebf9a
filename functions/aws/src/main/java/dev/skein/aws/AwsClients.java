package dev.skein.aws;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The SDK clients of one function, built once at init (never per invocation) with everything
 * explicit, so nothing is discovered at cold start: region, credentials provider, the
 * URL-connection HTTP client (shared by all clients) and the retry strategy.
 */
public final class AwsClients implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    /**
     * One SDK retry for a dropped connection or a 5xx; the adapters retry per item themselves
     * (for example PutRecords entries) within their own deadline, and SDK retries would multiply
     * with theirs.
     */
    static final int SDK_MAX_ATTEMPTS = 2;

    private final AwsClientSettings settings;
    private final SdkHttpClient httpClient;
    private KinesisClient kinesis;

    public AwsClients(AwsClientSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    public AwsClientSettings settings() {
        return settings;
    }

    /** The Kinesis client, built on first use and then shared. */
    public synchronized KinesisClient kinesis() {
        if (kinesis == null) {
            kinesis = configure(KinesisClient.builder()).build();
        }
        return kinesis;
    }

    /** Closes the clients built so far and the HTTP client they share. */
    @Override
    public synchronized void close() {
        if (kinesis != null) {
            kinesis.close();
        }
        httpClient.close();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(settings.region())
                .credentialsProvider(settings.credentialsProvider())
                .httpClient(httpClient)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(SDK_MAX_ATTEMPTS)
                                .build())
                        .build());
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }
}
