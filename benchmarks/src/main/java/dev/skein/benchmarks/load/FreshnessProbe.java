package dev.skein.benchmarks.load;

import dev.skein.benchmarks.query.LatencySamples;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long after its export returned a trace reads back whole: sampled traces are polled by ID, a
 * sweep over all pending ones at most every {@value #SWEEP_MILLIS} ms, up to {@value #READERS}
 * reads at a time (one at a time, a long backlog of pending traces would make a sweep slower than
 * the server), and the time from the end of the export to the end of the first read that found
 * every span is recorded. The figure is an upper bound by up to one sweep.
 */
final class FreshnessProbe {
    static final long SWEEP_MILLIS = 50;
    static final int READERS = 4;

    private record Pending(String traceIdHex, int spans, long exportEndNanos) {}

    private final LoadTarget target;
    private final HttpClient http;
    private final ConcurrentLinkedQueue<Pending> incoming = new ConcurrentLinkedQueue<>();
    private final List<Pending> pending = new ArrayList<>();
    private final LatencySamples freshness = new LatencySamples();
    private final ExecutorService readers = Executors.newFixedThreadPool(READERS, r -> {
        Thread t = new Thread(r, "freshness-read");
        t.setDaemon(true);
        return t;
    });
    private final Thread poller;
    private volatile boolean stopping;
    private volatile long drainEndNanos = Long.MAX_VALUE;
    private final AtomicInteger failedReads = new AtomicInteger();

    FreshnessProbe(LoadTarget target, HttpClient http) {
        this.target = target;
        this.http = http;
        this.poller = new Thread(this::poll, "freshness-probe");
        poller.setDaemon(true);
        poller.start();
    }

    /** A trace whose export returned at {@code exportEndNanos} (System.nanoTime). */
    void watch(String traceIdHex, int spans, long exportEndNanos) {
        incoming.add(new Pending(traceIdHex, spans, exportEndNanos));
    }

    /**
     * Keeps polling until every watched trace was read or {@code drain} has passed, then stops.
     *
     * @return the traces never found whole
     */
    int finish(Duration drain) throws InterruptedException {
        drainEndNanos = System.nanoTime() + drain.toNanos();
        stopping = true;
        poller.join();
        readers.shutdownNow();
        return pending.size() + incoming.size();
    }

    /** Export end to readable, after {@link #finish}. */
    LatencySamples freshness() {
        return freshness;
    }

    /** Reads that failed (connection errors, timeouts) rather than answering "not yet". */
    int failedReads() {
        return failedReads.get();
    }

    private void poll() {
        try {
            while (true) {
                long sweepStart = System.nanoTime();
                for (Pending p; (p = incoming.poll()) != null; ) pending.add(p);
                if (stopping && (pending.isEmpty() || sweepStart > drainEndNanos)) return;
                List<Future<Long>> reads = new ArrayList<>();
                for (Pending p : pending) reads.add(readers.submit(() -> readableAt(p)));
                Iterator<Future<Long>> read = reads.iterator();
                for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                    Pending p = it.next();
                    long readableAt = read.next().get();
                    if (readableAt > 0) {
                        freshness.add(readableAt - p.exportEndNanos());
                        it.remove();
                    }
                }
                long rest = SWEEP_MILLIS - (System.nanoTime() - sweepStart) / 1_000_000;
                if (rest > 0) Thread.sleep(rest);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading a sampled trace failed", e.getCause());
        }
    }

    /** When a read found the trace whole (System.nanoTime), or 0 when it did not. */
    private long readableAt(Pending p) throws InterruptedException {
        try {
            return target.readable(http, p.traceIdHex(), p.spans()) ? System.nanoTime() : 0;
        } catch (IOException e) {
            failedReads.incrementAndGet();
            return 0;
        }
    }
}
