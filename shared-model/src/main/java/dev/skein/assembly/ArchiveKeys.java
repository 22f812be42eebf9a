package dev.skein.assembly;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * Archive object keys. Partitioned by tenant and hour ({@code tenant=…/dt=…/hr=…/}, as Athena
 * partition projection reads them) and named by the batch: the arrival time of its first
 * record and a digest of all its record IDs. A retried batch therefore writes the same keys and
 * overwrites; a batch cut differently (after a partial failure) gets new keys, and the trace
 * combiner folds the spans the two share.
 */
public final class ArchiveKeys {
    public static final String SPANS_PREFIX = "spans/";
    public static final String SEARCH_PREFIX = "search/";
    private static final DateTimeFormatter PARTITION =
            DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hr='HH").withZone(ZoneOffset.UTC);

    private ArchiveKeys() {}

    /** {@code 0001732540000123-1f2e3d4c5b6a7988}: sorts by arrival, unique per set of records. */
    public static String batchId(long firstArrivalEpochMillis, List<String> recordIds) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String id : recordIds) {
                sha.update(id.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            String digest = HexFormat.of().formatHex(sha.digest(), 0, 8);
            return String.format("%016d-%s", firstArrivalEpochMillis, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String spans(String tenant, long arrivalEpochMillis, String batchId) {
        return key(SPANS_PREFIX, tenant, arrivalEpochMillis, batchId);
    }

    public static String searchPage(String tenant, long arrivalEpochMillis, String batchId) {
        return key(SEARCH_PREFIX, tenant, arrivalEpochMillis, batchId);
    }

    private static String key(String prefix, String tenant, long arrivalEpochMillis, String batchId) {
        return prefix + "tenant=" + tenant + "/" + PARTITION.format(Instant.ofEpochMilli(arrivalEpochMillis))
                + "/" + batchId + ".json.gz";
    }
}
