package dev.skein.benchmarks.load;

import dev.skein.benchmarks.Goal;
import dev.skein.benchmarks.load.LoadBatch.WireFormat;
import dev.skein.benchmarks.query.LatencySamples;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The load part's section of the performance report, and its goal line, from the runs made. */
final class LoadSection {
    private static final double FRESHNESS_TARGET_MILLIS = 2_000;
    private static final int TOP_FRAMES = 10;

    private final LoadReport.Options options;
    private final List<LoadRun.Result> runs;
    private final Optional<JfrProfile> profile;
    private final List<LoadBatch> zipkinBatches;
    private final List<LoadBatch> otlpBatches;

    LoadSection(LoadReport.Options options, List<LoadRun.Result> runs, Optional<JfrProfile> profile,
            List<LoadBatch> zipkinBatches, List<LoadBatch> otlpBatches) {
        this.options = options;
        this.runs = runs;
        this.profile = profile;
        this.zipkinBatches = zipkinBatches;
        this.otlpBatches = otlpBatches;
    }

    /** A run in one line, for the progress output. */
    static String oneLine(LoadRun.Result r) {
        return String.format(Locale.ROOT, "%s %s: %,.0f spans/s, requests %s, latency p50 %s p99 %s,"
                + " freshness p50 %s p99 %s (%d samples, %d unresolved, %d failed reads)", r.target(), r.format().label(),
                r.spansPerSecond(), r.requestsByStatus(), millis(r.requestLatency(), 50), millis(r.requestLatency(), 99),
                millis(r.freshness(), 50), millis(r.freshness(), 99), r.freshness().count(), r.freshnessUnresolved(), r.failedReads());
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Load: throughput and freshness, skein-local beside Zipkin's server\n\n");
        md.append(String.format(Locale.ROOT, """
                What: spans per second a server accepts over HTTP under a closed-loop load, the request \
                latency, and how long after an export returns its trace reads back whole by ID \
                (freshness). Measured on %s, %d CPUs, %s %s%s.

                How: %d keep-alive connections (one thread each, HTTP/1.1) post batches back to back; \
                %d s of warm-up, then %d s measured; a request counts when it completes within the \
                measured window, its spans as accepted when the status is 2xx. Batches: the shared \
                fixture `OtlpFixtures` (%d seeds, %d spans each: 6 services, traces of 1–30 spans, about \
                20 attributes per span), built and encoded before timing, timestamped to the run's start; \
                each send changes the trace IDs, so every request carries new traces (Zipkin JSON %,d \
                bytes, OTLP protobuf %,d bytes per batch on average). Freshness: one trace of an accepted \
                batch every %d ms of the window, polled by ID every %d ms until every span is there (Skein: \
                `GET /api/traces/{id}` on the API port, answered with `skein-trace-partial: false`; Zipkin: \
                `GET /api/v2/trace/{id}`), up to %d s after the window; export end to the end of the first \
                read that found it whole. Each run is a fresh server process: skein-local from \
                `local/target/skein-local.jar --no-persist` (Kinesis emulator as a child `node` process, \
                DynamoDB Local, S3Proxy and ElasticMQ in its JVM, default heap), Zipkin's server 3.6.1 \
                with `STORAGE_TYPE=mem`; runs alternate Skein, Zipkin, Skein, Zipkin on Zipkin v2 JSON, \
                which both take; then Skein alone on OTLP protobuf, under a flight recording. The load \
                generator shares the machine's cores with the server.

                """, LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                options.quick() ? " (--quick: tiny scale, the figures mean nothing)" : "",
                options.connections(), options.warmup().toSeconds(), options.seconds(), options.batchTemplates(),
                LoadReport.BATCH_SPANS, averageBytes(zipkinBatches), averageBytes(otlpBatches), LoadRun.SAMPLE_MILLIS,
                FreshnessProbe.SWEEP_MILLIS, options.drain().toSeconds()));

        md.append("| run | server | format | spans/s | requests by status | request p50 / p99 ms |"
                + " freshness p50 / p99 ms | samples (unresolved) | CPU cores: server JVM / its children /"
                + " load generator / whole machine |\n");
        md.append("|---|---|---|---:|---|---:|---:|---:|---|\n");
        for (int i = 0; i < runs.size(); i++) {
            LoadRun.Result r = runs.get(i);
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %,.0f | %s | %s / %s | %s / %s | %d (%d) | %s |\n",
                    i + 1, r.target(), r.format().label(), r.spansPerSecond(), statuses(r),
                    millis(r.requestLatency(), 50), millis(r.requestLatency(), 99), millis(r.freshness(), 50),
                    millis(r.freshness(), 99), r.freshness().count(), r.freshnessUnresolved(), cores(r)));
        }
        md.append('\n');
        md.append(ratios());
        md.append(bounds());
        return md.toString();
    }

    String goals() {
        return new Goal(LoadReport.FRESHNESS_GOAL, "≤ 2 s", freshnessMeasured(), freshnessMet()).tsvLine() + "\n";
    }

    /** Skein/Zipkin spans/s of each Skein run and the Zipkin run right after it, on Zipkin JSON. */
    private String ratios() {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < runs.size(); i++) {
            LoadRun.Result a = runs.get(i);
            LoadRun.Result b = runs.get(i + 1);
            if (isSkein(a) && !isSkein(b) && a.format() == WireFormat.ZIPKIN_JSON && b.format() == WireFormat.ZIPKIN_JSON
                    && b.spansPerSecond() > 0) {
                pairs.add(String.format(Locale.ROOT, "runs %d/%d: %.2f", i + 1, i + 2, a.spansPerSecond() / b.spansPerSecond()));
            }
        }
        if (pairs.isEmpty()) return "";
        return "Skein/Zipkin accepted spans/s on Zipkin v2 JSON, adjacent pairs: " + String.join("; ", pairs)
                + ".\n\n";
    }

    private String bounds() {
        StringBuilder md = new StringBuilder("### What bounds skein-local's figure\n\n");
        List<LoadRun.Result> skein = runs.stream().filter(LoadSection::isSkein).toList();
        for (LoadRun.Result r : skein) {
            md.append(String.format(Locale.ROOT, "- run %d (%s): %s\n", runs.indexOf(r) + 1, r.format().label(),
                    cpuDetail(r)));
        }
        md.append('\n');
        profile.ifPresent(p -> {
            md.append(String.format(Locale.ROOT, "skein-local's JVM during the %s run, %,d execution samples of its"
                    + " flight recording (`settings=profile`; Java code only, not the `node` child):\n\n",
                    WireFormat.OTLP_PROTO.label(), p.samples()));
            md.append("| top frame | share |\n|---|---:|\n");
            p.topFrames().entrySet().stream().limit(TOP_FRAMES).forEach(e -> md.append(String.format(Locale.ROOT,
                    "| `%s` | %.1f %% |\n", e.getKey(), share(e.getValue(), p.samples()))));
            md.append("\n| component (first non-JDK frame from the top) | share |\n|---|---:|\n");
            p.components().forEach((c, n) -> md.append(String.format(Locale.ROOT, "| %s | %.1f %% |\n", c,
                    share(n, p.samples()))));
            md.append('\n');
        });
        md.append(boundSentence(skein)).append("\n");
        return md.toString();
    }

    /** Which process used the cores during Skein's runs, and what the recording says inside the JVM. */
    private String boundSentence(List<LoadRun.Result> skein) {
        if (skein.isEmpty()) return "";
        double jvm = 0;
        double children = 0;
        double generator = 0;
        double machine = 0;
        double seconds = 0;
        for (LoadRun.Result r : skein) {
            jvm += serverJvmSeconds(r);
            children += childSeconds(r);
            generator += r.loadGeneratorCpuSeconds();
            machine += r.machineBusySeconds();
            seconds += r.window().toNanos() / 1e9;
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        double busy = machine / seconds;
        double ours = (jvm + children + generator) / seconds;
        String saturation = busy >= 0.85 * cpus
                ? String.format(Locale.ROOT, "the %d cores were saturated (%.2f busy on average, %.2f of it skein-local"
                        + " and the load generator, the rest other programs)", cpus, busy, ours)
                : String.format(Locale.ROOT, "the %d cores were not saturated (%.2f busy on average), so waiting"
                        + " rather than CPU bounded the figure", cpus, busy);
        String inside = profile.map(p -> p.components().entrySet().stream().limit(3)
                .map(e -> String.format(Locale.ROOT, "%s %.0f %%", e.getKey(), share(e.getValue(), p.samples())))
                .collect(Collectors.joining(", ", "; inside the JVM the samples went to ", ""))).orElse("");
        return String.format(Locale.ROOT, "Over Skein's runs %s: skein-local's JVM %.2f cores, its child processes"
                + " (the Kinesis emulator) %.2f, the load generator %.2f%s. The local figure is the emulators'"
                + " and one machine's, not the cloud's: in AWS, ingest, the stream, the assembler and the"
                + " stores each scale on their own.\n", saturation, jvm / seconds, children / seconds,
                generator / seconds, inside);
    }

    private String freshnessMeasured() {
        Optional<LoadRun.Result> worst = worstSkeinFreshness();
        if (worst.isEmpty()) return "not measured: no Skein run sampled a trace";
        LoadRun.Result r = worst.get();
        if (unresolvedTooMany(r)) {
            return String.format(Locale.ROOT, "> %d s: %d of %d sampled traces not readable (run %d)",
                    options.drain().toSeconds(), r.freshnessUnresolved(),
                    r.freshness().count() + r.freshnessUnresolved(), runs.indexOf(r) + 1);
        }
        return String.format(Locale.ROOT, "%.2f s (worst Skein run, %d, %d samples)",
                r.freshness().percentileMillis(99) / 1000, runs.indexOf(r) + 1, r.freshness().count());
    }

    private Goal.Met freshnessMet() {
        Optional<LoadRun.Result> worst = worstSkeinFreshness();
        if (worst.isEmpty()) return Goal.Met.NOT_MEASURED;
        LoadRun.Result r = worst.get();
        return Goal.Met.of(!unresolvedTooMany(r) && r.freshness().percentileMillis(99) <= FRESHNESS_TARGET_MILLIS);
    }

    /** The Skein run with unresolved samples beyond 1 %, else the one with the highest p99. */
    private Optional<LoadRun.Result> worstSkeinFreshness() {
        List<LoadRun.Result> sampled = runs.stream().filter(LoadSection::isSkein)
                .filter(r -> r.freshness().count() + r.freshnessUnresolved() > 0).toList();
        Optional<LoadRun.Result> unresolved = sampled.stream().filter(this::unresolvedTooMany).findFirst();
        if (unresolved.isPresent()) return unresolved;
        return sampled.stream().filter(r -> r.freshness().count() > 0)
                .max((a, b) -> Double.compare(a.freshness().percentileMillis(99), b.freshness().percentileMillis(99)));
    }

    /** More than 1 % unresolved: the 99th percentile lies beyond the drain time. */
    private boolean unresolvedTooMany(LoadRun.Result r) {
        return r.freshnessUnresolved() * 100 > r.freshness().count() + r.freshnessUnresolved();
    }

    private static boolean isSkein(LoadRun.Result r) {
        return r.target().equals("skein-local");
    }

    private static String statuses(LoadRun.Result r) {
        return r.requestsByStatus().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String cores(LoadRun.Result r) {
        double s = r.window().toNanos() / 1e9;
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f", serverJvmSeconds(r) / s, childSeconds(r) / s,
                r.loadGeneratorCpuSeconds() / s, r.machineBusySeconds() / s);
    }

    private static String cpuDetail(LoadRun.Result r) {
        double s = r.window().toNanos() / 1e9;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Long, ProcessCpu.Usage> e : r.cpu().entrySet()) {
            parts.add(String.format(Locale.ROOT, "%s (pid %d) %.1f s", e.getValue().command(), e.getKey(),
                    e.getValue().seconds()));
        }
        return String.format(Locale.ROOT, "CPU over the %.0f s window: %s; load generator %.1f s; whole machine"
                + " %.1f s; %d freshness reads failed", s, String.join(", ", parts), r.loadGeneratorCpuSeconds(),
                r.machineBusySeconds(), r.failedReads());
    }

    /** The root of the server's tree comes first in {@link ProcessCpu#tree}. */
    private static double serverJvmSeconds(LoadRun.Result r) {
        return r.cpu().values().stream().findFirst().map(ProcessCpu.Usage::seconds).orElse(0.0);
    }

    private static double childSeconds(LoadRun.Result r) {
        return r.cpu().values().stream().skip(1).mapToDouble(ProcessCpu.Usage::seconds).sum();
    }

    private static String millis(LatencySamples s, double percent) {
        return s.count() == 0 ? "–" : String.format(Locale.ROOT, "%,.0f", s.percentileMillis(percent));
    }

    private static double share(int n, int of) {
        return of == 0 ? 0 : 100.0 * n / of;
    }

    private static long averageBytes(List<LoadBatch> batches) {
        return (long) batches.stream().mapToInt(b -> b.body().length).average().orElse(0);
    }
}
