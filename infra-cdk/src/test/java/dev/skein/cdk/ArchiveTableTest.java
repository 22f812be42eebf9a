package dev.skein.cdk;

import static dev.skein.cdk.TemplateJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Glue database and table that let Athena read the span archive. */
class ArchiveTableTest {
    private final Synthesis.Synthesized s = Synthesis.defaults();
    private final TemplateJson json = s.json();
    private final String bucket = s.logicalId(s.skein().storage().bucket);

    @Test
    void database_isNamedAfterTheStackAndConstruct() {
        assertThat(json.properties(s.logicalId(s.skein().archiveTable().database))).isEqualTo(Map.of(
                "CatalogId", ref("AWS::AccountId"),
                "DatabaseInput", Map.of("Name", "skein_tracing", "Description", "Skein's span archive, for Athena")));
        assertThat(s.skein().getAthenaTable()).isEqualTo("skein_tracing.spans");
    }

    @Test
    @SuppressWarnings("unchecked")
    void table_readsGzipJsonLinesUnderSpans_withOpenXSerDe() {
        Map<String, Object> table = json.properties(s.logicalId(s.skein().archiveTable().table));
        assertThat(table.get("DatabaseName")).isEqualTo("skein_tracing");
        Map<String, Object> input = (Map<String, Object>) table.get("TableInput");
        assertThat(input.get("Name")).isEqualTo("spans");
        assertThat(input.get("TableType")).isEqualTo("EXTERNAL_TABLE");
        Map<String, Object> storage = (Map<String, Object>) input.get("StorageDescriptor");
        assertThat(storage.get("Location")).isEqualTo(spansLocation());
        assertThat(storage.get("InputFormat")).isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
        assertThat(storage.get("OutputFormat")).isEqualTo("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        assertThat(storage.get("SerdeInfo")).isEqualTo(Map.of("SerializationLibrary", "org.openx.data.jsonserde.JsonSerDe"));
        assertThat((List<Map<String, Object>>) storage.get("Columns")).extracting(c -> c.get("Name")).containsExactly(
                "v", "traceid", "spanid", "parentspanid", "tracestate", "flags", "name", "kind", "service",
                "startnanos", "endnanos", "durationnanos", "status", "attributes", "droppedattributes", "events",
                "droppedevents", "links", "droppedlinks", "resource", "scope");
        assertThat((List<Map<String, Object>>) storage.get("Columns"))
                .contains(Map.of("Name", "attributes", "Type", "array<struct<k:string,t:string,v:string>>"),
                        Map.of("Name", "startnanos", "Type", "bigint"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void table_projectsTenantDateAndHourPartitions_fromTheKeyLayout() {
        Map<String, Object> input = (Map<String, Object>) json.properties(s.logicalId(s.skein().archiveTable().table)).get("TableInput");
        assertThat(input.get("PartitionKeys")).isEqualTo(List.of(
                Map.of("Name", "tenant", "Type", "string"),
                Map.of("Name", "dt", "Type", "string"),
                Map.of("Name", "hr", "Type", "string")));
        Map<String, Object> parameters = (Map<String, Object>) input.get("Parameters");
        assertThat(parameters).containsEntry("projection.enabled", "true")
                .containsEntry("projection.tenant.type", "injected")
                .containsEntry("projection.dt.type", "date")
                .containsEntry("projection.dt.format", "yyyy-MM-dd")
                .containsEntry("projection.dt.range", "NOW-400DAYS,NOW")
                .containsEntry("projection.hr.type", "integer")
                .containsEntry("projection.hr.range", "0,23")
                .containsEntry("projection.hr.digits", "2")
                .containsEntry("classification", "json");
        assertThat(parameters.get("storage.location.template")).isEqualTo(Map.of("Fn::Join", List.of("",
                List.of("s3://", ref(bucket), "/spans/tenant=${tenant}/dt=${dt}/hr=${hr}/"))));
    }

    @Test
    void projectedDates_reachBackAsFarAsTheRetention() {
        Synthesis.Synthesized longRetention = Synthesis.of(SkeinProps.builder().retentionDays(730).build());
        longRetention.template().hasResourceProperties("AWS::Glue::Table", Map.of("TableInput",
                software.amazon.awscdk.assertions.Match.objectLike(Map.of("Parameters",
                        software.amazon.awscdk.assertions.Match.objectLike(Map.of("projection.dt.range", "NOW-730DAYS,NOW"))))));
    }

    private Map<String, Object> spansLocation() {
        return Map.of("Fn::Join", List.of("", List.of("s3://", ref(bucket), "/spans/")));
    }
}
