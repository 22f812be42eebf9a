package dev.skein.storage;

import java.util.List;

/** The reader side of the index. */
public interface IndexReader {
    TraceEntries trace(TraceKey trace);

    /**
     * The search pages listed under (tenant, service, hour) over all shards, newest first.
     * {@code service} is {@link SearchPageRef#ANY_SERVICE} for all services.
     */
    List<SearchPageRef> searchRefs(String tenant, String service, long hourEpoch);

    /** Services of a tenant, sorted. */
    List<String> services(String tenant);

    /** Operations of one service, sorted by name then kind. */
    List<CatalogueEntry> operations(String tenant, String service);

    /** Edge counts of the minutes {@code fromMinute} to {@code toMinute}, both included. */
    List<EdgeCount> edges(String tenant, long fromMinute, long toMinute);
}
