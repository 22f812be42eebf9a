package dev.skein.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skein.http.GoDuration;
import dev.skein.model.Span;
import dev.skein.model.TraceId;
import dev.skein.search.TraceQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Makes one {@link QuerySuiteCase}'s call on a query service over the stored fixture traces and
 * compares the answer with the expected one. A trace in an answer is compared whole with the
 * fixture: every distinct span it was sent, nothing else.
 */
final class QuerySuiteCheck {

    private final QueryService service;
    private final QuerySuiteTraces traces;
    private final UnaryOperator<String> storedTenant;

    /** @param storedTenant the tenant a fixture tenant was stored under */
    QuerySuiteCheck(QueryService service, QuerySuiteTraces traces, UnaryOperator<String> storedTenant) {
        this.service = service;
        this.traces = traces;
        this.storedTenant = storedTenant;
    }

    void check(QuerySuiteCase c) {
        String tenant = storedTenant.apply(c.tenant());
        JsonNode args = c.arguments();
        JsonNode expect = c.expect();
        switch (c.call()) {
            case "trace" -> {
                TraceId id = TraceId.fromHex(args.path("id").asText());
                Optional<TraceView> view = service.trace(tenant, id);
                if (expect.path("view").isNull()) {
                    assertThat(view.map(v -> describe(v.spans()))).as("trace %s", id).isEmpty();
                } else {
                    assertThat(view).as("trace %s", id).isPresent();
                    checkView(c.tenant(), view.get(), id, expect.get("view"));
                }
            }
            case "traces" -> {
                List<TraceId> ids = new ArrayList<>();
                for (JsonNode id : args.path("ids")) ids.add(TraceId.fromHex(id.asText()));
                List<TraceView> views = service.traces(tenant, ids);
                List<String> found = new ArrayList<>();
                for (TraceView v : views) found.add(tracesOf(c.tenant(), v));
                List<String> expected = new ArrayList<>();
                for (JsonNode v : expect.path("views")) expected.add(String.join(" + ", new TreeSet<>(texts(v.path("of")))));
                assertThat(found).as("the traces answered, in order").containsExactlyElementsOf(expected);
                for (int i = 0; i < views.size(); i++) {
                    assertThat(ids).as("the IDs asked for").contains(views.get(i).traceId());
                    checkView(c.tenant(), views.get(i), views.get(i).traceId(), expect.path("views").get(i));
                }
            }
            case "search" -> checkSearch(c.tenant(), service.search(query(tenant, args)), expect);
            case "services" -> assertThat(service.services(tenant)).containsExactlyElementsOf(texts(expect.path("names")));
            case "operations" -> {
                List<List<String>> operations = new ArrayList<>();
                for (Operation o : service.operations(tenant, args.path("service").asText())) {
                    operations.add(List.of(o.name(), String.valueOf(o.spanKind())));
                }
                List<List<String>> expected = new ArrayList<>();
                for (JsonNode o : expect.path("operations")) expected.add(texts(o));
                assertThat(operations).containsExactlyElementsOf(expected);
            }
            case "remoteServices" -> assertThat(service.remoteServices(tenant, args.path("service").asText()))
                    .containsExactlyElementsOf(texts(expect.path("names")));
            case "attributeValues" -> assertThat(service.attributeValues(tenant, args.path("key").asText()))
                    .containsExactlyElementsOf(texts(expect.path("names")));
            case "serviceMap" -> checkServiceMap(service.serviceMap(tenant, traces.nanosAt(args.path("from").asText()),
                    traces.nanosAt(args.path("to").asText())), expect);
            default -> throw new IllegalStateException("unknown call " + c.call());
        }
    }

    private TraceQuery query(String tenant, JsonNode a) {
        Map<String, String> tags = new LinkedHashMap<>();
        a.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
        return new TraceQuery(tenant, a.path("service").asText(null), a.path("operation").asText(null),
                a.path("remoteService").asText(null), tags, new LinkedHashSet<>(texts(a.path("keys"))),
                GoDuration.parseNanos(a.path("minDuration").asText("0"), "minDuration"),
                GoDuration.parseNanos(a.path("maxDuration").asText("0"), "maxDuration"),
                traces.nanosAt(a.path("from").asText()), traces.nanosAt(a.path("to").asText()),
                a.path("errorsOnly").asBoolean(false), a.path("ignoreNameCase").asBoolean(false),
                a.path("limit").asInt());
    }

