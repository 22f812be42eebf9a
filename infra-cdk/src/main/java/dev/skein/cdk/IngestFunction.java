package dev.skein.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.kinesis.IStream;
import software.constructs.Construct;

/**
 * The ingest function: HTTP API → span stream. It may put records to that stream
 * (dev.skein.aws.kinesis.KinesisRecordSink calls PutRecords only) and read and write its
 * tenants' quota state in the table (a read, then a conditional put), and do nothing else.
 */
final class IngestFunction extends Construct {
    /** The HTTP API waits at most 30 s; the Kinesis sink gives up on refused records after 10 s. */
    static final Duration TIMEOUT = Duration.seconds(30);

    final SkeinFunction function;

    IngestFunction(Construct scope, String id, SkeinProps props, IStream stream, ITable table) {
        super(scope, id);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SKEIN_STREAM_NAME", stream.getStreamName());
        env.put("SKEIN_MAX_BODY_BYTES", Integer.toString(props.maxBodyBytes()));
        env.put("SKEIN_MAX_SPANS_PER_REQUEST", Integer.toString(props.maxSpansPerRequest()));
        env.put("SKEIN_TABLE", table.getTableName());
        env.putAll(FunctionEnvironment.quotas(props));
        function = new SkeinFunction(this, "Ingest", FunctionKind.INGEST, props, TIMEOUT, env);
        function.allow(List.of("kinesis:PutRecords"), stream.getStreamArn());
        function.allowItems(List.of("dynamodb:GetItem", "dynamodb:PutItem"), table.getTableArn(), ArchiveStorage.QUOTA_PARTITIONS);
    }
}
