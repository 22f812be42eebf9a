package dev.skein.benchmarks.query;

import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.aws.UsageMeter;
import dev.skein.aws.UsageSnapshot;
import dev.skein.aws.dynamodb.DynamoIndexSettings;
import dev.skein.aws.dynamodb.DynamoTraceIndex;
import dev.skein.aws.s3.S3SpanArchive;
import dev.skein.query.QueryLimits;
import dev.skein.query.QueryService;
import dev.skein.query.TraceReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Query latency with a realistic amount of data stored: loads synthetic traffic
 * ({@link SyntheticTraffic}, 100,000 traces by default) through the trace assembler into DynamoDB
 * and S3 with the AWS adapters, then times trace-by-ID lookups and searches through the query
 * service, one at a time, and prints percentiles. See docs/benchmarks.md.
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.skein.benchmarks.query.QueryLatencyHarness [options]
 * </pre>
 *
 * The exit status is 1 when an answer did not hold the spans its trace was stored with, 2 for a
 * bad option.
 */
public final class QueryLatencyHarness {
    private static final long HOUR_NANOS = 3_600_000_000_000L;

    /** What a run measured. */
    record Report(TraceLoader.Result load, long timersDiscarded, List<QueryScenarios.Outcome> outcomes) {
        long problemCount() {
            long n = 0;
            for (QueryScenarios.Outcome o : outcomes) n += o.problemCount();
            return n;
        }
    }

    private QueryLatencyHarness() {}

    public static void main(String[] args) throws Exception {
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(HarnessOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(HarnessOptions.USAGE);
            return;
        }
        Report report = run(options, System.out);
        // DynamoDB Local and the SDK may leave threads behind; the figures are printed.
        System.exit(report.problemCount() == 0 ? 0 : 1);
    }

    static Report run(HarnessOptions options, PrintStream out) throws InterruptedException {
        PipelineSettings settings = PipelineSettings.DEFAULTS;
        out.println();
        out.println("Skein query latency, " + String.format(Locale.ROOT, "%,d", options.traces) + " traces stored");
        out.println(machine());
        try (StorageUnderTest storage = StorageUnderTest.start()) {
            out.println("storage: " + storage.description() + "; table " + storage.table() + ", bucket "
                    + storage.bucket());

            long now = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli() * 1_000_000L;
            long spread = options.hours * HOUR_NANOS;
            SyntheticTraffic traffic = new SyntheticTraffic(options.seed, options.traces, options.largeTraces,
                    now - spread, spread);
            out.printf(Locale.ROOT, "traffic: %,d traces of %d spans over %d of %d services and %,d of %,d spans"
                            + " over %d; start times over the %d hours before %s; %d%% of traces fail in one"
                            + " service%n", options.traces - options.largeTraces, SyntheticTraffic.NORMAL_SPANS,
                    SyntheticTraffic.NORMAL_SERVICES, SyntheticTraffic.SERVICES.size(), options.largeTraces,
                    SyntheticTraffic.LARGE_SPANS, SyntheticTraffic.LARGE_SERVICES, options.hours,
                    Instant.ofEpochMilli(now / 1_000_000), SyntheticTraffic.ERROR_PERCENT);

            UsageMeter loadMeter = new UsageMeter();
            S3SpanArchive loadArchive = new S3SpanArchive(storage.s3Clients().s3(), storage.bucket(), loadMeter);
            DynamoTraceIndex loadIndex = new DynamoTraceIndex(storage.dynamoDbClients().dynamoDb(), storage.table(),
                    loadMeter, DynamoIndexSettings.of(settings));
            DiscardingTimerQueue timers = new DiscardingTimerQueue();
            out.printf(Locale.ROOT, "load: stream batches of %d records, %d assembled at once%n", options.batchRecords,
                    options.loaders);
            TraceLoader.Result load = new TraceLoader(traffic,
                    () -> new TraceAssembler(loadArchive, loadIndex, timers, settings, Clock.systemUTC()),
                    options.loaders, options.batchRecords, out).load();
            printLoad(out, load, loadMeter.snapshot(), timers.scheduled());

            UsageMeter queryMeter = new UsageMeter();
            S3SpanArchive archive = new S3SpanArchive(storage.s3Clients().s3(), storage.bucket(), queryMeter);
            DynamoTraceIndex index = new DynamoTraceIndex(storage.dynamoDbClients().dynamoDb(), storage.table(),
                    queryMeter, DynamoIndexSettings.of(settings));
            List<QueryScenarios.Outcome> outcomes = new ArrayList<>();
            try (QueryService service = new QueryService(new TraceReader(archive, index, settings), index,
                    QueryLimits.DEFAULTS, List.of())) {
                QueryScenarios scenarios = new QueryScenarios(service, queryMeter, load.traces(), options.seed);
                outcomes.add(scenarios.traceById("trace by ID, " + SyntheticTraffic.NORMAL_SPANS + " spans",
                        load.traces().normal(), options.warmup, options.idLookups));
                if (!load.traces().large().isEmpty()) {
                    outcomes.add(scenarios.traceById(String.format(Locale.ROOT, "trace by ID, %,d spans",
                            SyntheticTraffic.LARGE_SPANS), load.traces().large(), options.warmup,
                            options.largeIdLookups));
                }
                for (QueryScenarios.Search kind : QueryScenarios.Search.values()) {
                    outcomes.add(scenarios.search(kind, options.warmup, options.searches));
                }
                for (QueryScenarios.Search kind : QueryScenarios.Search.values()) {
                    outcomes.add(scenarios.searchSummaries(kind, options.warmup, options.searches));
                }
            }
            Report report = new Report(load, timers.scheduled(), outcomes);
            printLatencies(out, options, report);
            return report;
        }
    }

