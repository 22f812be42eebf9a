package dev.skein.aws;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

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
    private S3Client s3;
    private DynamoDbClient dynamoDb;
    private SqsClient sqs;

    public AwsClients(AwsClientSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    /** The Kinesis client, built on first use and then shared. */
    public synchronized KinesisClient kinesis() {
        if (kinesis == null) {
            kinesis = configure(KinesisClient.builder()).build();
        }
        return kinesis;
    }

    /**
     * The S3 client, built on first use and then shared. With an endpoint override it addresses
     * buckets by path ({@code http://host:port/bucket/key}): emulators and LocalStack answer on
     * one host name and cannot resolve {@code bucket.host}.
     */
    public synchronized S3Client s3() {
        if (s3 == null) {
            boolean emulated = settings.endpointOverride().isPresent();
            S3ClientBuilder builder = configure(S3Client.builder()).forcePathStyle(emulated);
            if (emulated) {
                // S3Proxy drops about one in six chunked uploads with a trailing checksum (the
                // SDK's default) mid-body; a plain body with a Content-Length always arrives.
                builder.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            }
            s3 = builder.build();
        }
        return s3;
    }

    /** The DynamoDB client, built on first use and then shared. */
    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = configure(DynamoDbClient.builder()).build();
        }
        return dynamoDb;
    }

    /** The SQS client, built on first use and then shared. */
    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = configure(SqsClient.builder()).build();
        }
        return sqs;
    }

    /** Closes the clients built so far and the HTTP client they share. */
    @Override
    public synchronized void close() {
        for (SdkAutoCloseable client : Arrays.asList(kinesis, s3, dynamoDb, sqs)) {
            if (client != null) {
                client.close();
            }
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
