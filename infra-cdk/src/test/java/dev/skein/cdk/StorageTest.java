package dev.skein.cdk;

import static dev.skein.cdk.TemplateJson.arnOf;
import static dev.skein.cdk.TemplateJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.assembly.ArchiveKeys;
import dev.skein.assembly.PipelineSettings;
import dev.skein.aws.StorageProvisioning;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The archive bucket, its access-log bucket and the index table. */
class StorageTest {
    private final Synthesis.Synthesized s = Synthesis.defaults();
    private final TemplateJson json = s.json();
    private final String archive = s.logicalId(s.skein().storage().bucket);
    private final String accessLogs = s.logicalId(s.skein().storage().accessLogs);
    private final String table = s.logicalId(s.skein().storage().table);

    @Test
    void archiveBucket_isEncryptedPrivateAndLogged_andExpiresAtTheRetention() {
        Map<String, Object> bucket = json.properties(archive);
        assertThat(bucket.get("BucketEncryption")).isEqualTo(Map.of("ServerSideEncryptionConfiguration",
                List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))));
        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket.get("OwnershipControls")).isEqualTo(Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))));
        assertThat(bucket.get("LoggingConfiguration")).isEqualTo(Map.of("DestinationBucketName", ref(accessLogs), "LogFilePrefix", "archive/"));
        assertThat(bucket.get("LifecycleConfiguration")).isEqualTo(Map.of("Rules", List.of(Map.of(
                "Id", "expire-at-retention", "Status", "Enabled", "ExpirationInDays", 30,
                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1)))));
    }

    @Test
    void bothBuckets_refuseRequestsWithoutTls() {
        for (String bucket : List.of(archive, accessLogs)) {
            s.template().hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                    "Bucket", ref(bucket),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                            "Action", "s3:*",
                            "Effect", "Deny",
                            "Principal", Map.of("AWS", "*"),
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                            "Resource", List.of(arnOf(bucket), Map.of("Fn::Join", List.of("", List.of(arnOf(bucket), "/*"))))))))));
        }
    }

    @Test
    void accessLogBucket_isEncryptedPrivate_andKeepsLogsNinetyDays() {
        Map<String, Object> bucket = json.properties(accessLogs);
        assertThat(bucket.get("BucketEncryption")).isEqualTo(json.properties(archive).get("BucketEncryption"));
        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(json.properties(archive).get("PublicAccessBlockConfiguration"));
        assertThat(bucket.get("LifecycleConfiguration")).isEqualTo(Map.of("Rules", List.of(Map.of(
                "Id", "expire-access-logs", "Status", "Enabled", "ExpirationInDays", 90))));
        // S3 delivers the archive's access logs under its prefix only, for this account's bucket only.
        s.template().hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", ref(accessLogs),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "s3:PutObject",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "logging.s3.amazonaws.com"),
                        "Resource", Map.of("Fn::Join", List.of("", List.of(arnOf(accessLogs), "/archive/*"))))))))));
    }

    @Test
    void indexTable_hasTheFunctionsKeySchema_onDemand_withTtlPitrAndEncryption() {
        assertThat(json.properties(table)).isEqualTo(Map.of(
                "AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "S"),
                        Map.of("AttributeName", "sk", "AttributeType", "S")),
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "BillingMode", "PAY_PER_REQUEST",
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "SSESpecification", Map.of("SSEEnabled", true)));
    }

    @Test
    void keysAndDefaults_matchWhatTheFunctionsUse() {
        assertThat(ArchiveStorage.TTL_ATTRIBUTE).isEqualTo(StorageProvisioning.EXPIRES_AT);
        assertThat(ArchiveStorage.SPANS_PREFIX).isEqualTo(ArchiveKeys.SPANS_PREFIX);
        assertThat(ArchiveStorage.SEARCH_PREFIX).isEqualTo(ArchiveKeys.SEARCH_PREFIX);
        SkeinProps defaults = SkeinProps.builder().build();
        assertThat(defaults.retentionDays()).isEqualTo(PipelineSettings.DEFAULTS.retention().toDays());
        assertThat(defaults.idlePeriod().toSeconds().longValue()).isEqualTo(PipelineSettings.DEFAULTS.idlePeriod().toSeconds());
        assertThat(defaults.searchShards()).isEqualTo(PipelineSettings.DEFAULTS.searchShards());
    }

    @Test
    void dataOutlivesTheStack_byDefault() {
        for (String id : List.of(archive, accessLogs, table)) {
            s.template().hasResource(typeOf(id), Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
        }
    }

    @Test
    void retentionAndRemovalPolicy_followTheProps() {
        Synthesis.Synthesized c = Synthesis.customized();
        c.template().hasResource("AWS::S3::Bucket", Match.objectLike(Map.of(
                "DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of("LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of(
                        "Id", "expire-at-retention", "ExpirationInDays", 14)))))))));
        c.template().hasResource("AWS::DynamoDB::Table", Match.objectLike(Map.of("DeletionPolicy", "Delete")));
    }

    @SuppressWarnings("unchecked")
    private String typeOf(String logicalId) {
        return (String) ((Map<String, Object>) json.section("Resources").get(logicalId)).get("Type");
    }
}
