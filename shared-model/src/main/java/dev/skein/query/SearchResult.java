package dev.skein.query;

import java.util.List;

/**
 * Traces a search found, newest first. {@code complete} is false when the search stopped at
 * its page budget before covering the whole time range.
 */
public record SearchResult(List<SearchHit> hits, boolean complete) {
    public SearchResult {
        hits = List.copyOf(hits);
    }
}
