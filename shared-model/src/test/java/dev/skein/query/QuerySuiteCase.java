package dev.skein.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One query of the suite, read from {@code query-suite/queries.json}: the {@link QueryService}
 * call with its arguments and the answer expected.
 *
 * @param tenant the fixture's tenant name (as in traces.json), not a stored tenant
 * @param call a method of {@link QueryService}
 * @param arguments the call's arguments as the file gives them (search defaults filled in)
 */
record QuerySuiteCase(String name, String tenant, String call, JsonNode arguments, JsonNode expect) {

    static final String RESOURCE = "/query-suite/queries.json";
    private static final Set<String> COMMON = Set.of("name", "tenant", "call", "expect");
    private static final Map<String, Set<String>> ARGUMENTS = Map.of(
            "trace", Set.of("id"),
            "traces", Set.of("ids"),
            "search", Set.of("service", "operation", "remoteService", "tags", "keys", "minDuration", "maxDuration",
                    "from", "to", "errorsOnly", "ignoreNameCase", "limit"),
            "services", Set.of(),
            "operations", Set.of("service"),
            "remoteServices", Set.of("service"),
            "attributeValues", Set.of("key"),
            "serviceMap", Set.of("from", "to"));
    /** What an answer to each call is expected to hold; the first field is required. */
    private static final Map<String, List<String>> EXPECTATIONS = Map.of(
            "trace", List.of("view"),
            "traces", List.of("views"),
            "search", List.of("found", "spanCounts", "complete"),
            "services", List.of("names"),
            "operations", List.of("operations"),
            "remoteServices", List.of("names"),
            "attributeValues", List.of("names"),
            "serviceMap", List.of("edges", "nodes", "remoteNodes"));

    /** Every query of the file, in order; a misspelt field or a repeated name is an error. */
    static List<QuerySuiteCase> load() {
        JsonNode root = QuerySuiteTraces.readJson(RESOURCE);
        JsonNode searchDefaults = root.path("searchDefaults");
        List<QuerySuiteCase> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode q : QuerySuiteTraces.array(root, "queries")) {
            String name = QuerySuiteTraces.text(q, "name", "a query");
            if (!names.add(name)) throw new IllegalStateException(RESOURCE + ": two queries are named '" + name + "'");
            String call = QuerySuiteTraces.text(q, "call", name);
            Set<String> allowed = ARGUMENTS.get(call);
            if (allowed == null) throw new IllegalStateException(name + ": unknown call '" + call + "'");
            ObjectNode arguments = ((ObjectNode) q).objectNode();
            for (Iterator<String> it = q.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (allowed.contains(field)) {
                    arguments.set(field, q.get(field));
                } else if (!COMMON.contains(field)) {
                    throw new IllegalStateException(name + ": '" + field + "' is not an argument of " + call);
                }
            }
            if (call.equals("search")) {
                searchDefaults.fields().forEachRemaining(d -> {
                    if (!arguments.has(d.getKey())) arguments.set(d.getKey(), d.getValue());
                });
            }
            requireExpectation(name, call, q.path("expect"));
            cases.add(new QuerySuiteCase(name, QuerySuiteTraces.text(q, "tenant", name), call, arguments,
                    q.get("expect")));
        }
        return cases;
    }

    private static void requireExpectation(String name, String call, JsonNode expect) {
        List<String> fields = EXPECTATIONS.get(call);
        if (!expect.has(fields.get(0))) {
            throw new IllegalStateException(name + ": 'expect' needs '" + fields.get(0) + "'");
        }
        expect.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) throw new IllegalStateException(name + ": '" + f + "' is not expected of " + call);
        });
    }
}
