package dev.skein.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The span archive as an Athena table: a Glue database and an external table over
 * {@code s3://bucket/spans/} whose rows are span rows (docs/formats.md, "Athena", gives the same
 * definition as SQL). Partition projection computes the partitions from the key layout
 * ({@code tenant=…/dt=…/hr=…}), so nothing has to add partitions as data arrives; the tenant is
 * injected, which makes every query name its tenant.
 */
final class SpanArchiveTable extends Construct {
    static final String TABLE_NAME = "spans";
    /** Partition projection's earliest date, unless the retention reaches back further. */
    static final int MIN_PROJECTED_DAYS = 400;

    private static final String ATTRIBUTES = "array<struct<k:string,t:string,v:string>>";

    final CfnDatabase database;
    final CfnTable table;
    final String databaseName;

    SpanArchiveTable(Construct scope, String id, IBucket bucket, int retentionDays) {
        super(scope, id);
        databaseName = databaseName(scope);
        String account = Stack.of(this).getAccount();
        database = CfnDatabase.Builder.create(this, "Database")
                .catalogId(account)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(databaseName)
                        .description("Skein's span archive, for Athena")
                        .build())
                .build();
        String spans = "s3://" + bucket.getBucketName() + "/" + ArchiveStorage.SPANS_PREFIX;
        table = CfnTable.Builder.create(this, "Table")
                .catalogId(account)
                .databaseName(databaseName)
                .tableInput(CfnTable.TableInputProperty.builder()
                        .name(TABLE_NAME)
                        .description("One row per stored span (docs/formats.md, span row version 1)")
                        .tableType("EXTERNAL_TABLE")
                        .parameters(projection(spans, retentionDays))
                        .partitionKeys(List.of(column("tenant", "string"), column("dt", "string"), column("hr", "string")))
                        .storageDescriptor(CfnTable.StorageDescriptorProperty.builder()
                                .location(spans)
                                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                                .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                                .serdeInfo(CfnTable.SerdeInfoProperty.builder()
                                        .serializationLibrary("org.openx.data.jsonserde.JsonSerDe")
                                        .build())
                                .columns(spanRowColumns())
                                .build())
                        .build())
                .build();
        table.getNode().addDependency(database);
    }

    private static Map<String, String> projection(String spansLocation, int retentionDays) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("EXTERNAL", "TRUE");
        p.put("classification", "json");
        p.put("projection.enabled", "true");
        p.put("projection.tenant.type", "injected");
        p.put("projection.dt.type", "date");
        p.put("projection.dt.format", "yyyy-MM-dd");
        p.put("projection.dt.range", "NOW-" + Math.max(MIN_PROJECTED_DAYS, retentionDays) + "DAYS,NOW");
        p.put("projection.hr.type", "integer");
        p.put("projection.hr.range", "0,23");
        p.put("projection.hr.digits", "2");
        p.put("storage.location.template", spansLocation + "tenant=${tenant}/dt=${dt}/hr=${hr}/");
        return p;
    }

    /** The span row's fields (dev.skein.codec.SpanRowCodec), every attribute value as text. */
    static List<CfnTable.ColumnProperty> spanRowColumns() {
        List<CfnTable.ColumnProperty> c = new ArrayList<>();
        c.add(column("v", "int"));
        c.add(column("traceid", "string"));
        c.add(column("spanid", "string"));
        c.add(column("parentspanid", "string"));
        c.add(column("tracestate", "string"));
        c.add(column("flags", "bigint"));
        c.add(column("name", "string"));
        c.add(column("kind", "string"));
        c.add(column("service", "string"));
        c.add(column("startnanos", "bigint"));
        c.add(column("endnanos", "bigint"));
        c.add(column("durationnanos", "bigint"));
        c.add(column("status", "struct<code:string,message:string>"));
        c.add(column("attributes", ATTRIBUTES));
        c.add(column("droppedattributes", "int"));
        c.add(column("events", "array<struct<timenanos:bigint,name:string,attributes:" + ATTRIBUTES
                + ",droppedattributes:int>>"));
        c.add(column("droppedevents", "int"));
        c.add(column("links", "array<struct<traceid:string,spanid:string,tracestate:string,flags:bigint,attributes:"
                + ATTRIBUTES + ",droppedattributes:int>>"));
        c.add(column("droppedlinks", "int"));
        c.add(column("resource", "struct<attributes:" + ATTRIBUTES + ",droppedattributes:int,schemaurl:string>"));
        c.add(column("scope", "struct<name:string,version:string,attributes:" + ATTRIBUTES
                + ",droppedattributes:int,schemaurl:string>"));
        return c;
    }

    private static CfnTable.ColumnProperty column(String name, String type) {
        return CfnTable.ColumnProperty.builder().name(name).type(type).build();
    }

    /**
     * Glue names are lower case letters, digits and underscores, unique per account and region:
     * the stack's name (unique per region) and the construct's ID make one.
     */
    private static String databaseName(Construct skein) {
        String stackName = Stack.of(skein).getStackName();
        String base = Token.isUnresolved(stackName) ? Names.uniqueId(skein)
                : stackName + "_" + skein.getNode().getId();
        return base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
