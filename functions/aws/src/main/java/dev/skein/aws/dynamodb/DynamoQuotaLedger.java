package dev.skein.aws.dynamodb;

import dev.skein.aws.StorageProvisioning;
import dev.skein.aws.lambda.PrimingSample;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.tenancy.QuotaLedger;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Quota buckets in the index table, one small item per (tenant, bucket) under the tenant's
 * partition {@code L#{tenant}} with the bucket name as sort key (docs/storage.md, "Quota
 * bucket"): one number attribute per level, {@code at} (epoch ms of the levels), {@code v} (the
 * version) and {@code expiresAt}. An idle tenant's item expires a day after its last write; a
 * missing item is a full bucket, which is what a day of idleness refills anyway.
 *
 * <p>A read is one strongly consistent GetItem (the optimistic write needs the latest version)
 * and a write one conditional PutItem of the whole item, under 1 KB: one read unit and one write
 * unit. A lost race costs its write unit too.
 *
 * <p>An item past its {@code expiresAt} that DynamoDB has not deleted yet (TTL deletes within
 * days, not at once) is read like any other: its old {@code at} refills it, and the next write
 * is conditional on its version, which still matches.
 */
public final class DynamoQuotaLedger implements QuotaLedger {
    static final String AT = "at";
    static final String VERSION = "v";
    /** How long a bucket outlives its last write. */
    static final Duration IDLE_EXPIRY = Duration.ofDays(1);

    private static final Set<String> RESERVED = Set.of(IndexKeys.PARTITION_KEY, IndexKeys.SORT_KEY, AT, VERSION,
            StorageProvisioning.EXPIRES_AT);

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;

    /** @param clock sets {@code expiresAt} */
    public DynamoQuotaLedger(DynamoDbClient client, String tableName, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws UnavailableException when the GetItem fails */
    @Override
    public Optional<Entry> read(String tenant, String bucket) {
        Map<String, AttributeValue> item;
        try {
            item = client.getItem(request -> request.tableName(tableName).key(keyOf(tenant, bucket))
                    .consistentRead(true)).item();
        } catch (SdkException e) {
            throw unavailable("GetItem", tenant, bucket, e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> levels = new HashMap<>();
        item.forEach((name, value) -> {
            if (!RESERVED.contains(name)) {
                levels.put(name, Double.parseDouble(value.n()));
            }
        });
        return Optional.of(new Entry(levels, Long.parseLong(item.get(AT).n()),
                Long.parseLong(item.get(VERSION).n())));
    }

    /**
     * @throws IllegalArgumentException for a level named like one of the item's own attributes,
     *     or one that is not a finite number
     * @throws UnavailableException when the PutItem fails for any reason but its condition
     */
    @Override
    public boolean write(String tenant, String bucket, Map<String, Double> levels, long atMillis,
            long expectedVersion) {
        Map<String, AttributeValue> item = new HashMap<>(keyOf(tenant, bucket));
        levels.forEach((name, level) -> item.put(levelName(name), number(name, level)));
        item.put(AT, AttributeValue.fromN(Long.toString(atMillis)));
        item.put(VERSION, AttributeValue.fromN(Long.toString(expectedVersion + 1)));
        item.put(StorageProvisioning.EXPIRES_AT, AttributeValue.fromN(
                Long.toString(clock.instant().plus(IDLE_EXPIRY).getEpochSecond())));
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(tableName).item(item);
        if (expectedVersion == 0) {
            put.conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", IndexKeys.PARTITION_KEY));
        } else {
            put.conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":expected",
                            AttributeValue.fromN(Long.toString(expectedVersion))));
        }
        try {
            client.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw unavailable("PutItem", tenant, bucket, e);
        }
    }

    private static Map<String, AttributeValue> keyOf(String tenant, String bucket) {
        return Map.of(IndexKeys.PARTITION_KEY, AttributeValue.fromS(IndexKeys.quotaBuckets(tenant)),
                IndexKeys.SORT_KEY, AttributeValue.fromS(bucket));
    }

    private static String levelName(String name) {
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("a quota level cannot be named '" + name
                    + "': the bucket's item uses that attribute itself");
        }
        return name;
    }

    /**
     * Plain decimal, never an exponent, and exact: DynamoDB keeps 38 digits, a double needs at
     * most 17.
     */
    private static AttributeValue number(String name, double level) {
        if (!Double.isFinite(level)) {
            throw new IllegalArgumentException("quota level " + name + " is " + level);
        }
        return AttributeValue.fromN(BigDecimal.valueOf(level).toPlainString());
    }

    private UnavailableException unavailable(String request, String tenant, String bucket, SdkException e) {
        return new UnavailableException(request + " of quota bucket " + bucket + " of tenant " + tenant
                + " in DynamoDB table " + tableName + " failed: " + e.getClass().getSimpleName() + ": "
                + e.getMessage(), e);
    }

    /**
     * SnapStart priming: a consistent read of a bucket, as every request makes, under a tenant
     * reserved for it; a read, so it changes nothing whatever it finds.
     */
    public SnapStartPriming.Step bucketRead(String bucket) {
        return new SnapStartPriming.Step("dynamodb: read a quota bucket of the priming tenant",
                () -> read(PrimingSample.TENANT, bucket));
    }
}
