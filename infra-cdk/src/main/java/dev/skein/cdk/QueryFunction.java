package dev.skein.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.constructs.Construct;

/**
 * The query function: the Zipkin, Jaeger and Skein APIs over the index and the archive. It only
 * reads traces: Query on the table (dev.skein.aws.dynamodb.DynamoTraceIndex's reader side),
 * GetObject on span chunks and search pages (dev.skein.aws.s3.S3SpanArchive). Its one write is
 * its tenants' quota state (a read, then a conditional put), in a statement of its own limited
 * to those items.
 *
 * <p>It may also list the bucket: S3 answers a GET of a missing key with 403 instead of 404 to
 * a caller that may not list, and the reader must tell an expired chunk (skipped, the trace
 * answered without it) from a failure (503).
 */
final class QueryFunction extends Construct {
    /** The HTTP API waits at most 30 s. */
    static final Duration TIMEOUT = Duration.seconds(30);

    final SkeinFunction function;

    QueryFunction(Construct scope, String id, SkeinProps props, ArchiveStorage storage) {
        super(scope, id);
        Map<String, String> env = new LinkedHashMap<>(FunctionEnvironment.pipeline(props, storage));
        env.putAll(FunctionEnvironment.quotas(props));
        env.put("SKEIN_CORS_ORIGINS", String.join(",", props.corsOrigins()));
        function = new SkeinFunction(this, "Query", FunctionKind.QUERY, props, TIMEOUT, env);
        function.allow(List.of("dynamodb:Query"), storage.table.getTableArn());
        function.allow(List.of("s3:GetObject"),
                storage.objectsArn(ArchiveStorage.SPANS_PREFIX), storage.objectsArn(ArchiveStorage.SEARCH_PREFIX));
        function.allow(List.of("s3:ListBucket"), storage.bucket.getBucketArn());
        function.allowItems(List.of("dynamodb:GetItem", "dynamodb:PutItem"), storage.table.getTableArn(),
                ArchiveStorage.QUOTA_PARTITIONS);
    }
}
