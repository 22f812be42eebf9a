package dev.skein.codec;

import dev.skein.model.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * What a decoder read from one request: the spans it could build and the ones it had to reject
 * (a wrong-length ID, invalid UTF-8), each rejection with a reason. Bad spans never cost the
 * good ones beside them. The span count is bounded while decoding, so a request of a million
 * tiny spans is refused before it is built.
 */
public final class DecodedSpans {
    /** How many rejection reasons are kept for the error message; the count is always exact. */
    public static final int MAX_REASONS = 5;

    private final int maxSpans;
    private final List<Span> spans = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>(MAX_REASONS);
    private int rejected;
    private int seen;

    public DecodedSpans(int maxSpans) {
        this.maxSpans = maxSpans;
    }

    /**
     * Counts a span about to be read, valid or not, against the per-request limit, and returns
     * its position in the request (from 0) for rejection messages.
     */
    public int countSpan() throws TooManySpansException {
        if (seen >= maxSpans) {
            throw new TooManySpansException(maxSpans);
        }
        return seen++;
    }

    public void add(Span span) {
        spans.add(span);
    }

    /** Records a rejected span; {@code index} is its position in the request, from 0. */
    public void reject(int index, String reason) {
        rejected++;
        if (reasons.size() < MAX_REASONS) {
            reasons.add("span " + index + ": " + reason);
        }
    }

    public List<Span> spans() {
        return spans;
    }

    public int rejectedCount() {
        return rejected;
    }

    public List<String> rejectionReasons() {
        return reasons;
    }
}
