package dev.skein.finalize;

import dev.skein.assembly.PipelineSettings;
import dev.skein.model.TraceId;
import dev.skein.query.TraceReader;
import dev.skein.storage.EdgeCount;
import dev.skein.storage.FinalizeCommit;
import dev.skein.storage.Finalization;
import dev.skein.storage.IndexWriter;
import dev.skein.storage.StoredSummary;
import dev.skein.storage.TimerMessage;
import dev.skein.storage.TimerQueue;
import dev.skein.storage.TraceEntries;
import dev.skein.storage.TraceKey;
import dev.skein.storage.TracePointer;
import dev.skein.trace.CombinedTrace;
import dev.skein.trace.EdgeStats;
import dev.skein.trace.ServiceEdge;
import dev.skein.trace.ServiceGraphExtractor;
import dev.skein.trace.TraceSummarizer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settles traces that went idle: reads the whole trace, writes its summary and its service-graph
 * contribution, exactly once per trace version. A new version (late chunks) replaces the old
 * contribution: the commit subtracts what the stored summary says was added and adds the new
 * counts, on condition that the stored version is still the one read. So a redelivered timer, a
 * re-run, or two finalizers racing never count a call twice.
 *
 * <p>The traces of one batch share as few commits as the item limit allows, and their edge
 * changes are summed per edge first: a busy edge is written once per batch, not once per trace.
 */
public final class TraceFinalizer {
    private final TraceReader reader;
    private final IndexWriter index;
    private final TimerQueue timers;
    private final PipelineSettings settings;
    private final Clock clock;

    public TraceFinalizer(TraceReader reader, IndexWriter index, TimerQueue timers, PipelineSettings settings,
            Clock clock) {
        this.reader = reader;
        this.index = index;
        this.timers = timers;
        this.settings = settings;
        this.clock = clock;
    }

