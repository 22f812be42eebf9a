package dev.skein.search;

import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.StatusCode;
import dev.skein.trace.TraceSummarizer;
import java.util.List;
import java.util.Map;

/** Decides whether a search row, or failing that a trace's spans, answers a query. */
public final class SearchMatcher {
    public enum Verdict { MATCH, NO_MATCH, READ_SPANS }

    private SearchMatcher() {}

    public static Verdict match(TraceQuery q, SearchRow row) {
        if (row.endNanos() < q.startNanos() || row.startNanos() > q.endNanos()) return Verdict.NO_MATCH;
        if (q.errorsOnly() && row.errorCount() == 0) return Verdict.NO_MATCH;
        Verdict best = Verdict.NO_MATCH;
        for (SearchRow.ServiceEntry e : row.services()) {
            if (q.service() != null && !q.service().equals(e.name())) continue;
            Verdict v = matchEntry(q, e);
            if (v == Verdict.MATCH) return v;
            if (v == Verdict.READ_SPANS) best = v;
        }
        return best;
    }

    private static Verdict matchEntry(TraceQuery q, SearchRow.ServiceEntry e) {
        if (q.errorsOnly() && q.service() != null && e.errorCount() == 0) return Verdict.NO_MATCH;
        boolean operationFound = false;
        for (SearchRow.Operation op : e.operations()) {
            if (q.operation() != null && !q.operation().equals(op.name())) continue;
            if (durationInRange(q, op.minDurationNanos(), op.maxDurationNanos())) {
                operationFound = true;
                break;
            }
        }
        if (!operationFound) return e.tagsTruncated() ? Verdict.READ_SPANS : Verdict.NO_MATCH;
        for (Map.Entry<String, String> tag : q.tags().entrySet()) {
            List<String> values = e.tags().get(tag.getKey());
            if (values == null || !values.contains(tag.getValue())) {
                return e.tagsTruncated() ? Verdict.READ_SPANS : Verdict.NO_MATCH;
            }
        }
        return Verdict.MATCH;
    }

    private static boolean durationInRange(TraceQuery q, long min, long max) {
        if (q.minDurationNanos() > 0 && max < q.minDurationNanos()) return false;
        return q.maxDurationNanos() <= 0 || min <= q.maxDurationNanos();
    }

    /** The exact test on spans, for rows whose index was truncated. */
    public static boolean matches(TraceQuery q, List<Span> spans) {
        boolean error = false;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Span s : spans) {
            error |= s.status().code() == StatusCode.ERROR;
            start = Math.min(start, s.startEpochNanos());
            end = Math.max(end, s.endEpochNanos());
        }
        if (spans.isEmpty() || end < q.startNanos() || start > q.endNanos() || (q.errorsOnly() && !error)) {
            return false;
        }
        boolean operationFound = false;
        for (Span s : spans) {
            if (q.service() != null && !q.service().equals(TraceSummarizer.serviceOf(s))) continue;
            if (q.operation() != null && !q.operation().equals(s.name())) continue;
            if (!durationInRange(q, s.durationNanos(), s.durationNanos())) continue;
            operationFound = true;
            break;
        }
        if (!operationFound) return false;
        for (Map.Entry<String, String> tag : q.tags().entrySet()) {
            boolean found = false;
            for (Span s : spans) {
                if (q.service() != null && !q.service().equals(TraceSummarizer.serviceOf(s))) continue;
                if (has(s.attributes(), tag) || has(s.resource().attributes(), tag)) {
                    found = true;
                    break;
                }
            }
            if (!found) return false;
        }
        return true;
    }

    private static boolean has(List<Attribute> attributes, Map.Entry<String, String> tag) {
        for (Attribute a : attributes) {
            if (a.key().equals(tag.getKey()) && tag.getValue().equals(SearchRows.searchable(a.value()))) return true;
        }
        return false;
    }
}
