package dev.skein.local;

import dev.skein.aws.StorageProvisioning;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Checks that an AWS account holds the write path's resources before skein-local uses them:
 * there it creates nothing (the CDK stack does), so a missing one is named at start rather than
 * failing the first batch.
 */
final class ResourceCheck {
    private ResourceCheck() {
    }

    /**
     * Returns the resources as the clients address them.
     *
     * @param where the account's description for the message, e.g. "AWS region eu-west-1"
     * @throws IllegalStateException naming every resource that is missing or not accessible, and
     *     how to create them
     */
    static AwsResources requireExisting(KinesisClient kinesis, DynamoDbClient dynamoDb, S3Client s3, SqsClient sqs,
            AwsResourceNames names, String where) {
        List<String> problems = new ArrayList<>();
        if (!streamExists(kinesis, names.stream())) {
            problems.add("Kinesis stream '" + names.stream() + "' does not exist");
        }
        if (!StorageProvisioning.tableExists(dynamoDb, names.table())) {
            problems.add("DynamoDB table '" + names.table() + "' does not exist");
        }
        try {
            if (!StorageProvisioning.bucketExists(s3, names.bucket())) {
                problems.add("S3 bucket '" + names.bucket() + "' does not exist");
            }
        } catch (S3Exception e) {
            if (e.statusCode() != 403) {
                throw e;
            }
            problems.add("S3 bucket '" + names.bucket()
                    + "' is another account's, or these credentials may not use it");
        }
        Optional<String> timerQueueUrl = timerQueueUrl(sqs, names);
        if (timerQueueUrl.isEmpty()) {
            problems.add("SQS queue '" + names.timerQueue() + "' does not exist");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Skein's resources are missing in " + where + ":\n  "
                    + String.join("\n  ", problems) + "\nskein-local creates nothing in an AWS account. Deploy the "
                    + "Skein CDK stack (infra-cdk: cdk deploy), or name existing resources with "
                    + AwsResourceNames.STREAM_NAME + ", " + AwsResourceNames.TABLE + ", " + AwsResourceNames.BUCKET
                    + " and " + AwsResourceNames.TIMER_QUEUE_URL + ".");
        }
        return new AwsResources(names.stream(), names.table(), names.bucket(), timerQueueUrl.get(), Optional.empty());
    }

    static boolean streamExists(KinesisClient kinesis, String stream) {
        try {
            kinesis.describeStreamSummary(r -> r.streamName(stream));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** The URL of the named queue in the client's account and region, if there is one. */
    static Optional<String> queueUrl(SqsClient sqs, String queueName) {
        try {
            return Optional.of(sqs.getQueueUrl(r -> r.queueName(queueName)).queueUrl());
        } catch (QueueDoesNotExistException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> timerQueueUrl(SqsClient sqs, AwsResourceNames names) {
        if (!names.timerQueueIsUrl()) {
            return queueUrl(sqs, names.timerQueue());
        }
        try {
            sqs.getQueueAttributes(r -> r.queueUrl(names.timerQueue()).attributeNames(QueueAttributeName.QUEUE_ARN));
            return Optional.of(names.timerQueue());
        } catch (QueueDoesNotExistException e) {
            return Optional.empty();
        }
    }
}
