package dev.skein.functions.query.zipkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.http.BadParameterException;
import dev.skein.http.QueryParameters;
import dev.skein.search.TraceQuery;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZipkinParametersTest {
    private static final long NOW_MILLIS = 1_760_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void traceQuery_whenNoParameters_searchesTheLastDayForTenTracesOfAnyService() {
        TraceQuery q = query("");

        assertThat(q).isEqualTo(new TraceQuery("acme", null, null, null, Map.of(), Set.of(), 0, 0,
                (NOW_MILLIS - 86_400_000L) * MS, NOW_MILLIS * MS, false, true, 10));
    }

    @Test
    void traceQuery_whenEveryParameter_translatesEachWithNamesLowerCased() {
        TraceQuery q = query("serviceName=FrontEnd&spanName=GET+%2FCheckout&remoteServiceName=Payments"
                + "&annotationQuery=http.method%3DPOST+and+error+and+retried+and+http.url%3D%2Fa%3Fb%3Dc"
                + "&minDuration=1500&maxDuration=90000&endTs=1759990000000&lookback=3600000&limit=25");

        assertThat(q).isEqualTo(new TraceQuery("acme", "frontend", "get /checkout", "payments",
                Map.of("http.method", "POST", "http.url", "/a?b=c"), Set.of("error", "retried"),
                1_500_000L, 90_000_000L, (1_759_990_000_000L - 3_600_000L) * MS, 1_759_990_000_000L * MS,
                false, true, 25));
    }

    @Test
    void traceQuery_whenSpanNameIsZipkinsReservedAll_searchesEveryName() {
        assertThat(query("spanName=all").operation()).isNull();
        assertThat(query("spanName=").operation()).isNull();
    }

    @Test
    void traceQuery_whenMaxDurationAlone_boundsFromAboveOnly() {
        TraceQuery q = query("maxDuration=2000");

        assertThat(q.minDurationNanos()).isZero();
        assertThat(q.maxDurationNanos()).isEqualTo(2_000_000L);
    }

    @Test
    void traceQuery_whenLookbackReachesBeforeTheEpoch_startsAtTheEpoch() {
        TraceQuery q = query("endTs=5000&lookback=9000");

        assertThat(q.startNanos()).isZero();
        assertThat(q.endNanos()).isEqualTo(5_000L * MS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "limit=0                          | limit    | limit must be between 1 and 1000, got 0",
            "limit=1001                       | limit    | limit must be between 1 and 1000, got 1001",
            "limit=ten                        | limit    | limit must be a whole number, got 'ten'",
            "limit=5&limit=6                  | limit    | limit is given 2 times",
            "minDuration=0                    | minDuration | minDuration must be between 1 and",
            "minDuration=-5                   | minDuration | minDuration must be between 1 and",
            "minDuration=1.5                  | minDuration | minDuration must be a whole number",
            "maxDuration=-1                   | maxDuration | maxDuration must be between 1 and",
            "minDuration=5000&maxDuration=100 | maxDuration | maxDuration (100 µs) is below minDuration (5000 µs)",
            "maxDuration=9223372036854776     | maxDuration | maxDuration must be between 1 and 9223372036854775",
            "endTs=0                          | endTs    | endTs must be between 1 and 9223372036854",
            "endTs=-1                         | endTs    | endTs must be between 1 and",
            "endTs=9223372036855              | endTs    | endTs must be between 1 and 9223372036854, got 9223372036855",
            "endTs=now                        | endTs    | endTs must be a whole number, got 'now'",
            "lookback=0                       | lookback | lookback must be between 1 and",
            "lookback=-3600000                | lookback | lookback must be between 1 and",
            "annotationQuery=%3Dvalue         | annotationQuery | annotationQuery term '=value' has no key",
            "annotationQuery=%ZZ              | annotationQuery | broken percent-escape in annotationQuery"})
    void traceQuery_whenParameterIsBad_refusesNamingIt(String query, String parameter, String message) {
        assertThatThrownBy(() -> query(query))
                .isInstanceOfSatisfying(BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo(parameter))
                .hasMessageContaining(message);
    }

    @Test
    void annotationQuery_readsTermsAsZipkinDoes() {
        assertThat(ZipkinParameters.annotationQuery("error")).isEqualTo(annotations(Set.of("error"), Map.of()));
        // key= means the key alone; blanks around terms, keys and values do not count
        assertThat(ZipkinParameters.annotationQuery(" http.method =  GET and  cache.hit= and wr "))
                .isEqualTo(annotations(Set.of("cache.hit", "wr"), Map.of("http.method", "GET")));
        // a key=value term makes the bare key redundant; of two values the last wins
        assertThat(ZipkinParameters.annotationQuery("region and region=eu and region=us"))
                .isEqualTo(annotations(Set.of(), Map.of("region", "us")));
        // an empty term between two " and " is skipped; "AND" is not Zipkin's separator
        assertThat(ZipkinParameters.annotationQuery("a and  and b AND c"))
                .isEqualTo(annotations(Set.of("a", "b AND c"), Map.of()));
        assertThat(ZipkinParameters.annotationQuery(null)).isEqualTo(annotations(Set.of(), Map.of()));
    }

    @Test
    void window_whenEndTsRequiredAndMissing_refusesNamingIt() {
        assertThatThrownBy(() -> ZipkinParameters.window(QueryParameters.parse("lookback=1000"), NOW_MILLIS, true))
                .isInstanceOfSatisfying(BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo("endTs"))
                .hasMessage("endTs is required: the window's end in epoch milliseconds");
    }

    @Test
    void window_readsEndTsAndLookbackInMilliseconds() {
        assertThat(ZipkinParameters.window(QueryParameters.parse("endTs=1759990000000&lookback=60000"), NOW_MILLIS, true))
                .isEqualTo(new ZipkinParameters.Window(1_759_989_940_000L * MS, 1_759_990_000_000L * MS));
        assertThat(ZipkinParameters.window(QueryParameters.parse(""), NOW_MILLIS, false))
                .isEqualTo(new ZipkinParameters.Window((NOW_MILLIS - 86_400_000L) * MS, NOW_MILLIS * MS));
    }

    private static TraceQuery query(String rawQuery) {
        return ZipkinParameters.traceQuery(QueryParameters.parse(rawQuery), "acme", NOW_MILLIS);
    }

    private static ZipkinParameters.AnnotationQuery annotations(Set<String> keys, Map<String, String> tags) {
        return new ZipkinParameters.AnnotationQuery(keys, tags);
    }
}
