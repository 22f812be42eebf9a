package dev.skein.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.assembly.PipelineSettings;
import dev.skein.model.SpanKind;
import dev.skein.search.TraceQuery;
import dev.skein.storage.CatalogueEntry;
import dev.skein.storage.EdgeCount;
import dev.skein.storage.IndexReader;
import dev.skein.storage.SearchPageRef;
import dev.skein.storage.TraceBuilder;
import dev.skein.storage.TraceEntries;
import dev.skein.storage.TraceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds QueryService puts on what one request reads. */
class QueryServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String TENANT = "acme";

    /** Counts the index reads a query makes, over the in-memory store. */
    static final class CountingIndex implements IndexReader {
        final IndexReader inner;
        final List<Long> searchedHours = new ArrayList<>();
        int traceReads;
        long edgeMinutes;

        CountingIndex(IndexReader inner) {
            this.inner = inner;
        }

        @Override
        public TraceEntries trace(TraceKey trace) {
            traceReads++;
            return inner.trace(trace);
        }

        @Override
        public List<TraceEntries> tracesWithLowHalf(String tenant, long lowHalf) {
            return inner.tracesWithLowHalf(tenant, lowHalf);
        }

        @Override
        public List<SearchPageRef> searchRefs(String tenant, String service, long hourEpoch) {
            searchedHours.add(hourEpoch);
            return inner.searchRefs(tenant, service, hourEpoch);
        }

        @Override
        public List<String> services(String tenant) {
            return inner.services(tenant);
        }

        @Override
        public List<CatalogueEntry> operations(String tenant, String service) {
            return inner.operations(tenant, service);
        }

        @Override
        public List<String> remoteServices(String tenant, String service) {
            return inner.remoteServices(tenant, service);
        }

        @Override
        public List<String> attributeValues(String tenant, String key) {
            return inner.attributeValues(tenant, key);
        }

        @Override
        public List<EdgeCount> edges(String tenant, long fromMinute, long toMinute) {
            edgeMinutes += toMinute - fromMinute + 1;
            return inner.edges(tenant, fromMinute, toMinute);
        }
    }

    private static QueryService over(StoredTraces stored, CountingIndex index, QueryLimits limits) {
        TraceReader reader = new TraceReader(stored.storage(), index, PipelineSettings.DEFAULTS);
        return new QueryService(reader, index, limits, List.of(), stored.clock());
    }

    @Test
    void aWindowOfCenturies_isWalkedOnlyWhereRetainedDataCanLie() {
        try (StoredTraces stored = new StoredTraces(NOW)) {
            TraceBuilder t = TraceBuilder.trace(NOW.toEpochMilli() - 60_000);
            t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 10);
            stored.store(TENANT, t.spans()).settle();
            CountingIndex index = new CountingIndex(stored.storage());
            try (QueryService service = over(stored, index, QueryLimits.DEFAULTS)) {
                FoundTraces found = service.search(TraceQuery.recent(TENANT, 0, Long.MAX_VALUE, 10).withService("nobody"));
                ServiceMap map = service.serviceMap(TENANT, 0, Long.MAX_VALUE);

                assertThat(found.traces()).isEmpty();
                // 30 days of retention, a day for the TTL sweeper's lag and a day of clock skew.
                assertThat(index.searchedHours).hasSizeLessThanOrEqualTo(33 * 24 + 2);
                assertThat(index.edgeMinutes).isLessThanOrEqualTo(33L * 24 * 60 + 2);
                assertThat(map.edges()).isEmpty();
                assertThat(service.search(TraceQuery.recent(TENANT, 0, Long.MAX_VALUE, 10)).traces())
                        .extracting(TraceView::traceId).containsExactly(t.id());
            }
        }
    }

    @Test
    void aSearchWhoseFirstTracesFillTheSpanBudget_readsNoFurther() {
        try (StoredTraces stored = new StoredTraces(NOW)) {
            for (int i = 0; i < 40; i++) {
                TraceBuilder t = TraceBuilder.trace(NOW.toEpochMilli() - 600_000 + i * 1_000);
                for (int s = 1; s <= 10; s++) t.span(s, s - 1, "web", "op", SpanKind.SERVER, s, 1);
                stored.store(TENANT, t.spans());
            }
            CountingIndex index = new CountingIndex(stored.storage());
            // 25 spans per answer: two traces fit, the third does not; reads go 2 at a time.
            try (QueryService service = over(stored, index, new QueryLimits(100, 25, 10, 2))) {
                FoundTraces found = service.search(TraceQuery.recent(TENANT, 0, Long.MAX_VALUE, 40));

                assertThat(found.traces()).hasSize(2);
                assertThat(found.complete()).isFalse();
                assertThat(index.traceReads).isEqualTo(4); // two rounds of two, not 40
            }
        }
    }
}