    public FinalizeResult finalizeTraces(List<TimerMessage> messages) {
        Map<TraceKey, List<String>> messageIds = new LinkedHashMap<>();
        for (TimerMessage m : messages) messageIds.computeIfAbsent(m.trace(), k -> new ArrayList<>()).add(m.messageId());

        List<String> failed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Pending> ready = new ArrayList<>();
        Map<Long, List<TraceKey>> laterBySeconds = new TreeMap<>();
        int unchanged = 0;
        long now = clock.millis();
        for (Map.Entry<TraceKey, List<String>> e : messageIds.entrySet()) {
            try {
                TraceEntries entries = reader.entries(e.getKey());
                if (entries.pointers().isEmpty()) {
                    unchanged++; // expired, or never stored: nothing to settle
                    continue;
                }
                long lastArrival = 0;
                for (TracePointer p : entries.pointers()) lastArrival = Math.max(lastArrival, p.arrivalEpochMillis());
                long idleAt = lastArrival + settings.idlePeriod().toMillis();
                if (now < idleAt) {
                    long seconds = Math.max(1, (idleAt - now + 999) / 1000);
                    laterBySeconds.computeIfAbsent(seconds, s -> new ArrayList<>()).add(e.getKey());
                    continue;
                }
                String version = TraceVersion.of(entries.pointers());
                StoredSummary old = entries.summary();
                if (old != null && old.version().equals(version)) {
                    unchanged++;
                    continue;
                }
                ready.add(settle(e.getKey(), e.getValue(), entries, version, lastArrival));
            } catch (RuntimeException ex) {
                failed.addAll(e.getValue());
                note(problems, "trace " + e.getKey() + ": " + ex.getMessage());
            }
        }
        int rescheduled = 0;
        for (Map.Entry<Long, List<TraceKey>> later : laterBySeconds.entrySet()) {
            try {
                timers.schedule(later.getValue(), Duration.ofSeconds(later.getKey()));
                rescheduled += later.getValue().size();
            } catch (RuntimeException ex) {
                for (TraceKey k : later.getValue()) failed.addAll(messageIds.get(k));
                note(problems, "rescheduling timers: " + ex.getMessage());
            }
        }
        int finalized = commitAll(ready, failed, problems);
        return new FinalizeResult(failed, problems, finalized, unchanged, rescheduled);
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < FinalizeResult.MAX_PROBLEMS) problems.add(problem);
    }

    private Pending settle(TraceKey key, List<String> ids, TraceEntries entries, String version, long lastArrival) {
        CombinedTrace trace = reader.read(entries.pointers());
        if (trace.isEmpty()) {
            throw new IllegalStateException("trace " + key + " has pointers but no readable spans");
        }
        Map<ServiceEdge, EdgeStats> contribution =
                ServiceGraphExtractor.extract(trace.spans(), new LinkedTraces(key.tenant(), key.traceId()));
        StoredSummary old = entries.summary();
        StoredSummary next = new StoredSummary(key.tenant(), TraceSummarizer.summarize(trace), version,
                contribution, settings.expiresAt(lastArrival));
        Map<ServiceEdge, EdgeStats> delta = new TreeMap<>(contribution);
        if (old != null) {
            old.contribution().forEach((edge, stats) -> delta.merge(edge, EdgeStats.ZERO.minus(stats), EdgeStats::plus));
        }
        delta.values().removeIf(EdgeStats::isZero);
        return new Pending(key, ids, new Finalization(next, old == null ? null : old.version()), delta);
    }

    /**
     * Packs the settled traces into commits of at most {@link FinalizeCommit#MAX_ITEMS} items.
     * When a commit's condition fails for some traces, nothing of it applied: those traces go back
     * to the queue and the commit is retried without them.
     */
    private int commitAll(List<Pending> ready, List<String> failed, List<String> problems) {
        int committed = 0;
        List<Pending> pack = new ArrayList<>();
        // Keyed as commitsFor merges them: one edge of two tenants is two items.
        Set<List<Object>> packEdges = new HashSet<>();
        for (Pending p : ready) {
            Set<List<Object>> added = edgeKeys(p);
            added.removeAll(packEdges);
            if (!pack.isEmpty() && pack.size() + packEdges.size() + 1 + added.size() > FinalizeCommit.MAX_ITEMS) {
                committed += commitPack(pack, failed, problems);
                pack.clear();
                packEdges.clear();
            }
            pack.add(p);
            packEdges.addAll(edgeKeys(p));
        }
        if (!pack.isEmpty()) committed += commitPack(pack, failed, problems);
        return committed;
    }

    private static Set<List<Object>> edgeKeys(Pending p) {
        Set<List<Object>> keys = new HashSet<>();
        for (ServiceEdge edge : p.delta.keySet()) keys.add(edgeKey(p, edge));
        return keys;
    }

    private static List<Object> edgeKey(Pending p, ServiceEdge edge) {
        return List.of(p.key.tenant(), edge);
    }

    private int commitPack(List<Pending> pack, List<String> failed, List<String> problems) {
        List<Pending> remaining = new ArrayList<>(pack);
        while (!remaining.isEmpty()) {
            List<FinalizeCommit> commits = commitsFor(remaining);
            Set<TraceKey> conflicts;
            try {
                conflicts = index.commit(commits.get(0));
                // Only a trace with more edges than one commit holds needs more: plain edge adds
                // whose summary is already committed.
                for (int i = 1; i < commits.size() && conflicts.isEmpty(); i++) index.commit(commits.get(i));
            } catch (RuntimeException e) {
                for (Pending p : remaining) failed.addAll(p.messageIds);
                note(problems, "commit of " + remaining.size() + " traces: " + e.getMessage());
                return pack.size() - remaining.size();
            }
            if (conflicts.isEmpty()) return remaining.size();
            List<Pending> next = new ArrayList<>();
            for (Pending p : remaining) {
                if (conflicts.contains(p.key)) {
                    failed.addAll(p.messageIds);
                    note(problems, "trace " + p.key + " was finalized concurrently; it will be retried");
                } else {
                    next.add(p);
                }
            }
            if (next.size() == remaining.size()) { // a conflict naming no trace of ours: give all back
                for (Pending p : remaining) failed.addAll(p.messageIds);
                return pack.size() - remaining.size();
            }
            remaining = next;
        }
        return 0;
    }

    /** Normally one commit; more only when one trace alone has more edges than a commit holds. */
    private static List<FinalizeCommit> commitsFor(List<Pending> pack) {
        List<Finalization> finalizations = new ArrayList<>();
        Map<List<Object>, EdgeCount> edges = new LinkedHashMap<>();
        for (Pending p : pack) {
            finalizations.add(p.finalization);
            p.delta.forEach((edge, stats) -> edges.merge(edgeKey(p, edge),
                    new EdgeCount(p.key.tenant(), edge, stats),
                    (a, b) -> new EdgeCount(a.tenant(), a.edge(), a.stats().plus(b.stats()))));
        }
        List<EdgeCount> deltas = new ArrayList<>(edges.values());
        deltas.removeIf(d -> d.stats().isZero());
        List<FinalizeCommit> commits = new ArrayList<>();
        int room = FinalizeCommit.MAX_ITEMS - finalizations.size();
        commits.add(new FinalizeCommit(finalizations, deltas.subList(0, Math.min(room, deltas.size()))));
        for (int i = room; i < deltas.size(); i += FinalizeCommit.MAX_ITEMS) {
            commits.add(new FinalizeCommit(List.of(), deltas.subList(i, Math.min(deltas.size(), i + FinalizeCommit.MAX_ITEMS))));
        }
        return commits;
    }

    /** Resolves links into other traces by reading them, a bounded number per trace. */
    private final class LinkedTraces implements ServiceGraphExtractor.LinkedSpans {
        private final String tenant;
        private final TraceId self;
        private final Map<TraceId, Optional<CombinedTrace>> read = new HashMap<>();

        LinkedTraces(String tenant, TraceId self) {
            this.tenant = tenant;
            this.self = self;
        }

        @Override
        public Optional<String> serviceOf(TraceId trace, long spanId) {
            if (trace.equals(self)) return Optional.empty();
            Optional<CombinedTrace> t = read.get(trace);
            if (t == null) {
                if (read.size() >= settings.maxLinkedTraces()) return Optional.empty();
                t = reader.trace(new TraceKey(tenant, trace));
                read.put(trace, t);
            }
            return t.flatMap(c -> c.spans().stream().filter(s -> s.spanId() == spanId).findFirst())
                    .map(TraceSummarizer::serviceOf);
        }
    }

    private record Pending(TraceKey key, List<String> messageIds, Finalization finalization,
            Map<ServiceEdge, EdgeStats> delta) {}
}
