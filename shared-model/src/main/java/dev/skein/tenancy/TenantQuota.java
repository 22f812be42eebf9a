package dev.skein.tenancy;

/**
 * How fast one tenant may send and read. Each rate is an average; a tenant may go
 * {@code burstSeconds} times the rate above it at once, as a token bucket allows.
 *
 * @param bytesPerSecond request bodies after decompression
 */
public record TenantQuota(double spansPerSecond, double bytesPerSecond, double queriesPerSecond, double burstSeconds) {
    /** What a tenant gets when nothing is configured. */
    public static final TenantQuota DEFAULT = new TenantQuota(10_000, 10 * 1024 * 1024, 25, 2);

    public TenantQuota {
        positive("spansPerSecond", spansPerSecond);
        positive("bytesPerSecond", bytesPerSecond);
        positive("queriesPerSecond", queriesPerSecond);
        positive("burstSeconds", burstSeconds);
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + value);
        }
    }
}
