package dev.skein.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanLink;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import dev.skein.trace.ServiceEdge;
import dev.skein.trace.ServiceGraphExtractor;
import dev.skein.trace.TraceSummarizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopSimulatorTest {
    private static final long T0 = 1_795_003_140_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final int REQUESTS = 4_000;

    /** Many requests of one seed: fractions over them are what the constants say, give or take chance. */
    private static List<Span> spans;
    private static Map<TraceId, List<Span>> traces;

    @BeforeAll
    static void simulate() {
        spans = requests(7, REQUESTS);
        traces = new LinkedHashMap<>();
        for (Span s : spans) traces.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s);
    }

    private static List<Span> requests(long seed, int count) {
        ShopSimulator shop = new ShopSimulator(seed);
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.addAll(shop.next(T0 + i * SECOND / 2));
        return out;
    }

    @Test
    void next_withTheSameSeed_makesTheSameSpans_andWithAnotherSeedOthers() {
        assertThat(requests(11, 200)).isEqualTo(requests(11, 200));
        assertThat(requests(12, 200)).isNotEqualTo(requests(11, 200));
    }

    @Test
    void next_everySpan_hasValidIdsAndTimes() {
        Set<Long> spanIds = new HashSet<>();
        for (Span s : spans) {
            assertThat(s.traceId().high()).as("a 128-bit trace ID").isNotZero();
            assertThat(s.spanId()).isNotZero();
            assertThat(spanIds.add(s.spanId())).as("span ID %x is unique", s.spanId()).isTrue();
            assertThat(s.startEpochNanos()).isGreaterThanOrEqualTo(T0);
            assertThat(s.endEpochNanos()).isGreaterThan(s.startEpochNanos());
            assertThat(s.flags()).isEqualTo(1);
            assertThat(s.name()).isNotEmpty();
        }
    }

    @Test
    void next_everyTrace_hasOneRootAndEveryOtherSpanItsParentInTheTraceAroundIt() {
        for (List<Span> trace : traces.values()) {
            Map<Long, Span> byId = new HashMap<>();
            for (Span s : trace) byId.put(s.spanId(), s);
            assertThat(trace.stream().filter(Span::isRoot)).hasSize(1);
            for (Span s : trace) {
                if (s.isRoot()) continue;
                Span parent = byId.get(s.parentSpanId());
                assertThat(parent).as("parent of %s", s.name()).isNotNull();
                assertThat(s.startEpochNanos()).isGreaterThanOrEqualTo(parent.startEpochNanos());
                assertThat(s.endEpochNanos()).isLessThanOrEqualTo(parent.endEpochNanos());
                if (s.kind() == SpanKind.SERVER) {
                    assertThat(parent.kind()).as("a server's caller").isEqualTo(SpanKind.CLIENT);
                    assertThat(parent.serviceName()).isNotEqualTo(s.serviceName());
                }
            }
        }
    }

    @Test
    void next_requestsMakeSixToThirtyThreeSpans_andShipmentsFive() {
        TreeSet<Integer> requestSizes = new TreeSet<>();
        Set<Integer> shipmentSizes = new HashSet<>();
        for (List<Span> trace : traces.values()) {
            boolean shipment = trace.stream().anyMatch(s -> s.isRoot() && s.kind() == SpanKind.CONSUMER);
            (shipment ? shipmentSizes : requestSizes).add(trace.size());
        }

        // The smallest: an unknown product; the largest: a checkout of five items that goes through.
        assertThat(requestSizes.first()).isEqualTo(6);
        assertThat(requestSizes.last()).isEqualTo(33);
        assertThat(requestSizes).hasSizeGreaterThan(10);
        assertThat(shipmentSizes).containsExactly(5);
        assertThat(roots(s -> true)).extracting(Span::name).containsOnly(
                "GET /", "GET /product/{id}", "POST /cart/items", "POST /checkout", "process orders");
    }

    @Test
    void next_everyServiceSpan_carriesItsServicesOneResource() {
        Map<String, Set<Object>> resources = new HashMap<>();
        for (Span s : spans) {
            resources.computeIfAbsent(s.serviceName(), k -> Collections.newSetFromMap(new IdentityHashMap<>()))
                    .add(s.resource());
            assertThat(s.resource().attributes()).extracting(Attribute::key).contains("service.name",
                    "service.version", "deployment.environment.name", "host.name", "telemetry.sdk.name",
                    "telemetry.sdk.language", "telemetry.sdk.version");
            assertThat(s.scope().name()).isNotEmpty();
        }
        assertThat(resources.keySet()).containsExactlyInAnyOrder("web", "cart", "checkout", "payments", "inventory",
                "shipping");
        assertThat(resources.values()).allSatisfy(r -> assertThat(r).hasSize(1));
    }

    @Test
    void next_aboutThreePercentOfPayments_areDeclined_withAnExceptionAnd502UpTheChain() {
        List<Span> payments = spans(s -> s.serviceName().equals("payments") && s.kind() == SpanKind.SERVER);
        List<Span> declined = payments.stream().filter(ShopSimulatorTest::failed).toList();

        assertThat(payments).hasSizeGreaterThan(400);
        assertThat((double) declined.size() / payments.size()).isBetween(0.015, 0.05);
        for (Span charge : declined) {
            assertThat(charge.status().message()).startsWith("card declined: ");
            SpanEvent exception = charge.events().get(0);
            assertThat(exception.name()).isEqualTo("exception");
            assertThat(exception.attributes()).extracting(Attribute::key)
                    .containsExactly("exception.type", "exception.message", "exception.stacktrace");
            assertThat(string(exception.attributes(), "exception.stacktrace"))
                    .startsWith(JavaStacks.PAYMENT_DECLINED + ": card declined").contains("\n\tat ");
            assertThat(attribute(charge, "rpc.grpc.status_code")).isEqualTo(AnyValue.of(2L));

            List<Span> trace = traces.get(charge.traceId());
            Span root = trace.stream().filter(Span::isRoot).findFirst().orElseThrow();
            assertThat(root.name()).isEqualTo("POST /checkout");
            assertThat(failed(root)).isTrue();
            assertThat(attribute(root, "http.response.status_code")).isEqualTo(AnyValue.of(502L));
            assertThat(trace).filteredOn(s -> s.kind() == SpanKind.PRODUCER).as("no order sent").isEmpty();
        }
    }

    @Test
    void next_aboutOneProductViewInTwenty_isForAnUnknownProduct_a404ThatIsNoServerError() {
        List<Span> views = roots(s -> s.name().equals("GET /product/{id}"));
        List<Span> notFound = views.stream()
                .filter(s -> AnyValue.of(404L).equals(attribute(s, "http.response.status_code"))).toList();

        assertThat((double) notFound.size() / views.size()).isBetween(0.03, 0.075);
        assertThat(notFound).allSatisfy(s -> assertThat(s.status().code()).isEqualTo(StatusCode.UNSET));
        // The storefront's client span to inventory counts the 404 as its own failure.
        assertThat(spans(s -> s.kind() == SpanKind.CLIENT && s.name().equals("GET /products/{id}") && failed(s)))
                .hasSameSizeAs(notFound);
    }

    @Test
    void next_aFewQueriesAreSlow_andTheRestFast() {
        List<Span> queries = spans(s -> AnyValue.of("postgresql").equals(attribute(s, "db.system.name")));
        long slow = queries.stream().filter(s -> s.durationNanos() >= 250_000_000L).count();
        long middling = queries.stream()
                .filter(s -> s.durationNanos() > 100_000_000L && s.durationNanos() < 250_000_000L).count();

        assertThat((double) slow / queries.size()).isBetween(0.008, 0.025);
        assertThat(middling).as("no query between fast and slow").isZero();
    }

    @Test
    void next_aboutOneProductViewInFive_missesThePageCache() {
        long views = roots(s -> s.name().equals("GET /product/{id}")).size();
        long misses = spans(s -> s.kind() == SpanKind.CLIENT && s.serviceName().equals("web")
                && s.name().equals("GET /products/{id}")).size();

        // Misses, plus unknown products, which are never cached.
        assertThat((double) misses / views).isBetween(0.2, 0.3);
    }

    @Test
    void next_everyOrderPlaced_isProcessedByShippingInATraceOfItsOwnLinkedToTheProducer() {
        List<Span> producers = spans(s -> s.kind() == SpanKind.PRODUCER);
        Map<Long, Span> consumersByProducer = new HashMap<>();
        for (Span consumer : spans(s -> s.kind() == SpanKind.CONSUMER)) {
            assertThat(consumer.isRoot()).isTrue();
            assertThat(consumer.serviceName()).isEqualTo("shipping");
            assertThat(consumer.links()).hasSize(1);
            SpanLink link = consumer.links().get(0);
            consumersByProducer.put(link.spanId(), consumer);
            assertThat(link.traceId()).isNotEqualTo(consumer.traceId());
        }

        assertThat(producers).isNotEmpty().allSatisfy(p -> {
            assertThat(p.serviceName()).isEqualTo("checkout");
            assertThat(attribute(p, "messaging.system")).isEqualTo(AnyValue.of("kafka"));
            assertThat(attribute(p, "messaging.destination.name")).isEqualTo(AnyValue.of("orders"));
            Span consumer = consumersByProducer.get(p.spanId());
            assertThat(consumer).isNotNull();
            assertThat(consumer.links().get(0).traceId()).isEqualTo(p.traceId());
            assertThat(consumer.startEpochNanos()).isGreaterThan(p.endEpochNanos());
        });
        assertThat(consumersByProducer).hasSameSizeAs(producers);
    }

    /** The service graph Skein would extract: the shop's calls, its databases and peers as remote nodes. */
    @Test
    void next_makesTheServiceGraphOfTheShop() {
        Map<TraceId, Map<Long, Span>> byTrace = new HashMap<>();
        for (Span s : spans) byTrace.computeIfAbsent(s.traceId(), k -> new HashMap<>()).put(s.spanId(), s);
        ServiceGraphExtractor.LinkedSpans linked = (trace, spanId) -> Optional.ofNullable(byTrace.get(trace))
                .map(t -> t.get(spanId)).map(TraceSummarizer::serviceOf);
        Map<String, long[]> edges = new HashMap<>();
        for (List<Span> trace : traces.values()) {
            ServiceGraphExtractor.extract(trace, linked).forEach((edge, stats) -> {
                long[] counts = edges.computeIfAbsent(name(edge), k -> new long[2]);
                counts[0] += stats.calls();
                counts[1] += stats.errors();
            });
        }

        assertThat(edges.keySet()).containsExactlyInAnyOrder(
                "web -> redis@cache", "web -> inventory", "web -> cart", "web -> checkout",
                "cart -> redis@cache", "cart -> inventory",
                "inventory -> postgresql@inventory-db",
                "checkout -> cart", "checkout -> inventory", "checkout -> payments",
                "checkout -> postgresql@shop-db", "checkout -> shipping",
                "payments -> api.payment-gateway.example", "payments -> postgresql@shop-db",
                "shipping -> postgresql@shop-db", "shipping -> api.carrier.example");
        assertThat(edges.get("checkout -> payments")[1]).as("declines").isPositive();
        assertThat(edges.get("web -> checkout")[1]).isEqualTo(edges.get("checkout -> payments")[1]);
        assertThat(edges.get("payments -> api.payment-gateway.example")[1]).isEqualTo(edges.get("checkout -> payments")[1]);
        assertThat(edges.get("checkout -> shipping")[0]).isEqualTo(spans(s -> s.kind() == SpanKind.PRODUCER).size());
        assertThat(edges.get("web -> cart")[1]).isZero();
    }

    private static String name(ServiceEdge edge) {
        return edge.parent() + " -> " + edge.child();
    }

    private static List<Span> spans(Predicate<Span> which) {
        return spans.stream().filter(which).collect(Collectors.toList());
    }

    private static List<Span> roots(Predicate<Span> which) {
        return spans(s -> s.isRoot() && which.test(s));
    }

    private static boolean failed(Span s) {
        return s.status().code() == StatusCode.ERROR;
    }

    private static AnyValue attribute(Span s, String key) {
        for (Attribute a : s.attributes()) if (a.key().equals(key)) return a.value();
        return null;
    }

    private static String string(List<Attribute> attributes, String key) {
        for (Attribute a : attributes) {
            if (a.key().equals(key)) return ((AnyValue.StringValue) a.value()).value();
        }
        return null;
    }
}
