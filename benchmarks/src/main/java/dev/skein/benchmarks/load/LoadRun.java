package dev.skein.benchmarks.load;

import dev.skein.benchmarks.load.LoadBatch.WireFormat;
import dev.skein.benchmarks.query.LatencySamples;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One measured run: {@code connections} threads, each posting pre-built batches back to back on a
 * keep-alive connection (closed loop: a thread sends its next batch when the last one returned),
 * first for the warm-up, then for the measured time. Counts what completed within the measured
 * window; one trace every {@value #SAMPLE_MILLIS} ms of it goes to the {@link FreshnessProbe}.
 */
final class LoadRun {
    static final long SAMPLE_MILLIS = 250;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What a run measured.
     *
     * @param requestsByStatus HTTP status, or "error" for a request that got no answer
     * @param failedReads freshness reads that got no answer (counted as "not yet readable")
     * @param cpu CPU seconds per process of the server's tree over the measured window, the root
     *     first; {@code loadGeneratorCpuSeconds} this process's, {@code machineBusySeconds} every
     *     program's on the machine
     */
    record Result(String target, WireFormat format, Duration window, Instant windowStart, Instant windowEnd,
            long acceptedSpans, Map<String, Long> requestsByStatus, LatencySamples requestLatency,
            LatencySamples freshness, int freshnessUnresolved, int failedReads, Map<Long, ProcessCpu.Usage> cpu,
            double loadGeneratorCpuSeconds, double machineBusySeconds) {

        double spansPerSecond() {
            return acceptedSpans / (window.toNanos() / 1e9);
        }
    }

    private final HttpClient http;
    private final int connections;
    private final Duration warmup;
    private final Duration measured;
    private final Duration drain;

    LoadRun(HttpClient http, int connections, Duration warmup, Duration measured, Duration drain) {
        this.http = http;
        this.connections = connections;
        this.warmup = warmup;
        this.measured = measured;
        this.drain = drain;
    }

    Result run(LoadTarget target, WireFormat format, List<LoadBatch> batches) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.ingest(format))
                .header("content-type", format.contentType).timeout(REQUEST_TIMEOUT);
        target.credentials().forEach(request::header);
        FreshnessProbe probe = new FreshnessProbe(target, http);
        Window window = new Window(System.nanoTime() + warmup.toNanos(), measured.toNanos());
        Tally tally = new Tally();
        AtomicLong sendNumber = new AtomicLong();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> send(request, batches, sendNumber, window, tally, probe), "load-" + i);
            t.setDaemon(true);
            senders.add(t);
            t.start();
        }
        Thread.sleep(Math.max(0, (window.start - System.nanoTime()) / 1_000_000));
        Map<Long, ProcessCpu.Usage> cpuBefore = ProcessCpu.tree(target.process().handle());
        double selfBefore = self();
        double machineBefore = ProcessCpu.machineBusySeconds();
        Instant startedAt = Instant.now();
        Thread.sleep(Math.max(0, (window.end - System.nanoTime()) / 1_000_000));
        Map<Long, ProcessCpu.Usage> cpuAfter = ProcessCpu.tree(target.process().handle());
        double selfAfter = self();
        double machineAfter = ProcessCpu.machineBusySeconds();
        Instant endedAt = Instant.now();
        window.over = true;
        for (Thread t : senders) t.join(REQUEST_TIMEOUT.toMillis() + 5_000);
        int unresolved = probe.finish(drain);
        if (tally.acceptedSpans == 0 && tally.requestsByStatus.keySet().stream().anyMatch(s -> s.startsWith("4"))) {
            // A run that measured refusals (a missing key, a quota) would report a figure that means nothing.
            throw new IllegalStateException(target.name() + " refused every " + format.label() + " request: "
                    + tally.requestsByStatus);
        }
        return new Result(target.name(), format, measured, startedAt, endedAt, tally.acceptedSpans,
                tally.requestsByStatus, tally.latency, probe.freshness(), unresolved, probe.failedReads(),
                ProcessCpu.between(cpuBefore, cpuAfter), selfAfter - selfBefore, machineAfter - machineBefore);
    }

    private static double self() {
        return ProcessCpu.read(ProcessHandle.current().pid()).map(ProcessCpu.Usage::seconds).orElse(0.0);
    }

    private void send(HttpRequest.Builder request, List<LoadBatch> batches, AtomicLong sendNumber, Window window,
            Tally tally, FreshnessProbe probe) {
        while (!window.over) {
            long n = sendNumber.getAndIncrement();
            LoadBatch batch = batches.get((int) (n % batches.size()));
            byte[] body = batch.render(n);
            long start = System.nanoTime();
            String status;
            try {
                HttpResponse<Void> r = http.send(request.copy().POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(), HttpResponse.BodyHandlers.discarding());
                status = Integer.toString(r.statusCode());
            } catch (IOException e) {
                status = "error";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long end = System.nanoTime();
            if (!window.contains(end)) continue;
            boolean accepted = status.startsWith("2");
            tally.add(status, accepted ? batch.spans() : 0, end - start);
            if (accepted && window.takeSample(end)) {
                probe.watch(batch.sampleTraceIdHex(n), batch.sampleSpans(), end);
            }
        }
    }

    /** The measured window in System.nanoTime, and when the next freshness sample is due. */
    private static final class Window {
        final long start;
        final long end;
        volatile boolean over;
        private long nextSample;

        Window(long start, long length) {
            this.start = start;
            this.end = start + length;
            this.nextSample = start;
        }

        boolean contains(long nanos) {
            return nanos >= start && nanos < end;
        }

        synchronized boolean takeSample(long nanos) {
            if (nanos < nextSample) return false;
            nextSample = nanos + SAMPLE_MILLIS * 1_000_000;
            return true;
        }
    }

    /** What the senders counted within the window. */
    private static final class Tally {
        final Map<String, Long> requestsByStatus = new TreeMap<>();
        final LatencySamples latency = new LatencySamples();
        long acceptedSpans;

        synchronized void add(String status, int spans, long latencyNanos) {
            requestsByStatus.merge(status, 1L, Long::sum);
            latency.add(latencyNanos);
            acceptedSpans += spans;
        }
    }
}
