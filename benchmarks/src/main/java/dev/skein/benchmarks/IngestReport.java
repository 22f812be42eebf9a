package dev.skein.benchmarks;

import dev.skein.codec.OtlpJsonDecoder;
import dev.skein.codec.OtlpProtoDecoder;
import dev.skein.codec.SpanDecoder;
import dev.skein.codec.ZipkinJsonDecoder;
import dev.skein.ingest.IngestLimits;
import dev.skein.ingest.IngestResult;
import dev.skein.ingest.SpanIngester;
import dev.skein.ingest.StreamRecord;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link IngestBenchmarks} through JMH's Runner and prints one table: spans/s per core of
 * each benchmark, the goal checks (a miss is printed as MISS, never hidden), where the time goes,
 * and how many stream-record bytes a span costs with and without compression.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.skein.benchmarks.IngestReport [options]
 *   -wi N      warmup iterations per benchmark      (default 4)
 *   -w  S      seconds per warmup iteration         (default 2)
 *   -i  N      measured iterations per benchmark    (default 5)
 *   -r  S      seconds per measured iteration       (default 3)
 *   -only RE   run only benchmark methods matching RE (e.g. 'ingestOtlp.*')
 * </pre>
 *
 * The defaults run 12 benchmarks in one fork each, about 25 s apiece: 5 to 6 minutes in all.
 * The exit status is 1 when a benchmark failed to run (its setup refuses a fixture that ingest
 * would not fully accept), 0 otherwise, goals met or not.
 */
public final class IngestReport {
    static final int DEFAULT_WARMUP_ITERATIONS = 4;
    static final int DEFAULT_WARMUP_SECONDS = 2;
    static final int DEFAULT_ITERATIONS = 5;
    static final int DEFAULT_ITERATION_SECONDS = 3;

    static final double OTLP_PROTO_GOAL = 400_000;
    static final double JSON_GOAL = 250_000;
    static final double PARSE_RATIO_GOAL = 0.5;

    /** A row of the results table: what it measures and the benchmark method behind it. */
    private record Row(String label, String method) {}

    private static final List<Object> TABLE = List.of(
            "whole path, records uncompressed (level 0)",
            new Row("OTLP protobuf", "ingestOtlpProto"),
            new Row("OTLP JSON", "ingestOtlpJson"),
            new Row("Zipkin v2 JSON", "ingestZipkinJson"),
            "whole path, records gzip level 6 (default)",
            new Row("OTLP protobuf", "ingestOtlpProtoGzip6"),
            new Row("OTLP JSON", "ingestOtlpJsonGzip6"),
            new Row("Zipkin v2 JSON", "ingestZipkinJsonGzip6"),
            "whole path, records gzip level 1",
            new Row("OTLP protobuf", "ingestOtlpProtoGzip1"),
            "decode only (bytes to canonical spans)",
            new Row("OTLP protobuf", "decodeOtlpProto"),
            new Row("OTLP JSON", "decodeOtlpJson"),
            new Row("Zipkin v2 JSON", "decodeZipkinJson"),
            "baselines on the same bytes",
            new Row("protobuf-java parseFrom", "baselineProtobufJavaParse"),
            new Row("zipkin2 JSON_V2.decodeList", "baselineZipkin2Decode"));

