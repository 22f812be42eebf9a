package dev.skein.storage;

import java.util.List;

/** The reader side of the index. */
public interface IndexReader {
    TraceEntries trace(TraceKey trace);

    /**
     * Every trace of the tenant whose ID's low 64 bits are {@code lowHalf}: the 64-bit ID itself
     * (high half zero) and any 128-bit ID ending in it. This is how a 64-bit ID finds the
     * 128-bit trace it was cut from, as Zipkin does.
     */
    List<TraceEntries> tracesWithLowHalf(String tenant, long lowHalf);

    /**
     * The search pages listed under (tenant, service, hour) over all shards, newest first.
     * {@code service} is {@link SearchPageRef#ANY_SERVICE} for all services.
     */
    List<SearchPageRef> searchRefs(String tenant, String service, long hourEpoch);

    /** Services of a tenant, sorted. */
    List<String> services(String tenant);

    /** Operations of one service, sorted by name then kind. */
    List<CatalogueEntry> operations(String tenant, String service);

    /** The remote service names ({@code peer.service}) one service's spans called, sorted. */
    List<String> remoteServices(String tenant, String service);

    /** Values seen for one autocomplete attribute key, sorted. */
    List<String> attributeValues(String tenant, String key);

    /** Edge counts of the minutes {@code fromMinute} to {@code toMinute}, both included. */
    List<EdgeCount> edges(String tenant, long fromMinute, long toMinute);
}
