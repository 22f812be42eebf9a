package dev.skein.storage;

import java.util.List;

/** The reader side of the index. */
public interface IndexReader {
    /**
     * The most values {@link #remoteServices} and {@link #attributeValues} answer: the first
     * this many in the index's order. Autocompletion needs no more, and a key with a value per
     * request (an ID that slipped into a configured key) must not make one read unbounded.
     */
    int MAX_CATALOGUE_VALUES = 1_000;

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

    /**
     * The remote service names ({@code peer.service}) one service's spans called, sorted; at
     * most {@link #MAX_CATALOGUE_VALUES}.
     */
    List<String> remoteServices(String tenant, String service);

    /**
     * Values seen for one autocomplete attribute key (in span or resource attributes), sorted;
     * at most {@link #MAX_CATALOGUE_VALUES}. Empty for a key that is not configured for
     * autocompletion: the assembler records no other.
     */
    List<String> attributeValues(String tenant, String key);

    /** Edge counts of the minutes {@code fromMinute} to {@code toMinute}, both included. */
    List<EdgeCount> edges(String tenant, long fromMinute, long toMinute);
}