    private IngestReport() {}

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Settings.USAGE);
            System.exit(2);
            return;
        }
        if (settings == null) {
            System.out.println(Settings.USAGE);
            return;
        }

        // Cheap and deterministic: measured before the benchmarks, printed after them.
        List<RecordBytes> sizes = recordBytes();

        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(IngestBenchmarks.class.getName()) + "\\."
                        + settings.only + "$")
                .forks(1)
                .threads(1)
                .warmupIterations(settings.warmupIterations)
                .warmupTime(TimeValue.seconds(settings.warmupSeconds))
                .measurementIterations(settings.iterations)
                .measurementTime(TimeValue.seconds(settings.iterationSeconds))
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .shouldFailOnError(false)
                .build();
        Collection<RunResult> runs = new Runner(options).run();

        Map<String, Result<?>> scores = new HashMap<>();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1), run.getPrimaryResult());
        }
        boolean complete = print(System.out, settings, scores, sizes);
        System.exit(complete ? 0 : 1);
    }

    /** Prints the report; false when a benchmark that should have run has no result. */
    static boolean print(PrintStream out, Settings settings, Map<String, Result<?>> scores,
            List<RecordBytes> sizes) {
        boolean complete = true;
        Pattern only = Pattern.compile(settings.only);
        out.println();
        out.println("Skein ingest path, one thread, request of " + Fixture.SPANS + " spans ("
                + Fixture.describe() + ")");
        out.printf(Locale.ROOT, "%s; JDK %s (%s); %d CPUs; warmup %d x %d s, measurement %d x %d s, 1 fork%n",
                LocalDate.now(ZoneOffset.UTC), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                settings.warmupIterations, settings.warmupSeconds, settings.iterations,
                settings.iterationSeconds);
        out.println();
        out.printf(Locale.ROOT, "%-56s %12s %11s %9s %11s%n",
                "benchmark", "spans/s", "± error", "ns/span", "µs/request");
        for (Object entry : TABLE) {
            if (entry instanceof String heading) {
                out.println(heading);
                continue;
            }
            Row row = (Row) entry;
            Result<?> r = scores.get(row.method);
            String label = "  " + row.label + " (" + row.method + ")";
            if (r == null) {
                boolean expected = only.matcher(row.method).matches();
                complete &= !expected;
                out.printf(Locale.ROOT, "%-56s %12s%n", label, expected ? "FAILED" : "not run");
                continue;
            }
            out.printf(Locale.ROOT, "%-56s %,12.0f %,11.0f %9.0f %,11.0f%n", label, r.getScore(),
                    r.getScoreError(), nanosPerSpan(r), nanosPerSpan(r) * Fixture.SPANS / 1000);
        }
        out.println("(error: JMH's 99.9% confidence half-width over the measured iterations)");

        out.println();
        out.printf(Locale.ROOT, "%-54s %9s  %10s  %s%n", "goals (whole path, records uncompressed)",
                "goal", "measured", "result");
        goal(out, "OTLP protobuf spans/s per core", scores.get("ingestOtlpProto"), OTLP_PROTO_GOAL);
        goal(out, "OTLP JSON spans/s per core", scores.get("ingestOtlpJson"), JSON_GOAL);
        goal(out, "Zipkin v2 JSON spans/s per core", scores.get("ingestZipkinJson"), JSON_GOAL);
        ratio(out, "OTLP protobuf whole path / protobuf-java parse",
                scores.get("ingestOtlpProto"), scores.get("baselineProtobufJavaParse"));
        ratio(out, "Zipkin v2 JSON whole path / zipkin2 decode",
                scores.get("ingestZipkinJson"), scores.get("baselineZipkin2Decode"));

        out.println();
        out.println("where the time goes, ns per span");
        out.printf(Locale.ROOT, "%-18s %8s %10s %12s %14s %14s%n", "format", "decode",
                "rest (1)", "decode share", "+gzip 6 (2)", "+gzip 1 (2)");
        breakdown(out, "OTLP protobuf", scores, "OtlpProto");
        breakdown(out, "OTLP JSON", scores, "OtlpJson");
        breakdown(out, "Zipkin v2 JSON", scores, "ZipkinJson");
        out.println("(1) whole path minus decode: validate, cap, regroup by trace, encode the records"
                + " (bodies and headers)");
        out.println("(2) extra cost of compressing the record bodies, over the uncompressed path");

        out.println();
        out.println("stream records for the fixture, ingested once (bytes per span; Kinesis also bills"
                + " the partition key)");
        out.printf(Locale.ROOT, "%-18s %10s %10s %10s %10s %10s %12s%n", "input format",
                "input", "level 0", "level 1", "level 6", "6 vs 0", "records/req");
        for (RecordBytes s : sizes) {
            out.printf(Locale.ROOT, "%-18s %10.0f %10.0f %10.0f %10.0f %9.0f%% %12d%n", s.format,
                    s.inputPerSpan, s.perSpan(0), s.perSpan(1), s.perSpan(6),
                    100 * s.perSpan(6) / s.perSpan(0), s.records);
        }
        if (!sizes.isEmpty()) {
            RecordBytes s = sizes.get(0);
            out.printf(Locale.ROOT, "partition keys add %.1f bytes per span (%d records of %d spans)%n",
                    (double) s.keyBytes / s.spans, s.records, s.spans);
        }
        if (!complete) {
            out.println();
            out.println("Some benchmarks FAILED to run: see the JMH output above (a fixture that"
                    + " ingest does not fully accept stops a benchmark in its setup).");
        }
        return complete;
    }

    private static double nanosPerSpan(Result<?> r) {
        return 1e9 / r.getScore();
    }

    private static void goal(PrintStream out, String what, Result<?> r, double goal) {
        if (r == null) {
            out.printf(Locale.ROOT, "  %-52s ≥ %,7.0f  %10s  NOT MEASURED%n", what, goal, "-");
            return;
        }
        out.printf(Locale.ROOT, "  %-52s ≥ %,7.0f  %,10.0f  %s%n", what, goal, r.getScore(),
                r.getScore() >= goal ? "PASS" : "MISS");
    }

    private static void ratio(PrintStream out, String what, Result<?> path, Result<?> parse) {
        if (path == null || parse == null) {
            out.printf(Locale.ROOT, "  %-52s ≥ %7.2f  %10s  NOT MEASURED%n", what, PARSE_RATIO_GOAL, "-");
            return;
        }
        double ratio = path.getScore() / parse.getScore();
        out.printf(Locale.ROOT, "  %-52s ≥ %7.2f  %10.2f  %s%n", what, PARSE_RATIO_GOAL, ratio,
                ratio >= PARSE_RATIO_GOAL ? "PASS" : "MISS");
    }

    private static void breakdown(PrintStream out, String format, Map<String, Result<?>> scores,
            String suffix) {
        Result<?> decode = scores.get("decode" + suffix);
        Result<?> path = scores.get("ingest" + suffix);
        if (decode == null || path == null) {
            out.printf(Locale.ROOT, "%-18s %8s%n", format, "not measured");
            return;
        }
        double d = nanosPerSpan(decode);
        double p = nanosPerSpan(path);
        out.printf(Locale.ROOT, "%-18s %8.0f %10.0f %11.0f%% %14s %14s%n", format, d, p - d,
                100 * d / p, extra(scores.get("ingest" + suffix + "Gzip6"), p),
                extra(scores.get("ingest" + suffix + "Gzip1"), p));
    }

    private static String extra(Result<?> compressed, double uncompressedNanos) {
        return compressed == null ? "-"
                : String.format(Locale.ROOT, "%.0f", nanosPerSpan(compressed) - uncompressedNanos);
    }

    /** What the fixture's stream records weigh for one input format, at each level. */
    record RecordBytes(String format, double inputPerSpan, int spans, int records, long keyBytes,
            Map<Integer, Long> dataBytes) {
        double perSpan(int level) {
            return (double) dataBytes.get(level) / spans;
        }
    }

    /** Ingests the fixture once per format and level into a collecting sink and weighs the records. */
    static List<RecordBytes> recordBytes() throws Exception {
        Fixture f = Fixture.get();
        Clock clock = Clock.fixed(f.now(), ZoneOffset.UTC);
        record Input(String format, SpanDecoder decoder, byte[] body) {}
        List<Input> inputs = List.of(
                new Input("OTLP protobuf", new OtlpProtoDecoder(), f.otlpProto()),
                new Input("OTLP JSON", new OtlpJsonDecoder(), f.otlpJson()),
                new Input("Zipkin v2 JSON", new ZipkinJsonDecoder(), f.zipkinJson()));
        List<RecordBytes> out = new ArrayList<>();
        for (Input in : inputs) {
            Map<Integer, Long> bytes = new HashMap<>();
            int records = 0;
            long keyBytes = 0;
            int spans = 0;
            for (int level : new int[] {0, 1, 6}) {
                List<StreamRecord> sink = new ArrayList<>();
                IngestResult r = new SpanIngester(IngestLimits.DEFAULTS, clock, sink::addAll, level)
                        .ingest(IngestBenchmarks.TENANT, in.decoder, in.body);
                long data = 0;
                long billed = 0;
                for (StreamRecord rec : sink) {
                    data += rec.data().length;
                    billed += rec.billedSize();
                }
                bytes.put(level, data);
                records = sink.size();
                keyBytes = billed - data;
                spans = r.acceptedSpans();
            }
            out.add(new RecordBytes(in.format, (double) in.body.length / Fixture.SPANS, spans,
                    records, keyBytes, bytes));
        }
        return out;
    }

    /** Iteration counts and times from the command line, JMH's option names where they exist. */
    static final class Settings {
        static final String USAGE = "usage: IngestReport [-wi N] [-w SECONDS] [-i N] [-r SECONDS]"
                + " [-only METHOD_REGEX]\n  defaults: -wi " + DEFAULT_WARMUP_ITERATIONS + " -w "
                + DEFAULT_WARMUP_SECONDS + " -i " + DEFAULT_ITERATIONS + " -r "
                + DEFAULT_ITERATION_SECONDS + " (about 25 s per benchmark, 12 benchmarks)";

        int warmupIterations = DEFAULT_WARMUP_ITERATIONS;
        int warmupSeconds = DEFAULT_WARMUP_SECONDS;
        int iterations = DEFAULT_ITERATIONS;
        int iterationSeconds = DEFAULT_ITERATION_SECONDS;
        String only = ".*";

        /** The settings, or null when help was asked for. */
        static Settings parse(String[] args) {
            Settings s = new Settings();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    return null;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "-wi" -> s.warmupIterations = CountOption.parse(a, v, 0);
                    case "-w" -> s.warmupSeconds = CountOption.parse(a, v, 1);
                    case "-i" -> s.iterations = CountOption.parse(a, v, 1);
                    case "-r" -> s.iterationSeconds = CountOption.parse(a, v, 1);
                    case "-only" -> s.only = v;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            Pattern.compile(s.only); // fail here, not after the benchmarks
            return s;
        }
    }
}
