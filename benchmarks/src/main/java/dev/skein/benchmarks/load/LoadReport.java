package dev.skein.benchmarks.load;

import dev.skein.benchmarks.CountOption;
import dev.skein.benchmarks.load.LoadBatch.WireFormat;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Throughput and freshness under load, skein-local beside Zipkin's server (in-memory storage):
 * each as a process of its own, driven over HTTP by {@link LoadRun} with the same pre-built
 * batches, in alternating runs (Skein, Zipkin, Skein, Zipkin) on Zipkin v2 JSON, then one Skein
 * run on OTLP protobuf under a flight recording that says where skein-local's CPU went.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.skein.benchmarks.load.LoadReport --out PATH
 *   --connections K   concurrent keep-alive connections          (default 8)
 *   --seconds T       measured seconds per run                   (default 40)
 *   --quick           one short run of each server: smoke test only
 *   --skein-jar PATH  (default local/target/skein-local.jar)
 *   --zipkin-jar PATH (default benchmarks/target/zipkin-server-exec.jar)
 * </pre>
 *
 * With the defaults the part takes about 8 minutes: five server start-ups, 10 s of warm-up, the
 * measured time and up to 30 s for sampled traces to become readable per run.
 */
public final class LoadReport {
    static final int DEFAULT_CONNECTIONS = 8;
    static final int DEFAULT_SECONDS = 40;
    static final int BATCH_SPANS = 512;
    static final String FRESHNESS_GOAL = "p99 export → readable ≤ 2 s";

    /** One server process and the runs made on it, in order. */
    record Session(boolean skein, List<Step> steps) {}

    /** A run on a session's server; {@code profiled} runs under a flight recording. */
    record Step(WireFormat format, boolean profiled) {}

    record Options(Path out, boolean quick, int connections, int seconds, Path skeinJar, Path zipkinJar) {
        Duration warmup() {
            return Duration.ofSeconds(quick ? 1 : 10);
        }

        Duration drain() {
            return Duration.ofSeconds(quick ? 5 : 30);
        }

        int batchTemplates() {
            return quick ? 2 : 16;
        }

        /**
         * A B A B on Zipkin JSON, then Skein on OTLP protobuf under JFR. --quick: one server
         * process of each, the Skein one also running the profiled OTLP run.
         */
        List<Session> plan() {
            Step zipkinJson = new Step(WireFormat.ZIPKIN_JSON, false);
            Step profiledOtlp = new Step(WireFormat.OTLP_PROTO, true);
            if (quick) {
                return List.of(new Session(true, List.of(zipkinJson, profiledOtlp)),
                        new Session(false, List.of(zipkinJson)));
            }
            return List.of(new Session(true, List.of(zipkinJson)), new Session(false, List.of(zipkinJson)),
                    new Session(true, List.of(zipkinJson)), new Session(false, List.of(zipkinJson)),
                    new Session(true, List.of(profiledOtlp)));
        }
    }

    private LoadReport() {}

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(o);
        } catch (IllegalStateException e) {
            System.err.println("load: could not run: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(Options o) throws Exception {
        long nowNanos = System.currentTimeMillis() * 1_000_000L;
        List<LoadBatch> zipkinBatches = batches(WireFormat.ZIPKIN_JSON, o.batchTemplates(), nowNanos);
        List<LoadBatch> otlpBatches = batches(WireFormat.OTLP_PROTO, o.batchTemplates(), nowNanos);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        LoadRun load = new LoadRun(http, o.connections(), o.warmup(), Duration.ofSeconds(o.seconds()), o.drain());
        List<LoadRun.Result> results = new ArrayList<>();
        Optional<JfrProfile> profile = Optional.empty();
        Path recording = Files.createTempFile("skein-load-", ".jfr");
        try {
            for (Session session : o.plan()) {
                boolean profiled = session.steps().stream().anyMatch(Step::profiled);
                List<String> jvm = profiled ? List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,"
                        + "filename=" + recording) : List.of();
                System.out.printf(Locale.ROOT, "load: starting %s%n", session.skein() ? "skein-local" : "zipkin-server");
                LoadRun.Result profiledRun = null;
                try (LoadTarget target = session.skein() ? SkeinLocalTarget.start(o.skeinJar(), jvm)
                        : ZipkinServerTarget.start(o.zipkinJar(), http)) {
                    for (Step step : session.steps()) {
                        List<LoadBatch> batches = step.format() == WireFormat.OTLP_PROTO ? otlpBatches : zipkinBatches;
                        LoadRun.Result r = load.run(target, step.format(), batches);
                        System.out.println("load: " + LoadSection.oneLine(r));
                        results.add(r);
                        if (step.profiled()) profiledRun = r;
                    }
                }
                if (profiledRun != null) {
                    profile = Optional.of(JfrProfile.read(recording, profiledRun.windowStart(), profiledRun.windowEnd()));
                }
            }
        } finally {
            Files.deleteIfExists(recording);
        }
        LoadSection section = new LoadSection(o, results, profile, zipkinBatches, otlpBatches);
        Files.writeString(o.out(), section.markdown());
        Files.writeString(Path.of(o.out() + ".goals.tsv"), section.goals());
        System.out.println("load: wrote " + o.out());
    }

    private static List<LoadBatch> batches(WireFormat format, int count, long nowNanos) {
        List<LoadBatch> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) out.add(LoadBatch.build(format, i, BATCH_SPANS, nowNanos));
        return out;
    }

    static Options parse(String[] args) {
        Path out = null;
        boolean quick = false;
        int connections = DEFAULT_CONNECTIONS;
        Integer seconds = null;
        Path skeinJar = firstExisting(Path.of("local", "target", "skein-local.jar"));
        Path zipkinJar = firstExisting(Path.of("benchmarks", "target", "zipkin-server-exec.jar"));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--quick" -> quick = true;
                case "--connections" -> connections = CountOption.parse(a, value(args, ++i, a), 1);
                case "--seconds" -> seconds = CountOption.parse(a, value(args, ++i, a), 1);
                case "--skein-jar" -> skeinJar = Path.of(value(args, ++i, a));
                case "--zipkin-jar" -> zipkinJar = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a + "; options: --out PATH"
                        + " [--quick] [--connections K] [--seconds T] [--skein-jar PATH] [--zipkin-jar PATH]");
            }
        }
        if (out == null) throw new IllegalArgumentException("--out PATH is required");
        return new Options(out, quick, quick ? Math.min(connections, 2) : connections,
                seconds != null ? seconds : quick ? 2 : DEFAULT_SECONDS, skeinJar, zipkinJar);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    /**
     * {@code fromRoot} as seen from the repository's root (the report's command), from a sibling
     * module's directory or from its own module's (Maven's tests), whichever exists; as given
     * when none does, so that the error names the path the command expects.
     */
    private static Path firstExisting(Path fromRoot) {
        return Stream.of(fromRoot, Path.of("..").resolve(fromRoot), fromRoot.subpath(1, fromRoot.getNameCount()))
                .filter(Files::isRegularFile).findFirst().orElse(fromRoot);
    }
}
