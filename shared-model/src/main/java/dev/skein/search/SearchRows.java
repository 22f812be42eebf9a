package dev.skein.search;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.StatusCode;
import dev.skein.trace.TraceSummarizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the search row of one trace chunk. Rows stay small: per service at most {@link
 * #MAX_OPERATIONS} operations and {@link #MAX_TAG_VALUES} indexed strings, each at most {@link
 * #MAX_TAG_VALUE_CHARS} characters. The strings share one budget: distinct attribute values,
 * attribute keys kept without a value, event names and the status messages of ERROR spans.
 * Whatever does not fit is left out and the entry marked truncated, so search falls back to
 * reading the spans instead of missing the trace.
 */
public final class SearchRows {
    public static final int MAX_OPERATIONS = 200;
    /** Indexed strings per service entry: attribute values, bare keys, event names, messages. */
    public static final int MAX_TAG_VALUES = 256;
    public static final int MAX_TAG_VALUE_CHARS = 256;

    private SearchRows() {}

    public static SearchRow of(List<Span> spans) {
        if (spans.isEmpty()) throw new IllegalArgumentException("a search row needs spans");
        Map<String, ServiceBuilder> services = new TreeMap<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int errors = 0;
        Span root = null;
        for (Span s : spans) {
            start = Math.min(start, s.startEpochNanos());
            end = Math.max(end, s.endEpochNanos());
            boolean error = s.status().code() == StatusCode.ERROR;
            if (error) errors++;
            if (s.isRoot() && (root == null || s.startEpochNanos() < root.startEpochNanos())) root = s;
            services.computeIfAbsent(TraceSummarizer.serviceOf(s), ServiceBuilder::new).add(s, error);
        }
        List<SearchRow.ServiceEntry> entries = new ArrayList<>(services.size());
        for (ServiceBuilder b : services.values()) entries.add(b.build());
        return new SearchRow(spans.get(0).traceId(), start, end, spans.size(), errors,
                root == null ? null : TraceSummarizer.serviceOf(root), root == null ? null : root.name(), entries);
    }

    /** An attribute value as search compares it, or null for values search does not index. */
    public static String searchable(AnyValue v) {
        if (v instanceof AnyValue.StringValue s) return s.value();
        if (v instanceof AnyValue.BoolValue b) return Boolean.toString(b.value());
        if (v instanceof AnyValue.IntValue i) return Long.toString(i.value());
        if (v instanceof AnyValue.DoubleValue d) return Double.toString(d.value());
        return null;
    }

    private static final class ServiceBuilder {
        final String name;
        int errors;
        final Map<String, long[]> operations = new TreeMap<>(); // min, max, errors
        final Map<String, Set<String>> tags = new TreeMap<>();
        final Set<String> events = new LinkedHashSet<>();
        final Set<String> errorMessages = new LinkedHashSet<>();
        final Set<Resource> resourcesSeen = new HashSet<>();
        int budget = MAX_TAG_VALUES;
        boolean truncated;

        ServiceBuilder(String name) {
            this.name = name;
        }

        void add(Span s, boolean error) {
            if (error) errors++;
            long[] op = operations.get(s.name());
            if (op == null) {
                if (operations.size() >= MAX_OPERATIONS) {
                    truncated = true;
                } else {
                    operations.put(s.name(), new long[] {s.durationNanos(), s.durationNanos(), error ? 1 : 0});
                }
            } else {
                op[0] = Math.min(op[0], s.durationNanos());
                op[1] = Math.max(op[1], s.durationNanos());
                if (error) op[2]++;
            }
            addTags(s.attributes());
            // Spans of one request share their Resource instance: index it once.
            if (resourcesSeen.add(s.resource())) addTags(s.resource().attributes());
            for (SpanEvent e : s.events()) keep(events, e.name());
            if (error) keep(errorMessages, s.status().message());
        }

        void addTags(List<Attribute> attributes) {
            for (Attribute a : attributes) {
                Set<String> values = tags.get(a.key());
                if (values == null) {
                    // The key alone answers a key-only search, even when its value is not kept.
                    if (!spend()) continue;
                    values = new LinkedHashSet<>();
                    tags.put(a.key(), values);
                    String v = searchable(a.value());
                    if (v == null) continue;
                    if (v.length() > MAX_TAG_VALUE_CHARS) {
                        truncated = true;
                    } else {
                        values.add(v); // paid for by the key's unit
                    }
                    continue;
                }
                String v = searchable(a.value());
                if (v != null) keep(values, v);
            }
        }

        /** Adds a string to one of the entry's sets, if it is short enough and the budget allows. */
        void keep(Set<String> into, String v) {
            if (into.contains(v)) return;
            if (v.length() > MAX_TAG_VALUE_CHARS) {
                truncated = true;
                return;
            }
            if (spend()) into.add(v);
        }

        private boolean spend() {
            if (budget == 0) {
                truncated = true;
                return false;
            }
            budget--;
            return true;
        }

        SearchRow.ServiceEntry build() {
            List<SearchRow.Operation> ops = new ArrayList<>(operations.size());
            operations.forEach((n, o) -> ops.add(new SearchRow.Operation(n, o[0], o[1], (int) o[2])));
            Map<String, List<String>> t = new LinkedHashMap<>();
            tags.forEach((k, v) -> t.put(k, List.copyOf(v)));
            return new SearchRow.ServiceEntry(name, errors, ops, t, List.copyOf(events), List.copyOf(errorMessages),
                    truncated, true);
        }
    }
}
