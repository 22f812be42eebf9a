package dev.skein.query;

import dev.skein.model.TraceId;
import dev.skein.search.SearchRow;

/** A trace a search found, as its search row describes the chunk that matched. */
public record SearchHit(TraceId traceId, SearchRow row) {}
