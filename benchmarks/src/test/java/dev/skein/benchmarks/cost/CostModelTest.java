package dev.skein.benchmarks.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private static final SpanUsage ONE_WRITE_UNIT_PER_SPAN = new SpanUsage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            1, 0, 0, 0, 0, 0, Double.NaN, 0, 0);

    @Test
    void lineItem_isUnitsTimesThePricePerUnit() {
        CostModel.LineItem writes = new CostModel.LineItem("DynamoDB", "writes", 2_000_000, Prices.DYNAMODB_WRITE, false);
        CostModel.LineItem puts = new CostModel.LineItem("S3", "PUTs", 3_000, Prices.S3_PUT, false);

        assertThat(writes.monthlyDollars()).isCloseTo(2 * 0.625, within(1e-12));
        assertThat(puts.monthlyDollars()).isCloseTo(3 * 0.005, within(1e-12));
    }

    @Test
    void dollarsPerMillionSpans_scalesTheMonthByTheVolume() {
        CostModel.LineItem writes = new CostModel.LineItem("DynamoDB", "writes", 4_000_000, Prices.DYNAMODB_WRITE, false);

        assertThat(writes.dollarsPerMillionSpans(2_000_000)).isCloseTo(4 * 0.625 / 2, within(1e-12));
    }

    @Test
    void lines_variableLine_costsTheSamePerMillionSpansAtEveryVolume() {
        for (long volume : List.of(10_000_000L, 1_000_000_000L)) {
            CostModel.LineItem writes = line(CostModel.lines(ONE_WRITE_UNIT_PER_SPAN, volume), "write request units");

            assertThat(writes.quantity()).isEqualTo(volume);
            assertThat(writes.dollarsPerMillionSpans(volume)).isCloseTo(0.625, within(1e-9));
        }
    }

    @Test
    void lines_fixedStreamHours_areSpreadOverTheVolume() {
        CostModel.LineItem at10M = line(CostModel.lines(ONE_WRITE_UNIT_PER_SPAN, 10_000_000), "on-demand stream-hours");
        CostModel.LineItem at1B = line(CostModel.lines(ONE_WRITE_UNIT_PER_SPAN, 1_000_000_000), "on-demand stream-hours");

        assertThat(at10M.fixed()).isTrue();
        assertThat(at10M.monthlyDollars()).isCloseTo(730 * 0.04, within(1e-9));
        assertThat(at10M.dollarsPerMillionSpans(10_000_000)).isCloseTo(29.2 / 10, within(1e-9));
        assertThat(at1B.dollarsPerMillionSpans(1_000_000_000)).isCloseTo(29.2 / 1000, within(1e-9));
    }

    @Test
    void lines_withoutATableSize_leaveTheIndexStorageOut() {
        assertThat(CostModel.lines(ONE_WRITE_UNIT_PER_SPAN, 10_000_000))
                .noneMatch(l -> l.what().startsWith("index storage"));
    }

    @Test
    void xray_billsPerTrace() {
        SpanUsage tenSpansPerTrace = new SpanUsage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                Double.NaN, 0, 0.1);

        assertThat(CostModel.xray(tenSpansPerTrace, 1_000_000_000).dollarsPerMillionSpans(1_000_000_000))
                .isCloseTo(5.0 / 10, within(1e-9));
    }

    private static CostModel.LineItem line(List<CostModel.LineItem> lines, String what) {
        return lines.stream().filter(l -> l.what().equals(what)).findFirst().orElseThrow();
    }
}
