package dev.skein.search;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.StatusCode;
import dev.skein.trace.TraceSummarizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the search row of one trace chunk. Rows stay small: per service at most {@link
 * #MAX_OPERATIONS} operations and {@link #MAX_TAG_VALUES} attribute values, each at most
 * {@link #MAX_TAG_VALUE_CHARS} characters. Values beyond that are left out and the entry marked
 * truncated, so search falls back to reading the spans instead of missing the trace.
 */
public final class SearchRows {
    public static final int MAX_OPERATIONS = 200;
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
        final Set<Object> resourcesSeen = new java.util.HashSet<>();
        int tagValues;
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
        }

        void addTags(List<Attribute> attributes) {
            for (Attribute a : attributes) {
                String v = searchable(a.value());
                if (v == null) continue;
                if (v.length() > MAX_TAG_VALUE_CHARS) {
                    truncated = true;
                    continue;
                }
                Set<String> values = tags.get(a.key());
                if (values != null && values.contains(v)) continue;
                if (tagValues >= MAX_TAG_VALUES) {
                    truncated = true;
                    continue;
                }
                tags.computeIfAbsent(a.key(), k -> new LinkedHashSet<>()).add(v);
                tagValues++;
            }
        }

        SearchRow.ServiceEntry build() {
            List<SearchRow.Operation> ops = new ArrayList<>(operations.size());
            operations.forEach((n, o) -> ops.add(new SearchRow.Operation(n, o[0], o[1], (int) o[2])));
            Map<String, List<String>> t = new LinkedHashMap<>();
            tags.forEach((k, v) -> t.put(k, List.copyOf(v)));
            return new SearchRow.ServiceEntry(name, errors, ops, t, truncated);
        }
    }
}
