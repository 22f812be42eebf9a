package dev.skein.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.storage.MovableClock;
import dev.skein.tenancy.QuotaLedger;
import dev.skein.tenancy.QuotaLedgerContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The quota ledger contract (with QuotaGate instances sharing the ledger) on DynamoDB Local, or
 * the endpoint in SKEIN_AWS_ENDPOINT, plus the item layout and failures only this ledger has.
 * The contract's ledger sets expiries from the real clock: DynamoDB Local deletes expired items
 * within seconds, and a bucket must not vanish mid-test.
 */
class DynamoQuotaLedgerIT extends QuotaLedgerContract {
    @RegisterExtension
    static final IndexTable TABLE = new IndexTable("quotas");

    @Override
    protected QuotaLedger newLedger() {
        return new DynamoQuotaLedger(TABLE.client(), TABLE.name(), Clock.systemUTC());
    }

    @Test
    void item_isSmallAndExpiresADayAfterItsLastWrite() {
        // A day ahead of the real clock, so the expiry is in the future and exact.
        MovableClock clock = new MovableClock(Instant.ofEpochSecond(Clock.systemUTC().instant().getEpochSecond())
                .plus(Duration.ofDays(1)));
        DynamoQuotaLedger timed = new DynamoQuotaLedger(TABLE.client(), TABLE.name(), clock);
        timed.write(tenant, "ingest", Map.of("spans_per_second", 19_990.25, "bytes_per_second", 20_971_420.0),
                1_795_000_000_123L, 0);
        clock.advance(Duration.ofMinutes(5));
        timed.write(tenant, "ingest", Map.of("spans_per_second", 19_980.25, "bytes_per_second", 20_971_000.0),
                1_795_000_000_456L, 1);

        Map<String, AttributeValue> item = TABLE.client().getItem(r -> r.tableName(TABLE.name())
                .key(Map.of("pk", AttributeValue.fromS("L#" + tenant), "sk", AttributeValue.fromS("ingest"))))
                .item();

        assertThat(item).containsOnlyKeys("pk", "sk", "spans_per_second", "bytes_per_second", "at", "v", "expiresAt");
        assertThat(item.get("spans_per_second").n()).isEqualTo("19980.25");
        assertThat(item.get("bytes_per_second").n()).isEqualTo("20971000");
        assertThat(item.get("at").n()).isEqualTo("1795000000456");
        assertThat(item.get("v").n()).isEqualTo("2");
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(clock.instant().plus(Duration.ofDays(1))
                .getEpochSecond()));
        // One write unit per write, one read unit per strongly consistent read.
        double units = TABLE.client().putItem(r -> r.tableName(TABLE.name()).item(item)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        assertThat(units).isEqualTo(1.0);
    }

    @Test
    void write_whenALevelIsNamedLikeAnAttributeOfTheItem_isRefused() {
        assertThatThrownBy(() -> ledger.write(tenant, "ingest", Map.of("v", 1.0), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.write(tenant, "ingest", Map.of("x", Double.NaN), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readAndWrite_whenTheTableIsMissing_throwUnavailable() {
        DynamoQuotaLedger missing = new DynamoQuotaLedger(TABLE.client(), "no-such-table",
                Clock.systemUTC());

        assertThatThrownBy(() -> missing.read(tenant, "ingest")).isInstanceOf(QuotaLedger.UnavailableException.class)
                .hasMessageContaining("no-such-table");
        assertThatThrownBy(() -> missing.write(tenant, "ingest", Map.of("a", 1.0), 0, 0))
                .isInstanceOf(QuotaLedger.UnavailableException.class);
    }
}
