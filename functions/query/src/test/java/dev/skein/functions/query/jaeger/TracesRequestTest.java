package dev.skein.functions.query.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.http.BadParameterException;
import dev.skein.http.QueryParameters;
import dev.skein.model.TraceId;
import dev.skein.search.TraceQuery;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TracesRequestTest {
    private static final long NOW = 1_795_600_000_000_000_000L;

    private static TracesRequest parse(String query) {
        return TracesRequest.parse(QueryParameters.parse(query), "acme", NOW, 3);
    }

    private static TraceQuery search(String query) {
        return parse(query).search();
    }

    @Test
    void parse_withoutTimesOrLimit_searchesJaegersTwoDaysUpToNowForAHundredTraces() {
        TraceQuery q = search("service=web");

        assertThat(q.tenant()).isEqualTo("acme");
        assertThat(q.service()).isEqualTo("web");
        assertThat(q.operation()).isNull();
        assertThat(q.endNanos()).isEqualTo(NOW);
        assertThat(q.startNanos()).isEqualTo(NOW - Duration.ofDays(2).toNanos());
        assertThat(q.limit()).isEqualTo(100);
        assertThat(q.tags()).isEmpty();
        assertThat(q.errorsOnly()).isFalse();
        assertThat(q.ignoreNameCase()).isFalse();
    }

    @Test
    void parse_startAndEnd_areMicroseconds() {
        TraceQuery q = search("service=web&start=1000&end=5000");

        assertThat(q.startNanos()).isEqualTo(1_000_000);
        assertThat(q.endNanos()).isEqualTo(5_000_000);
    }

    @ParameterizedTest(name = "lookback={0}")
    @CsvSource({"90s, PT90S", "15m, PT15M", "1h, PT1H", "2d, PT48H", "2w, PT336H", "custom, PT48H"})
    void parse_lookbackWithoutStart_setsTheStartBeforeTheEnd(String lookback, Duration expected) {
        TraceQuery q = search("service=web&end=1795600000000000&lookback=" + lookback);

        assertThat(q.endNanos() - q.startNanos()).isEqualTo(expected.toNanos());
    }

    @Test
    void parse_lookbackBesideStart_isIgnoredAsJaegerIgnoresIt() {
        assertThat(search("service=web&start=7&lookback=nonsense").startNanos()).isEqualTo(7_000);
    }

    @Test
    void parse_aLookbackBeforeTheEpoch_startsAtTheEpoch() {
        assertThat(search("service=web&end=1000&lookback=1h").startNanos()).isZero();
    }

    @Test
    void parse_limitAboveTheSearchMaximum_isLoweredToIt() {
        assertThat(search("service=web&limit=1500").limit()).isEqualTo(TraceQuery.MAX_LIMIT);
        assertThat(search("service=web&limit=1").limit()).isEqualTo(1);
    }

    @Test
    void parse_durations_areNanoseconds() {
        TraceQuery q = search("service=web&minDuration=1.5ms&maxDuration=2s");

        assertThat(q.minDurationNanos()).isEqualTo(1_500_000);
        assertThat(q.maxDurationNanos()).isEqualTo(2_000_000_000);
    }

    @Test
    void parse_tagAndTags_areMerged_aTagsKeyWinning() {
        TraceQuery q = search("service=web&tag=a:1&tag=url:http://x:80/&tag=b:2&tags=%7B%22b%22%3A%223%22%7D"
                + "&tags=%7B%22c%22%3A%22%22%7D");

        assertThat(q.tags()).isEqualTo(Map.of("a", "1", "url", "http://x:80/", "b", "3", "c", ""));
    }

    @Test
    void parse_errorTrue_isTheErrorsOnlyCondition() {
        TraceQuery q = search("service=web&tags=%7B%22error%22%3A%22true%22%2C%22k%22%3A%22v%22%7D");

        assertThat(q.errorsOnly()).isTrue();
        assertThat(q.tags()).isEqualTo(Map.of("k", "v"));
        assertThat(search("service=web&tag=error:false").tags()).isEqualTo(Map.of("error", "false"));
        assertThat(search("service=web&tag=error:false").errorsOnly()).isFalse();
    }

    @Test
    void parse_emptyValues_countAsAbsent() {
        TraceQuery q = search("service=web&operation=&tag=&tags=&minDuration=&limit=&traceID=");

        assertThat(q.operation()).isNull();
        assertThat(q.tags()).isEmpty();
        assertThat(q.limit()).isEqualTo(100);
    }

    @Test
    void parse_traceIds_makeALookup() {
        TracesRequest r = parse("traceID=abc&traceID=" + "4bf92f3577b34da6a3ce929d0e0e4736");

        assertThat(r.search()).isNull();
        assertThat(r.traceIds()).containsExactly(new TraceId(0, 0xabc), new TraceId(0x4bf92f3577b34da6L,
                0xa3ce929d0e0e4736L));
    }

    @Test
    void parse_moreTraceIdsThanAllowed_isRefused() {
        assertThatThrownBy(() -> parse("traceID=1&traceID=2&traceID=3&traceID=4"))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("traceID is given 4 times; at most 3 traces per request");
    }

    @Test
    void parse_aSearchWithoutService_isRefused() {
        assertThatThrownBy(() -> parse("operation=x"))
                .isInstanceOf(BadParameterException.class)
                .extracting(e -> ((BadParameterException) e).parameter()).isEqualTo("service");
        assertThat(parse("traceID=1").search()).isNull(); // a lookup needs none
    }
}
