package dev.skein.search;

import dev.skein.model.TraceId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One trace chunk as search sees it: a compact row in a search page, written by the assembler
 * beside the spans it describes. Per service it keeps the operations (with the span durations
 * seen for each) and the attribute values, so a query for service, operation, duration and
 * attributes is answered from the page without reading spans, unless the tags were truncated.
 */
public record SearchRow(
        TraceId traceId,
        long startNanos,
        long endNanos,
        int spanCount,
        int errorCount,
        String rootService,
        String rootOperation,
        List<ServiceEntry> services) {

    public SearchRow {
        Objects.requireNonNull(traceId, "traceId");
        services = List.copyOf(services);
    }

    /** @param tags attribute key → distinct values (scalars as strings); span and resource */
    public record ServiceEntry(String name, int errorCount, List<Operation> operations,
            Map<String, List<String>> tags, boolean tagsTruncated) {
        public ServiceEntry {
            Objects.requireNonNull(name, "name");
            operations = List.copyOf(operations);
            tags = Map.copyOf(tags);
        }
    }

    /** A span name of one service, with the shortest and longest duration of its spans. */
    public record Operation(String name, long minDurationNanos, long maxDurationNanos, int errorCount) {
        public Operation {
            Objects.requireNonNull(name, "name");
        }
    }
}
