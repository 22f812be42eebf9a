package dev.skein.search;

import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.StatusCode;
import dev.skein.trace.IndexedNames;
import dev.skein.trace.TraceSummarizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Decides a {@link TraceQuery} on search rows, or failing that on a trace's spans. Both apply
 * the same conditions (see {@link TraceQuery}); a row never claims a condition its spans do not
 * meet, and where it cannot tell it leaves the condition undecided.
 */
public final class SearchMatcher {
    public enum Verdict { MATCH, NO_MATCH, READ_SPANS }

    /** The key whose condition a span with status ERROR meets. */
    public static final String ERROR_KEY = "error";
    /** The attribute that names the remote service of a span. */
    public static final String PEER_SERVICE = "peer.service";

    private static final int WINDOW = 0;
    private static final int SPAN = 1; // a span of the service with the operation and duration
    private static final int REMOTE = 2;
    private static final int ERROR = 3;
    private static final int FIRST_TAG = 4;

    private final TraceQuery q;
    private final String service; // as the index keys it; null for any service
    private final List<Map.Entry<String, String>> tags;
    private final List<String> keys;
    private final int firstKey;
    private final int count;

    private SearchMatcher(TraceQuery q) {
        this.q = q;
        this.service = q.service() == null ? null : IndexedNames.service(q.service());
        this.tags = new ArrayList<>(q.tags().entrySet());
        this.keys = new ArrayList<>(q.keys());
        this.firstKey = FIRST_TAG + tags.size();
        this.count = firstKey + keys.size();
    }

    public static SearchMatcher of(TraceQuery q) {
        return new SearchMatcher(q);
    }

    /** The verdict of one row on its own. */
    public static Verdict match(TraceQuery q, SearchRow row) {
        ConditionsMet c = of(q).evaluate(row);
        return c == null ? Verdict.NO_MATCH : c.verdict();
    }

    /** The exact test on a trace's spans. */
    public static boolean matches(TraceQuery q, List<Span> spans) {
        return of(q).matches(spans);
    }

    /** Whether a service name is the query's service (any, when the query names none). */
    private boolean isService(String name) {
        return service == null || sameName(service, name);
    }

    /**
     * The conditions one row meets, or null when the row holds no span of the query's service
     * (it says nothing about the query).
     */
    public ConditionsMet evaluate(SearchRow row) {
        ConditionsMet c = start();
        if (overlapsWindow(row.startNanos(), row.endNanos())) c.met(WINDOW);
        boolean relevant = false;
        for (SearchRow.ServiceEntry e : row.services()) {
            if (!isService(e.name())) continue;
            relevant = true;
            evaluate(e, c);
        }
        return relevant ? c : null;
    }

