package dev.skein.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where and as whom the SDK clients talk: the same code runs in Lambda, in skein-local against
 * emulators, and in tests against LocalStack; only these settings differ.
 */
public final class AwsClientSettings {
    public static final String REGION = "AWS_REGION";
    public static final String ENDPOINT = "SKEIN_AWS_ENDPOINT";
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final Region DEFAULT_REGION = Region.US_EAST_1;

    /**
     * Emulators accept any signature; the values only have to be present, and be letters and
     * digits only: DynamoDB Local 2.x rejects any other access key ID as invalid.
     */
    private static final AwsBasicCredentials EMULATOR_CREDENTIALS =
            AwsBasicCredentials.create("skeinlocal", "skeinlocal");

    private final Region region;
    private final URI endpointOverride;
    private final AwsCredentialsProvider credentialsProvider;

    public AwsClientSettings(Region region, URI endpointOverride,
            AwsCredentialsProvider credentialsProvider) {
        this.region = Objects.requireNonNull(region, "region");
        this.endpointOverride = endpointOverride;
        this.credentialsProvider = Objects.requireNonNull(credentialsProvider, "credentialsProvider");
    }

    /**
     * Reads {@value #REGION} (default us-east-1) and {@value #ENDPOINT} (optional endpoint
     * override, e.g. {@code http://127.0.0.1:4566}). Credentials, cheapest first:
     * <ul>
     *   <li>{@value #ACCESS_KEY_ID} present (Lambda sets it): environment variables only, which
     *       skips the default chain's probing at cold start;</li>
     *   <li>else an endpoint override (an emulator or LocalStack): static dummy keys;</li>
     *   <li>else the SDK's default chain (SnapStart restores, profiles, containers, IMDS).</li>
     * </ul>
     *
     * @param env the process environment, passed in so the caller reads it once at init
     * @throws IllegalArgumentException when {@value #ENDPOINT} is not an absolute http(s) URI
     */
    public static AwsClientSettings fromEnvironment(Map<String, String> env) {
        Region region = Region.of(nonBlank(env.get(REGION)).orElse(DEFAULT_REGION.id()));
        URI endpoint = nonBlank(env.get(ENDPOINT)).map(AwsClientSettings::parseEndpoint).orElse(null);
        AwsCredentialsProvider credentials;
        if (nonBlank(env.get(ACCESS_KEY_ID)).isPresent()) {
            credentials = EnvironmentVariableCredentialsProvider.create();
        } else if (endpoint != null) {
            credentials = StaticCredentialsProvider.create(EMULATOR_CREDENTIALS);
        } else {
            credentials = DefaultCredentialsProvider.builder().build();
        }
        return new AwsClientSettings(region, endpoint, credentials);
    }

    public Region region() {
        return region;
    }

    /** Present when the clients talk to something other than the region's AWS endpoints. */
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpointOverride);
    }

    public AwsCredentialsProvider credentialsProvider() {
        return credentialsProvider;
    }

    @Override
    public String toString() {
        return "AwsClientSettings[region=" + region + ", endpoint="
                + (endpointOverride == null ? "(AWS)" : endpointOverride) + ", credentials="
                + credentialsProvider.getClass().getSimpleName() + "]";
    }

    private static URI parseEndpoint(String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(ENDPOINT + " is not a URI: " + value, e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    ENDPOINT + " must look like http://host:port, got " + value);
        }
        return uri;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
