package dev.skein.assembly;

import static dev.skein.storage.TraceBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import dev.skein.storage.AttributeValueEntry;
import dev.skein.storage.CatalogueEntry;
import dev.skein.storage.CatalogueRecord;
import dev.skein.storage.RemoteServiceEntry;
import dev.skein.storage.TraceBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueCollectorTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final CatalogueCollector collector = new CatalogueCollector(PipelineSettings.DEFAULTS);

    @Test
    void batch_recordsEveryKindOnce_withTheTtlOfTheChunksArrival() {
        List<Span> spans = checkoutSpans();

        List<CatalogueRecord> records = collect(NOW, spans, spans);

        long expiresAt = PipelineSettings.DEFAULTS.expiresAt(NOW - 5);
        assertThat(records).containsExactlyInAnyOrder(
                CatalogueEntry.service("acme", "checkout", expiresAt),
                new CatalogueEntry("acme", "checkout", "POST /cart", "SERVER", expiresAt),
                new CatalogueEntry("acme", "checkout", "SELECT cart", "CLIENT", expiresAt),
                new RemoteServiceEntry("acme", "checkout", "cart-db", expiresAt),
                new AttributeValueEntry("acme", "http.route", "/cart", expiresAt),
                new AttributeValueEntry("acme", "http.status_code", "200", expiresAt),
                new AttributeValueEntry("acme", "db.system", "postgresql", expiresAt),
                new AttributeValueEntry("acme", "deployment.environment", "prod", expiresAt));
    }

    @Test
    void recordsStored_areLeftOutUntilTheRefreshPeriodEnds() {
        List<Span> spans = checkoutSpans();
        CatalogueCollector.Batch first = collector.batch(NOW);
        first.add("acme", spans, NOW - 5);
        first.stored();

        assertThat(collect(NOW + DAY - 1, spans)).isEmpty();
        assertThat(collect(NOW + DAY, spans)).hasSize(8);
    }

    @Test
    void recordsNotStored_areConsideredAgain() {
        List<Span> spans = checkoutSpans();
        CatalogueCollector.Batch failed = collector.batch(NOW);
        failed.add("acme", spans, NOW - 5);

        assertThat(collect(NOW + 1, spans)).hasSize(8);
    }

    @Test
    void values_areRenderedAsSearchComparesThem_andOnlyScalarsCount() {
        TraceBuilder t = TraceBuilder.trace(NOW);
        t.span(1, 0, "api", "GET /", SpanKind.SERVER, 0, 10,
                attr("http.method", true),
                attr("http.status_code", 404L),
                new Attribute("http.response.status_code", AnyValue.of(2.5)),
                new Attribute("rpc.method", new AnyValue.BytesValue(new byte[] {1})),
                new Attribute("db.system", new AnyValue.ArrayValue(List.of(AnyValue.of("x")))),
                attr("messaging.system", ""),
                attr("peer.service", ""));

        assertThat(values(collect(NOW, t.spans()))).containsExactlyInAnyOrder(
                "http.method=true", "http.status_code=404", "http.response.status_code=2.5");
    }

    @Test
    void withoutAutocompleteKeys_recordsNoValues_butRemoteServices() {
        CatalogueCollector none = new CatalogueCollector(PipelineSettings.DEFAULTS.withAutocompleteKeys(List.of()));
        CatalogueCollector.Batch batch = none.batch(NOW);
        batch.add("acme", checkoutSpans(), NOW);

        assertThat(batch.records()).noneMatch(r -> r instanceof AttributeValueEntry)
                .anyMatch(r -> r instanceof RemoteServiceEntry);
    }

    @Test
    void aList_getsAtMostTheCapOfWritesPerRefreshPeriod_otherListsTheirOwn() {
        int cap = CatalogueCollector.MAX_WRITES_PER_LIST;
        List<CatalogueRecord> first = collectStored(NOW, requests(0, cap + 20));
        assertThat(values(first)).filteredOn(v -> v.startsWith("http.route=")).hasSize(cap);
        assertThat(first).filteredOn(r -> r instanceof RemoteServiceEntry).hasSize(cap);
        assertThat(values(first)).contains("http.method=GET");

        List<CatalogueRecord> later = collectStored(NOW + 1_000, requests(cap + 20, cap + 40));
        assertThat(later).as("both capped lists are used up").noneMatch(
                r -> r instanceof RemoteServiceEntry || r instanceof AttributeValueEntry v && v.key().equals("http.route"));
        assertThat(values(collectStored(NOW + 2_000, List.of(requestSpan(9, "PUT")))))
                .as("another key has its own budget").contains("http.method=PUT");
        assertThat(collectStored(NOW + 3_000, List.of(requestSpan(9, "GET", "other-service"))))
                .as("another service has its own remote services")
                .contains(new RemoteServiceEntry("acme", "other-service", "peer-9",
                        PipelineSettings.DEFAULTS.expiresAt(NOW + 3_000)));

        List<CatalogueRecord> nextPeriod = collectStored(NOW + DAY, requests(cap + 20, cap + 40));
        assertThat(values(nextPeriod)).filteredOn(v -> v.startsWith("http.route=")).hasSize(20);
    }

    @SafeVarargs
    private List<CatalogueRecord> collect(long now, List<Span>... chunks) {
        CatalogueCollector.Batch batch = collector.batch(now);
        for (List<Span> chunk : chunks) batch.add("acme", chunk, now - 5);
        return batch.records();
    }

    private List<CatalogueRecord> collectStored(long now, List<Span> spans) {
        CatalogueCollector.Batch batch = collector.batch(now);
        batch.add("acme", spans, now);
        batch.stored();
        return batch.records();
    }

    /** Spans of service "api", each with its own route and peer: IDs where they do not belong. */
    private static List<Span> requests(int from, int to) {
        List<Span> spans = new ArrayList<>();
        for (int i = from; i < to; i++) spans.add(requestSpan(i, "GET"));
        return spans;
    }

    private static Span requestSpan(int i, String method) {
        return requestSpan(i, method, "api");
    }

    private static Span requestSpan(int i, String method, String service) {
        return TraceBuilder.trace(NOW).span(1, 0, service, "GET /items", SpanKind.SERVER, 0, 10,
                attr("http.route", "/items/" + i), attr("peer.service", "peer-" + i), attr("http.method", method));
    }

    private static List<Span> checkoutSpans() {
        TraceBuilder t = TraceBuilder.trace(NOW);
        t.withResource(t.span(1, 0, "checkout", "POST /cart", SpanKind.SERVER, 0, 100,
                attr("http.route", "/cart"), attr("http.status_code", 200L), attr("customer.id", "c-1")),
                attr("deployment.environment", "prod"));
        t.span(2, 1, "checkout", "SELECT cart", SpanKind.CLIENT, 10, 20,
                attr("peer.service", "cart-db"), attr("db.system", "postgresql"));
        return t.spans();
    }

    private static List<String> values(List<CatalogueRecord> records) {
        List<String> out = new ArrayList<>();
        for (CatalogueRecord r : records) {
            if (r instanceof AttributeValueEntry v) out.add(v.key() + "=" + v.value());
        }
        return out;
    }
}
