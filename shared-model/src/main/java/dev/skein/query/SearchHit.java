package dev.skein.query;

import dev.skein.model.TraceId;
import dev.skein.trace.CombinedTrace;
import java.util.Optional;

/**
 * A trace a search found. {@code spansRead} holds its spans when the search had to read them to
 * decide the match (its index row was truncated), so an answer need not read them again.
 */
public record SearchHit(TraceId traceId, Optional<CombinedTrace> spansRead) {}
