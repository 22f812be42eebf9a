package dev.skein.cdk;

import java.util.Arrays;
import software.amazon.awscdk.Duration;
import software.constructs.Node;

/**
 * The few settings {@code cdk deploy -c name=value} can change without code; everything else
 * has a safe default, and a team that needs more uses {@link Skein} in its own app.
 *
 * <table>
 *   <tr><th>context key</th><th>setting</th></tr>
 *   <tr><td>{@code stackName}</td><td>the stack's name (default {@value #DEFAULT_STACK_NAME})</td></tr>
 *   <tr><td>{@code retentionDays}</td><td>{@link SkeinProps.Builder#retentionDays}</td></tr>
 *   <tr><td>{@code idleSeconds}</td><td>{@link SkeinProps.Builder#idlePeriod}</td></tr>
 *   <tr><td>{@code streamShards}</td><td>provisioned shards instead of on demand</td></tr>
 *   <tr><td>{@code alarmEmail}</td><td>{@link SkeinProps.Builder#alarmEmail}</td></tr>
 *   <tr><td>{@code defaultTenant}</td><td>{@link SkeinProps.Builder#defaultTenant}, the first key's tenant</td></tr>
 *   <tr><td>{@code corsOrigins}</td><td>comma-separated {@link SkeinProps.Builder#corsOrigins}</td></tr>
 *   <tr><td>{@code domainName}, {@code certificateArn}</td><td>{@link SkeinProps.Builder#customDomain}, both or neither</td></tr>
 * </table>
 */
final class AppSettings {
    static final String DEFAULT_STACK_NAME = "Skein";

    private final Node context;

    AppSettings(Node context) {
        this.context = context;
    }

    String stackName() {
        String name = value("stackName");
        return name == null ? DEFAULT_STACK_NAME : name;
    }

    SkeinProps props() {
        SkeinProps.Builder b = SkeinProps.builder();
        String retention = value("retentionDays");
        if (retention != null) b.retentionDays(integer("retentionDays", retention));
        String idle = value("idleSeconds");
        if (idle != null) b.idlePeriod(Duration.seconds(integer("idleSeconds", idle)));
        String shards = value("streamShards");
        if (shards != null) b.streamCapacity(StreamCapacity.provisioned(integer("streamShards", shards)));
        String email = value("alarmEmail");
        if (email != null) b.alarmEmail(email);
        String tenant = value("defaultTenant");
        if (tenant != null) b.defaultTenant(tenant);
        String origins = value("corsOrigins");
        if (origins != null) b.corsOrigins(Arrays.stream(origins.split(",")).map(String::trim).toList());
        String domain = value("domainName");
        String certificate = value("certificateArn");
        if ((domain == null) != (certificate == null)) {
            throw new IllegalArgumentException("give both -c domainName=… and -c certificateArn=…, or neither");
        }
        if (domain != null) b.customDomain(new CustomDomain(domain, certificate));
        return b.build();
    }

    /** A context value as text ({@code -c} gives strings, cdk.json may give numbers); null when absent or blank. */
    private String value(String key) {
        Object v = context.tryGetContext(key);
        return v == null || v.toString().isBlank() ? null : v.toString().trim();
    }

    private static int integer(String key, String value) {
        try {
            // cdk.json numbers arrive as doubles ("30.0").
            double d = Double.parseDouble(value);
            if (d != Math.rint(d)) throw new NumberFormatException();
            return (int) d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context " + key + " must be a whole number, got '" + value + "'");
        }
    }
}