    private void evaluate(SearchRow.ServiceEntry e, ConditionsMet c) {
        // Names and values a truncated entry lacks may still be on its spans.
        boolean open = e.tagsTruncated();
        for (SearchRow.Operation op : e.operations()) {
            if (q.operation() != null && !sameName(q.operation(), op.name())) continue;
            if (inDuration(op.minDurationNanos()) || inDuration(op.maxDurationNanos())) {
                c.met(SPAN);
            } else if (q.minDurationNanos() > 0 && q.maxDurationNanos() > 0
                    && op.minDurationNanos() < q.minDurationNanos() && op.maxDurationNanos() > q.maxDurationNanos()) {
                c.undecided(SPAN); // spans on both sides of the range: one may lie inside
            }
        }
        if (open) c.undecided(SPAN);
        if (q.remoteService() != null) {
            for (String v : e.tags().getOrDefault(PEER_SERVICE, List.of())) {
                if (sameName(q.remoteService(), v)) c.met(REMOTE);
            }
            if (open) c.undecided(REMOTE);
        }
        if (q.errorsOnly() && e.errorCount() > 0) c.met(ERROR);
        for (int i = 0; i < tags.size(); i++) {
            String key = tags.get(i).getKey();
            String value = tags.get(i).getValue();
            if (e.tags().getOrDefault(key, List.of()).contains(value)) c.met(FIRST_TAG + i);
            if (key.equals(ERROR_KEY) && e.errorCount() > 0) {
                if (e.errorMessages().contains(value)) c.met(FIRST_TAG + i);
                if (!e.eventsRecorded()) c.undecided(FIRST_TAG + i);
            }
            if (open) c.undecided(FIRST_TAG + i);
        }
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (e.tags().containsKey(key) || e.events().contains(key)
                    || (key.equals(ERROR_KEY) && e.errorCount() > 0)) {
                c.met(firstKey + i);
            }
            if (open || !e.eventsRecorded()) c.undecided(firstKey + i);
        }
    }

    /** The exact test on spans: the same conditions, decided on every span of the trace. */
    public boolean matches(List<Span> spans) {
        if (spans.isEmpty()) return false;
        ConditionsMet c = start();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Span s : spans) {
            start = Math.min(start, s.startEpochNanos());
            end = Math.max(end, s.endEpochNanos());
            if (isService(TraceSummarizer.serviceOf(s))) evaluate(s, c);
        }
        if (overlapsWindow(start, end)) c.met(WINDOW);
        return c.verdict() == Verdict.MATCH;
    }

    private void evaluate(Span s, ConditionsMet c) {
        boolean error = s.status().code() == StatusCode.ERROR;
        if ((q.operation() == null || sameName(q.operation(), s.name())) && inDuration(s.durationNanos())) {
            c.met(SPAN);
        }
        if (q.remoteService() != null) {
            if (hasValue(s, PEER_SERVICE, v -> sameName(q.remoteService(), v))) c.met(REMOTE);
        }
        if (error) c.met(ERROR);
        for (int i = 0; i < tags.size(); i++) {
            String key = tags.get(i).getKey();
            String value = tags.get(i).getValue();
            if (hasValue(s, key, value::equals) || (error && key.equals(ERROR_KEY) && value.equals(s.status().message()))) {
                c.met(FIRST_TAG + i);
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (hasKey(s, key) || (error && key.equals(ERROR_KEY))) c.met(firstKey + i);
        }
    }

    private ConditionsMet start() {
        ConditionsMet c = new ConditionsMet(count);
        if (q.remoteService() == null) c.met(REMOTE);
        if (!q.errorsOnly()) c.met(ERROR);
        return c;
    }

    private boolean overlapsWindow(long startNanos, long endNanos) {
        return endNanos >= q.startNanos() && startNanos <= q.endNanos();
    }

    /** Both ends inclusive; zero leaves that end open. */
    private boolean inDuration(long nanos) {
        return (q.minDurationNanos() == 0 || nanos >= q.minDurationNanos())
                && (q.maxDurationNanos() == 0 || nanos <= q.maxDurationNanos());
    }

    private boolean sameName(String wanted, String name) {
        return q.ignoreNameCase() ? wanted.equalsIgnoreCase(name) : wanted.equals(name);
    }

    /** Whether the span or its resource has the attribute with a value that passes the test. */
    private static boolean hasValue(Span s, String key, Predicate<String> test) {
        return hasValue(s.attributes(), key, test) || hasValue(s.resource().attributes(), key, test);
    }

    private static boolean hasValue(List<Attribute> attributes, String key, Predicate<String> test) {
        for (Attribute a : attributes) {
            if (!a.key().equals(key)) continue;
            String v = SearchRows.searchable(a.value());
            if (v != null && test.test(v)) return true;
        }
        return false;
    }

    private static boolean hasKey(Span s, String key) {
        for (Attribute a : s.attributes()) {
            if (a.key().equals(key)) return true;
        }
        for (Attribute a : s.resource().attributes()) {
            if (a.key().equals(key)) return true;
        }
        for (SpanEvent e : s.events()) {
            if (e.name().equals(key)) return true;
        }
        return false;
    }
}
