package dev.skein.benchmarks.query;

import dev.skein.assembly.AssemblyResult;
import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.TraceAssembler;
import dev.skein.codec.StreamRecordCodec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Stores the synthetic traffic as the pipeline would: its records cut into stream batches of
 * {@code batchRecords} in export order, each batch handed to {@link TraceAssembler#assemble}.
 * Several loaders work at once, each with its own assembler, as concurrent Lambda invocations on
 * different shards would; each generates and stores blocks of {@value #BLOCK_TRACES} traces. A
 * batch whose storage call fails is retried twice, as an event source mapping would; a third
 * failure ends the load.
 */
final class TraceLoader {
    static final int BLOCK_TRACES = 500;
    private static final int ATTEMPTS = 3;

    private final SyntheticTraffic traffic;
    private final Supplier<TraceAssembler> assemblers;
    private final int loaders;
    private final int batchRecords;
    private final PrintStream progress;

    TraceLoader(SyntheticTraffic traffic, Supplier<TraceAssembler> assemblers, int loaders, int batchRecords,
            PrintStream progress) {
        this.traffic = traffic;
        this.assemblers = assemblers;
        this.loaders = loaders;
        this.batchRecords = batchRecords;
        this.progress = progress;
    }

    /**
     * What the load stored and how long it took.
     *
     * @param chunksPerTrace index n: traces whose records were stored by n+1 batches (the last
     *     entry: that many or more); each batch is one chunk of the trace (one pointer, one
     *     ranged read when the trace is looked up)
     */
    record Result(LoadedTraces traces, long records, long batches, long elapsedNanos, long retries,
            long[] chunksPerTrace) {
        double tracesPerSecond() {
            return traces.count() * 1e9 / elapsedNanos;
        }

        double spansPerSecond() {
            return traces.totalSpans() * 1e9 / elapsedNanos;
        }
    }

    Result load() throws InterruptedException {
        int blocks = (traffic.traces() + BLOCK_TRACES - 1) / BLOCK_TRACES;
        AtomicInteger nextBlock = new AtomicInteger();
        AtomicInteger tracesDone = new AtomicInteger();
        AtomicLong records = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        long[] chunks = new long[4];
        List<SyntheticTraffic.Stored> stored = Collections.synchronizedList(new ArrayList<>(traffic.traces()));
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(loaders, r -> {
            Thread t = new Thread(r, "trace-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < loaders; w++) {
                workers.add(pool.submit(() -> {
                    TraceAssembler assembler = assemblers.get();
                    try (StreamRecordCodec.Encoder encoder = new StreamRecordCodec.Encoder(6)) {
                        for (int b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
                            int from = b * BLOCK_TRACES;
                            int to = Math.min(traffic.traces(), from + BLOCK_TRACES);
                            SyntheticTraffic.Block block = traffic.block(from, to, encoder);
                            BlockStats s = store(assembler, block, from);
                            stored.addAll(block.traces());
                            records.addAndGet(block.records().size());
                            batches.addAndGet(s.batches);
                            retries.addAndGet(s.retries);
                            synchronized (chunks) {
                                for (int i = 0; i < chunks.length; i++) chunks[i] += s.chunks[i];
                            }
                            report(tracesDone.addAndGet(to - from), to - from, start);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    throw new IllegalStateException("the load failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long elapsed = System.nanoTime() - start;
        return new Result(new LoadedTraces(stored, traffic), records.get(), batches.get(), elapsed, retries.get(),
                chunks);
    }

    private record BlockStats(long batches, long retries, long[] chunks) {}

    private BlockStats store(TraceAssembler assembler, SyntheticTraffic.Block block, int from) {
        List<SyntheticTraffic.Exported> records = block.records();
        int traces = block.traces().size();
        int[] lastBatch = new int[traces];
        int[] chunks = new int[traces];
        Arrays.fill(lastBatch, -1);
        long batches = 0;
        long retries = 0;
        for (int first = 0; first < records.size(); first += batchRecords) {
            int batch = (int) batches++;
            List<BatchRecord> batchRecords = new ArrayList<>(this.batchRecords);
            for (int i = first; i < Math.min(records.size(), first + this.batchRecords); i++) {
                SyntheticTraffic.Exported r = records.get(i);
                // Sequence numbers unique across blocks: a block holds fewer than 10 records per trace.
                batchRecords.add(new BatchRecord(String.format(Locale.ROOT, "%056d", (long) from * 10 + i),
                        r.arrivalEpochMillis(), r.data()));
                int t = r.trace() - from;
                if (lastBatch[t] != batch) {
                    lastBatch[t] = batch;
                    chunks[t]++;
                }
            }
            retries += assemble(assembler, batchRecords);
        }
        long[] histogram = new long[4];
        for (int c : chunks) histogram[Math.min(c, histogram.length) - 1]++;
        return new BlockStats(batches, retries, histogram);
    }

    /** Assembles one batch, retrying a storage failure; returns the retries it took. */
    private static int assemble(TraceAssembler assembler, List<BatchRecord> batch) {
        for (int attempt = 1; ; attempt++) {
            AssemblyResult result;
            try {
                result = assembler.assemble(batch);
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) throw e;
                continue;
            }
            if (!result.failures().isEmpty()) {
                throw new IllegalStateException("the assembler refused generated records: " + result.failures());
            }
            return attempt - 1;
        }
    }

    private void report(int done, int justDone, long start) {
        int step = Math.max(1, traffic.traces() / 10);
        if (done / step == (done - justDone) / step) return;
        double seconds = (System.nanoTime() - start) / 1e9;
        synchronized (progress) {
            progress.printf(Locale.ROOT, "  stored %,d of %,d traces in %.1f s (%,.0f traces/s)%n", done,
                    traffic.traces(), seconds, done / seconds);
        }
    }
}
