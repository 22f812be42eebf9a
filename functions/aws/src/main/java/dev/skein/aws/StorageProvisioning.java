package dev.skein.aws;

import java.time.Duration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates the index table, the archive bucket and the timer queue when they are missing, and
 * leaves them alone when they exist. For tests and skein-local; in the cloud the CDK stack
 * creates them (with the same key schema and TTL attribute). Every method may be called again
 * and by several processes at once.
 */
public final class StorageProvisioning {
    /** The index table's TTL attribute: epoch seconds, on every item that expires. */
    public static final String EXPIRES_AT = "expiresAt";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private StorageProvisioning() {
    }

    /**
     * The index table: string keys {@code pk} (partition) and {@code sk} (sort), on-demand
     * billing, TTL on {@value #EXPIRES_AT}. Returns once the table is ACTIVE; polls DescribeTable
     * itself, since the SDK waiter polls only every 20 s.
     *
     * @throws IllegalStateException when the table is not ACTIVE within {@code timeout}
     */
    public static void createTableIfMissing(DynamoDbClient dynamoDb, String tableName,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!tableExists(dynamoDb, tableName)) {
            try {
                dynamoDb.createTable(request -> request
                        .tableName(tableName)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                stringAttribute("pk"), stringAttribute("sk"))
                        .keySchema(
                                KeySchemaElement.builder().attributeName("pk")
                                        .keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("sk")
                                        .keyType(KeyType.RANGE).build()));
            } catch (ResourceInUseException e) {
                // Another process created it meanwhile: the same table, wait for it below.
            }
        }
        awaitActive(dynamoDb, tableName, deadline, timeout);
        TimeToLiveStatus ttl = dynamoDb.describeTimeToLive(request -> request.tableName(tableName))
                .timeToLiveDescription().timeToLiveStatus();
        // Enabling TTL twice is an error, so only a table without it gets it.
        if (ttl != TimeToLiveStatus.ENABLED && ttl != TimeToLiveStatus.ENABLING) {
            dynamoDb.updateTimeToLive(request -> request.tableName(tableName)
                    .timeToLiveSpecification(spec -> spec.attributeName(EXPIRES_AT).enabled(true)));
        }
    }

    /** The archive bucket, in the client's region. */
    public static void createBucketIfMissing(S3Client s3, String bucket) {
        if (bucketExists(s3, bucket)) {
            return;
        }
        Region region = s3.serviceClientConfiguration().region();
        try {
            s3.createBucket(request -> {
                request.bucket(bucket);
                // us-east-1 is the one region that must not be named as a location constraint.
                if (!Region.US_EAST_1.equals(region)) {
                    request.createBucketConfiguration(config -> config.locationConstraint(region.id()));
                }
            });
        } catch (BucketAlreadyOwnedByYouException e) {
            // Another process created it meanwhile.
        }
    }

    /** The timer queue (a standard queue with the default attributes); returns its URL. */
    public static String createQueueIfMissing(SqsClient sqs, String queueName) {
        try {
            return sqs.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            // CreateQueue returns the existing queue's URL when the attributes match, so a
            // concurrent creator is harmless.
            return sqs.createQueue(request -> request.queueName(queueName)).queueUrl();
        }
    }

    /**
     * Whether the bucket exists and this client may use it.
     *
     * @throws S3Exception with status 403 when it exists but belongs to another account or this
     *     client may not read it
     */
    public static boolean bucketExists(S3Client s3, String bucket) {
        try {
            s3.headBucket(request -> request.bucket(bucket));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            return false;
        }
    }

    public static boolean tableExists(DynamoDbClient dynamoDb, String tableName) {
        try {
            dynamoDb.describeTable(request -> request.tableName(tableName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static void awaitActive(DynamoDbClient dynamoDb, String tableName, long deadline,
            Duration timeout) {
        while (true) {
            TableStatus status = dynamoDb.describeTable(request -> request.tableName(tableName))
                    .table().tableStatus();
            if (status == TableStatus.ACTIVE) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("DynamoDB table " + tableName + " is " + status
                        + ", not ACTIVE, after " + timeout);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
            }
        }
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name)
                .attributeType(ScalarAttributeType.S).build();
    }
}