    private static String machine() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s; JDK %s (%s, %s); %d CPUs; max heap %,d MB; %s %s; load average %.2f",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.vendor"), rt.availableProcessors(),
                rt.maxMemory() / (1024 * 1024), System.getProperty("os.name"), System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void printLoad(PrintStream out, TraceLoader.Result load, UsageSnapshot usage, long timers) {
        LoadedTraces traces = load.traces();
        out.printf(Locale.ROOT, "load: %,d traces, %,d spans in %.1f s: %,.0f traces/s, %,.0f spans/s%n",
                traces.count(), traces.totalSpans(), load.elapsedNanos() / 1e9, load.tracesPerSecond(),
                load.spansPerSecond());
        out.printf(Locale.ROOT, "  %,d records in %,d batches, %,d batches retried%n", load.records(), load.batches(),
                load.retries());
        long[] chunks = load.chunksPerTrace();
        out.printf(Locale.ROOT, "  stored in 1 / 2 / 3 / 4+ batches (chunks per trace): %.1f%% / %.1f%% / %.1f%% /"
                        + " %.1f%% of traces%n", percent(chunks[0], traces.count()), percent(chunks[1], traces.count()),
                percent(chunks[2], traces.count()), percent(chunks[3], traces.count()));
        out.printf(Locale.ROOT, "  writes: S3 %,d PUTs (%,.1f MB), DynamoDB %s, %,.0f write units%n",
                usage.s3PutRequests(), usage.s3BytesWritten() / 1e6, usage.dynamoDbRequests(),
                usage.dynamoDbWriteUnits());
        out.printf(Locale.ROOT, "  finalize timers: %,d scheduled and discarded; no finalizer runs, so no summaries"
                + " or service graph are stored (trace by ID and search do not read them)%n", timers);
    }

    private static double percent(long part, long whole) {
        return 100.0 * part / whole;
    }

    private static void printLatencies(PrintStream out, HarnessOptions options, Report report) {
        out.println();
        out.printf(Locale.ROOT, "query latency in ms, one lookup at a time, after %d unmeasured lookups of each"
                + " kind; searches over a random 1-hour window, limit %d%n", options.warmup,
                QueryScenarios.SEARCH_LIMIT);
        out.printf(Locale.ROOT, "%-60s %6s %8s %8s %8s %8s %8s %7s %6s%n", "lookup", "count", "p50", "p90", "p99",
                "max", "DDB req", "S3 GET", "hits");
        long checked = 0;
        for (QueryScenarios.Outcome o : report.outcomes()) {
            LatencySamples l = o.latency();
            UsageSnapshot u = o.usage();
            boolean search = !o.label().startsWith("trace by ID");
            out.printf(Locale.ROOT, "%-60s %6d %8.2f %8.2f %8.2f %8.2f %8.2f %7.2f %6s%n", o.label(), o.count(),
                    l.percentileMillis(50), l.percentileMillis(90), l.percentileMillis(99), l.maxMillis(),
                    (double) u.dynamoDbRequestCount() / o.count(), (double) u.s3GetRequests() / o.count(),
                    search ? String.format(Locale.ROOT, "%.1f", (double) o.hits() / o.count()) : "-");
            if (o.incomplete() > 0) {
                out.printf(Locale.ROOT, "  %,d of these searches said their answer may be incomplete%n",
                        o.incomplete());
            }
            checked += o.checked();
        }
        out.println("DDB req, S3 GET: storage requests per lookup (average); hits: traces per search (average)");
        if (report.problemCount() == 0) {
            out.printf(Locale.ROOT, "answers checked: all %,d traces answered (warm-up included) came back with the"
                    + " spans they were stored with%n", checked);
        } else {
            out.printf(Locale.ROOT, "WRONG ANSWERS: %,d%n", report.problemCount());
            for (QueryScenarios.Outcome o : report.outcomes()) {
                for (String p : o.problems()) out.println("  " + o.label() + ": " + p);
            }
        }
        out.printf(Locale.ROOT, "load average at the end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
