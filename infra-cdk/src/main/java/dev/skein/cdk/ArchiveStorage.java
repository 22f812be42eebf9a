package dev.skein.cdk;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Where traces live: the archive bucket (span chunks and search pages, docs/formats.md) and the
 * index table (docs/storage.md). Both expire what they hold after the retention period, are
 * encrypted at rest, and accept only TLS; the bucket logs its access to a second bucket.
 *
 * <p>The keys the functions write are fixed by the code, so the grants name them: {@link
 * #SPANS_PREFIX} and {@link #SEARCH_PREFIX} in the bucket, {@link #KEY_PARTITIONS} and {@link
 * #QUOTA_PARTITIONS} in the table.
 */
final class ArchiveStorage extends Construct {
    /** Span chunks: {@code spans/tenant=…/dt=…/hr=…/{batch}.json.gz} (dev.skein.assembly.ArchiveKeys). */
    static final String SPANS_PREFIX = "spans/";
    /** Search pages, beside the chunks. */
    static final String SEARCH_PREFIX = "search/";
    /** The index table's keys and TTL attribute (dev.skein.aws.StorageProvisioning). */
    static final String PARTITION_KEY = "pk";
    static final String SORT_KEY = "sk";
    static final String TTL_ATTRIBUTE = "expiresAt";
    /** API keys' items in the table: partition key {@code K#{tenant}} (docs/storage.md). */
    static final String KEY_PARTITIONS = "K#*";
    /**
     * Quota state's items: partition key {@code L#{tenant}}, sort key {@code ingest} or {@code
     * query}. No other item kind starts with {@code L}, so a grant under it reaches nothing else.
     */
    static final String QUOTA_PARTITIONS = "L#*";
    /** Access logs are for audits and investigations, which look back further than traces do. */
    static final int ACCESS_LOG_DAYS = 90;

    final Bucket bucket;
    final Bucket accessLogs;
    final Table table;

    ArchiveStorage(Construct scope, String id, SkeinProps props) {
        super(scope, id);
        // Holds only access logs: S3 cannot log a log bucket into itself, and logging it
        // elsewhere would need a third bucket to the same end.
        accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-access-logs")
                        .expiration(Duration.days(ACCESS_LOG_DAYS))
                        .build()))
                .removalPolicy(props.dataRemovalPolicy())
                .build();
        bucket = Bucket.Builder.create(this, "Archive")
                // SSE-S3: encrypted at rest without a KMS key, so no function needs KMS
                // permissions and no request pays for a KMS call.
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("archive/")
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-at-retention")
                        .expiration(Duration.days(props.retentionDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(props.dataRemovalPolicy())
                .build();
        table = Table.Builder.create(this, "Index")
                .partitionKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(SORT_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                // The account's aws/dynamodb key: visible and audited in KMS, no key to manage,
                // and the functions need no KMS permission for it.
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(props.dataRemovalPolicy())
                .build();
    }

    /** The ARN pattern of every object under {@code prefix}. */
    String objectsArn(String prefix) {
        return bucket.arnForObjects(prefix + "*");
    }
}
