package dev.skein.search;

import java.util.BitSet;

/**
 * Which of a query's conditions the search rows of one trace meet. A trace is often stored in
 * several chunks (spans that arrived in different batches), one row each; a condition met by one
 * chunk counts for the trace, so the rows of one trace are merged. A condition is undecided when
 * a row cannot tell (its entry was truncated, or it predates event names): then only the spans
 * can settle it.
 */
public final class ConditionsMet {
    private final int count;
    private final BitSet met;
    private final BitSet undecided;

    ConditionsMet(int count) {
        this.count = count;
        this.met = new BitSet(count);
        this.undecided = new BitSet(count);
    }

    void met(int condition) {
        met.set(condition);
    }

    void undecided(int condition) {
        undecided.set(condition);
    }

    /** What this trace's rows say together with another row of the same trace. */
    public ConditionsMet merge(ConditionsMet other) {
        if (other.count != count) throw new IllegalArgumentException("conditions of different queries");
        ConditionsMet m = new ConditionsMet(count);
        m.met.or(met);
        m.met.or(other.met);
        m.undecided.or(undecided);
        m.undecided.or(other.undecided);
        return m;
    }

    /** Every condition met; or, when some are only undecided, the spans must settle it. */
    public SearchMatcher.Verdict verdict() {
        if (met.cardinality() == count) return SearchMatcher.Verdict.MATCH;
        BitSet metOrOpen = (BitSet) met.clone();
        metOrOpen.or(undecided);
        return metOrOpen.cardinality() == count ? SearchMatcher.Verdict.READ_SPANS : SearchMatcher.Verdict.NO_MATCH;
    }

    @Override
    public String toString() {
        return "met " + met + ", undecided " + undecided + " of " + count;
    }
}