    private void checkSearch(String fixtureTenant, FoundTraces found, JsonNode expect) {
        List<String> names = new ArrayList<>();
        for (TraceView v : found.traces()) {
            names.add(traces.nameOf(fixtureTenant, v.traceId()).orElse("unknown trace " + v.traceId().toHex()));
        }
        assertThat(names).as("the traces found, most recent first").containsExactlyElementsOf(texts(expect.path("found")));
        JsonNode counts = expect.path("spanCounts");
        for (int i = 0; i < found.traces().size(); i++) {
            TraceView v = found.traces().get(i);
            QuerySuiteTraces.Trace fixture = traces.named(names.get(i));
            if (counts.has(i)) requireCount(counts.get(i), fixture.spans(), fixture.name());
            checkSpans(v, fixture.spans(), fixture.name());
            assertThat(v.partial()).as("%s is partial", fixture.name()).isEqualTo(!TraceView.hasRoot(fixture.spans()));
        }
        assertThat(found.complete()).as("the search is complete").isEqualTo(expect.path("complete").asBoolean(true));
    }

    private void checkView(String fixtureTenant, TraceView view, TraceId asked, JsonNode expect) {
        assertThat(view.traceId()).as("the answer's trace ID").isEqualTo(asked);
        Set<Span> spans = new LinkedHashSet<>();
        List<String> of = texts(expect.path("of"));
        for (String name : of) {
            QuerySuiteTraces.Trace t = traces.named(name);
            if (!t.tenant().equals(fixtureTenant)) throw new IllegalStateException(name + " is not of tenant " + fixtureTenant);
            spans.addAll(t.spans());
        }
        requireCount(expect.path("spans"), spans, String.join(" + ", of));
        checkSpans(view, List.copyOf(spans), String.join(" + ", of));
        assertThat(view.partial()).as("%s is partial", of).isEqualTo(expect.path("partial").asBoolean());
    }

    /** A span count the file states agrees with the spans its traces declare, or the file is wrong. */
    private static void requireCount(JsonNode count, Collection<Span> spans, String what) {
        if (count.asInt(-1) != spans.size()) {
            throw new IllegalStateException(QuerySuiteCase.RESOURCE + " expects " + count + " spans of " + what + ", "
                    + QuerySuiteTraces.RESOURCE + " gives it " + spans.size());
        }
    }

    /** The answer holds exactly the fixture's spans (named first, for a readable difference), by start. */
    private static void checkSpans(TraceView view, List<Span> expected, String what) {
        assertThat(describe(view.spans())).as("spans of %s", what).containsExactlyInAnyOrderElementsOf(describe(expected));
        assertThat(view.spans()).as("spans of %s, every field", what).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(view.spans()).as("spans of %s", what).isSortedAccordingTo(Comparator.comparingLong(Span::startEpochNanos));
    }

    private static void checkServiceMap(ServiceMap map, JsonNode expect) {
        List<String> edges = new ArrayList<>();
        for (DependencyLink l : map.edges()) {
            edges.add(l.parent() + " -> " + l.child() + ": calls " + l.calls() + ", errors " + l.errors());
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode e : expect.path("edges")) {
            expected.add(e.path("edge").asText() + ": calls " + e.path("calls").asLong() + ", errors " + e.path("errors").asLong());
        }
        assertThat(edges).as("edges").containsExactlyElementsOf(expected);
        List<String> nodes = new ArrayList<>();
        List<String> remote = new ArrayList<>();
        for (ServiceMap.Node n : map.nodes()) {
            nodes.add(n.name());
            if (n.remote()) remote.add(n.name());
        }
        assertThat(nodes).as("nodes").containsExactlyElementsOf(texts(expect.path("nodes")));
        assertThat(remote).as("remote nodes").containsExactlyElementsOf(texts(expect.path("remoteNodes")));
    }

    /** The fixture traces whose spans a view holds, by name. */
    private String tracesOf(String fixtureTenant, TraceView view) {
        TreeSet<String> names = new TreeSet<>();
        for (Span s : view.spans()) {
            names.add(traces.nameOf(fixtureTenant, s.traceId()).orElse("unknown trace " + s.traceId().toHex()));
        }
        return String.join(" + ", names);
    }

    private static List<String> describe(List<Span> spans) {
        List<String> out = new ArrayList<>();
        for (Span s : spans) out.add(s.traceId().toHex() + "/" + s.spanId() + " " + s.serviceName() + " " + s.name());
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.asText());
        return out;
    }
}
