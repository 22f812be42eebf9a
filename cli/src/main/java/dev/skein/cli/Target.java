package dev.skein.cli;

import dev.skein.aws.AwsClientSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * The index table the keys are in, and how to reach it: {@code --table NAME [--region R]
 * [--endpoint URL]}, or {@code --local [DATA_DIR]} for the table of a running skein-local.
 *
 * @param region empty: {@code AWS_REGION}, else us-east-1 (only with an endpoint, which ignores it)
 */
record Target(String table, Optional<Region> region, Optional<URI> endpoint) {
    static final Set<String> OPTIONS = Set.of("table", "region", "endpoint", CommandLine.LOCAL);

    /**
     * @throws UsageException when no target or two are named, or a value is malformed
     * @throws IllegalStateException when skein-local's file is missing or unreadable
     */
    static Target of(CommandLine line) {
        if (line.has(CommandLine.LOCAL)) {
            if (line.has("table") || line.has("region") || line.has("endpoint")) {
                throw new UsageException("--local reads the table, region and endpoint from skein-local; "
                        + "leave out --table, --region and --endpoint");
            }
            String dataDir = line.option(CommandLine.LOCAL).filter(d -> !d.isEmpty())
                    .orElse(SkeinLocalFile.DEFAULT_DATA_DIR);
            SkeinLocalFile local = SkeinLocalFile.read(Path.of(dataDir));
            Optional<URI> endpoint = local.dynamodbEndpoint().map(e -> endpoint(e).orElseThrow(() ->
                    new IllegalStateException("skein-local's dynamodbEndpoint is not an http(s) URL: " + e)));
            return new Target(local.table(), Optional.of(Region.of(local.region()
                    .orElse(AwsClientSettings.DEFAULT_REGION.id()))), endpoint);
        }
        if (!line.has("table")) {
            throw new UsageException("say where the keys are: --table NAME (a deployment's index table) "
                    + "or --local [DATA_DIR] (a running skein-local)");
        }
        String table = line.required("table");
        Optional<URI> endpoint = line.option("endpoint").map(e -> endpoint(e).orElseThrow(() ->
                new UsageException("--endpoint must be an http(s) URL such as http://127.0.0.1:4566, got '" + e + "'")));
        Optional<Region> region = line.option("region").map(Region::of);
        if (region.isEmpty() && endpoint.isEmpty()) {
            region = Optional.of(configuredRegion());
        }
        return new Target(table, region, endpoint);
    }

    /** The clients' settings: this region and endpoint; credentials as {@link AwsClientSettings} picks them. */
    AwsClientSettings settings(Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(env);
        // The command line says where to go; a SKEIN_AWS_ENDPOINT left in the shell must not.
        settings.remove(AwsClientSettings.ENDPOINT);
        endpoint.ifPresent(e -> settings.put(AwsClientSettings.ENDPOINT, e.toString()));
        region.ifPresent(r -> settings.put(AwsClientSettings.REGION, r.id()));
        return AwsClientSettings.fromEnvironment(settings);
    }

    /**
     * The region AWS tools use: {@code aws.region} or {@code AWS_REGION}, else the profile's.
     * Never guessed: a table looked for in the wrong region only looks missing.
     */
    private static Region configuredRegion() {
        try {
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                    .getRegion();
        } catch (SdkClientException e) {
            throw new UsageException("no AWS region: pass --region R, set AWS_REGION, or set one in your AWS profile");
        }
    }

    private static Optional<URI> endpoint(String value) {
        try {
            URI uri = new URI(value.trim());
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "table " + table + region.map(r -> " in " + r.id()).orElse("")
                + endpoint.map(e -> " at " + e).orElse("");
    }
}
