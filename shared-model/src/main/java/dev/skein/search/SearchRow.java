package dev.skein.search;

import dev.skein.model.TraceId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One trace chunk as search sees it: a compact row in a search page, written by the assembler
 * beside the spans it describes. Per service it keeps the operations (with the span durations
 * seen for each), the attribute values, the event names and the status messages of failed
 * spans, so a query is answered from the page without reading spans unless the entry was
 * truncated.
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

    /**
     * One service's part of the chunk.
     *
     * @param tags attribute key → distinct values (scalars as strings), span and resource; a key
     *     whose values were not kept (not a scalar, or too long) maps to an empty list
     * @param events distinct event (Zipkin annotation) names
     * @param errorMessages distinct status messages of the service's ERROR spans
     * @param tagsTruncated something was left out (an operation, a value, an event name or a
     *     message): an absent name or value proves nothing, search reads the spans instead
     * @param eventsRecorded false for rows of search page version 1, which kept neither event
     *     names, error messages nor keys without a kept value
     */
    public record ServiceEntry(String name, int errorCount, List<Operation> operations,
            Map<String, List<String>> tags, List<String> events, List<String> errorMessages,
            boolean tagsTruncated, boolean eventsRecorded) {
        public ServiceEntry {
            Objects.requireNonNull(name, "name");
            operations = List.copyOf(operations);
            tags = Map.copyOf(tags);
            events = List.copyOf(events);
            errorMessages = List.copyOf(errorMessages);
        }

        /** The same entry as a version-1 row describes it: without event names or messages. */
        ServiceEntry withoutEvents() {
            return new ServiceEntry(name, errorCount, operations, tags, List.of(), List.of(), tagsTruncated, false);
        }
    }

    /** A span name of one service, with the shortest and longest duration of its spans. */
    public record Operation(String name, long minDurationNanos, long maxDurationNanos, int errorCount) {
        public Operation {
            Objects.requireNonNull(name, "name");
        }
    }
}
