package dev.skein.finalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.model.SpanKind;
import dev.skein.query.TraceReader;
import dev.skein.storage.CatalogueRecord;
import dev.skein.storage.FinalizeCommit;
import dev.skein.storage.InMemoryStorage;
import dev.skein.storage.IndexWriter;
import dev.skein.storage.MovableClock;
import dev.skein.storage.SearchPageRef;
import dev.skein.storage.TimerMessage;
import dev.skein.storage.TraceBuilder;
import dev.skein.storage.TraceKey;
import dev.skein.storage.TracePointer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceFinalizerTest {

    /** The in-memory index, remembering every commit it was given. */
    static final class RecordingIndex implements IndexWriter {
        final InMemoryStorage inner;
        final List<FinalizeCommit> commits = new ArrayList<>();

        RecordingIndex(InMemoryStorage inner) {
            this.inner = inner;
        }

        @Override
        public void putPointers(List<TracePointer> pointers) {
            inner.putPointers(pointers);
        }

        @Override
        public void putSearchRefs(List<SearchPageRef> refs) {
            inner.putSearchRefs(refs);
        }

        @Override
        public void putCatalogue(List<? extends CatalogueRecord> entries) {
            inner.putCatalogue(entries);
        }

        @Override
        public Set<TraceKey> commit(FinalizeCommit commit) {
            commits.add(commit);
            return inner.commit(commit);
        }
    }

    @Test
    void tracesOfSeveralTenantsWithTheSameEdges_arePackedSoEveryCommitCarriesItsSummaries() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-25T12:00:00Z"));
        InMemoryStorage storage = new InMemoryStorage(clock);
        PipelineSettings settings = PipelineSettings.DEFAULTS;
        TraceAssembler assembler = new TraceAssembler(storage, storage, storage, settings, clock);
        List<BatchRecord> batch = new ArrayList<>();
        long sequence = 0;
        for (String tenant : List.of("a", "b", "c")) {
            // 40 edges, the same in each tenant: web calls 40 services.
            TraceBuilder t = TraceBuilder.trace(clock.millis() - 60_000);
            t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 100);
            for (int i = 0; i < 40; i++) t.span(i + 2, 1, "svc" + i, "op", SpanKind.SERVER, 1, 10);
            for (byte[] r : TraceBuilder.records(tenant, t.spans())) {
                batch.add(new BatchRecord(String.format("%056d", ++sequence), clock.millis(), r));
            }
        }
        assembler.assemble(batch);
        clock.advance(Duration.ofMinutes(1));
        RecordingIndex index = new RecordingIndex(storage);
        TraceFinalizer finalizer = new TraceFinalizer(new TraceReader(storage, storage, settings), index, storage,
                settings, clock);

        List<TimerMessage> due = storage.receiveDue();
        FinalizeResult result = finalizer.finalizeTraces(due);

        assertThat(due).hasSize(3);
        assertThat(result.failedMessageIds()).isEmpty();
        assertThat(index.commits).allSatisfy(c -> {
            assertThat(c.finalizations()).isNotEmpty(); // no edge-only commit that could not be repeated
            assertThat(c.finalizations().size() + c.edgeDeltas().size()).isLessThanOrEqualTo(FinalizeCommit.MAX_ITEMS);
        });
        assertThat(index.commits.stream().mapToInt(c -> c.edgeDeltas().size()).sum()).isEqualTo(120);
    }
}
