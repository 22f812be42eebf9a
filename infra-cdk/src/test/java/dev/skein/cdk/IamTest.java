package dev.skein.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, asserted exactly: each function's role may do what that function's code
 * calls (the adapters in functions/aws) and what its event source needs, and nothing else.
 */
class IamTest {
    private final Synthesis.Synthesized s = Synthesis.defaults();
    private final TemplateJson json = s.json();
    private final String stream = s.logicalId(s.skein().stream().stream);
    private final String streamFailures = s.logicalId(s.skein().stream().failures);
    private final String bucket = s.logicalId(s.skein().storage().bucket);
    private final String table = s.logicalId(s.skein().storage().table);
    private final String timers = s.logicalId(s.skein().timers().queue);
    /** The condition that limits a table grant to quota state's partitions. */
    private static final String QUOTA_ITEMS = " if {ForAllValues:StringLike={dynamodb:LeadingKeys=[L#*]}}";

    @Test
    void ingest_mayOnlyPutRecordsToItsStream_andKeepQuotaState() {
        assertThat(grants(FunctionKind.INGEST)).containsExactlyInAnyOrder(
                logs(FunctionKind.INGEST),
                "Allow logs:PutLogEvents on " + logGroup(FunctionKind.INGEST),
                "Allow kinesis:PutRecords on " + stream,
                "Allow dynamodb:GetItem on " + table + QUOTA_ITEMS,
                "Allow dynamodb:PutItem on " + table + QUOTA_ITEMS);
    }

    @Test
    void assembler_writesChunksIndexAndTimers_andReadsItsStream() {
        assertThat(grants(FunctionKind.ASSEMBLER)).containsExactlyInAnyOrder(
                logs(FunctionKind.ASSEMBLER),
                "Allow logs:PutLogEvents on " + logGroup(FunctionKind.ASSEMBLER),
                "Allow s3:PutObject on " + bucket + "/spans/*",
                "Allow s3:PutObject on " + bucket + "/search/*",
                "Allow dynamodb:BatchWriteItem on " + table,
                "Allow sqs:SendMessage on " + timers,
                // The event source mapping: reads the stream, reports failed batches.
                "Allow kinesis:DescribeStream on " + stream,
                "Allow kinesis:DescribeStreamConsumer on " + stream,
                "Allow kinesis:DescribeStreamSummary on " + stream,
                "Allow kinesis:GetRecords on " + stream,
                "Allow kinesis:GetShardIterator on " + stream,
                "Allow kinesis:ListShards on " + stream,
                "Allow kinesis:ListStreams on " + stream,
                "Allow kinesis:SubscribeToShard on " + stream,
                "Allow sqs:SendMessage on " + streamFailures,
                "Allow sqs:GetQueueAttributes on " + streamFailures,
                "Allow sqs:GetQueueUrl on " + streamFailures);
    }

    @Test
    void finalizer_readsTracesCommitsSummariesAndReschedules() {
        assertThat(grants(FunctionKind.FINALIZER)).containsExactlyInAnyOrder(
                logs(FunctionKind.FINALIZER),
                "Allow logs:PutLogEvents on " + logGroup(FunctionKind.FINALIZER),
                "Allow dynamodb:Query on " + table,
                // TransactWriteItems: a conditional Put per summary, an ADD Update per edge.
                "Allow dynamodb:PutItem on " + table,
                "Allow dynamodb:UpdateItem on " + table,
                "Allow s3:GetObject on " + bucket + "/spans/*",
                "Allow s3:ListBucket on " + bucket,
                "Allow sqs:SendMessage on " + timers,
                // The event source mapping: receives and deletes timers.
                "Allow sqs:ReceiveMessage on " + timers,
                "Allow sqs:DeleteMessage on " + timers,
                "Allow sqs:ChangeMessageVisibility on " + timers,
                "Allow sqs:GetQueueAttributes on " + timers,
                "Allow sqs:GetQueueUrl on " + timers);
    }

    @Test
    void query_mayOnlyReadTraces_andKeepQuotaState() {
        assertThat(grants(FunctionKind.QUERY)).containsExactlyInAnyOrder(
                logs(FunctionKind.QUERY),
                "Allow logs:PutLogEvents on " + logGroup(FunctionKind.QUERY),
                "Allow dynamodb:Query on " + table,
                "Allow s3:GetObject on " + bucket + "/spans/*",
                "Allow s3:GetObject on " + bucket + "/search/*",
                // S3 answers a missing key with 404 only to a caller that may list.
                "Allow s3:ListBucket on " + bucket,
                "Allow dynamodb:GetItem on " + table + QUOTA_ITEMS,
                "Allow dynamodb:PutItem on " + table + QUOTA_ITEMS);
    }

    @Test
    void authorizer_mayOnlyReadApiKeys() {
        assertThat(grants(FunctionKind.AUTHORIZER)).containsExactlyInAnyOrder(
                logs(FunctionKind.AUTHORIZER),
                "Allow logs:PutLogEvents on " + logGroup(FunctionKind.AUTHORIZER),
                "Allow dynamodb:GetItem on " + table + " if {ForAllValues:StringLike={dynamodb:LeadingKeys=[K#*]}}");
    }

    @Test
    void everyGrant_namesItsActionAndResource_withoutWildcardActionsOrDenies() {
        for (FunctionKind kind : FunctionKind.values()) {
            assertThat(grants(kind)).allSatisfy(g -> {
                assertThat(g).startsWith("Allow ");
                assertThat(g.split(" ")[1]).doesNotContain("*");
                assertThat(g).doesNotContain(" on *");
            });
        }
    }

    @Test
    void roles_areAssumableByLambdaOnly_andCarryNoManagedPolicies() {
        for (FunctionKind kind : FunctionKind.values()) {
            Map<String, Object> role = json.properties(s.logicalId(s.skein().function(kind).role));
            assertThat(role).doesNotContainKey("ManagedPolicyArns");
            assertThat(role.get("AssumeRolePolicyDocument")).isEqualTo(Map.of(
                    "Version", "2012-10-17",
                    "Statement", List.of(Map.of(
                            "Action", "sts:AssumeRole",
                            "Effect", "Allow",
                            "Principal", Map.of("Service", "lambda.amazonaws.com")))));
        }
    }

    @Test
    void eachFunction_hasItsOwnRole() {
        assertThat(json.resources("AWS::IAM::Role")).hasSize(FunctionKind.values().length);
        for (FunctionKind kind : FunctionKind.values()) {
            String function = s.logicalId(s.skein().function(kind).function);
            assertThat(json.properties(function).get("Role"))
                    .isEqualTo(TemplateJson.arnOf(s.logicalId(s.skein().function(kind).role)));
        }
    }

    private Set<String> grants(FunctionKind kind) {
        return json.grants(s.logicalId(s.skein().function(kind).role));
    }

    private String logGroup(FunctionKind kind) {
        return s.logicalId(s.skein().function(kind).logGroup);
    }

    private String logs(FunctionKind kind) {
        return "Allow logs:CreateLogStream on " + logGroup(kind);
    }
}
