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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;

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
    static final double OTLP_PROTO_GOAL = 400_000;
    static final double JSON_GOAL = 250_000;
    static final double PARSE_RATIO_GOAL = 0.5;

    static final String USAGE = "usage: IngestReport " + JmhSettings.OPTIONS + "\n  defaults: "
            + JmhSettings.DEFAULTS + " (about 25 s per benchmark, 12 benchmarks)";

    private static final String WHOLE_PATH = "`SpanIngester.ingest`: decode, validate, cap to the limits,"
            + " regroup by trace, encode one stream record per trace";

    static final ScoreTable TABLE = new ScoreTable(List.of(
            new ScoreTable.Group("whole path, records uncompressed (level 0)",
                    WHOLE_PATH + "; record bodies uncompressed (what the goals are about)", List.of(
                            new ScoreTable.Row("OTLP protobuf", "ingestOtlpProto"),
                            new ScoreTable.Row("OTLP JSON", "ingestOtlpJson"),
                            new ScoreTable.Row("Zipkin v2 JSON", "ingestZipkinJson"))),
            new ScoreTable.Group("whole path, records gzip level 6 (default)",
                    "the same, record bodies gzip'd at deflate level 6", List.of(
                            new ScoreTable.Row("OTLP protobuf", "ingestOtlpProtoGzip6"),
                            new ScoreTable.Row("OTLP JSON", "ingestOtlpJsonGzip6"),
                            new ScoreTable.Row("Zipkin v2 JSON", "ingestZipkinJsonGzip6"))),
            new ScoreTable.Group("whole path, records gzip level 1",
                    "the same at deflate level 1", List.of(
                            new ScoreTable.Row("OTLP protobuf", "ingestOtlpProtoGzip1"))),
            new ScoreTable.Group("decode only (bytes to canonical spans)",
                    "`SpanDecoder.decode` alone", List.of(
                            new ScoreTable.Row("OTLP protobuf", "decodeOtlpProto"),
                            new ScoreTable.Row("OTLP JSON", "decodeOtlpJson"),
                            new ScoreTable.Row("Zipkin v2 JSON", "decodeZipkinJson"))),
            new ScoreTable.Group("baselines on the same bytes",
                    "the reference libraries' parse, for the ratio goals", List.of(
                            new ScoreTable.Row("protobuf-java parseFrom", "baselineProtobufJavaParse"),
                            new ScoreTable.Row("zipkin2 JSON_V2.decodeList", "baselineZipkin2Decode")))));

    private IngestReport() {}

    public static void main(String[] args) throws Exception {
        JmhSettings settings = new JmhSettings();
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("-h") || args[i].equals("--help")) {
                    System.out.println(USAGE);
                    return;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException("option " + args[i] + " needs a value");
                if (!settings.accept(args[i], args[++i])) {
                    throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        // Cheap and deterministic: measured before the benchmarks, printed after them.
        List<RecordBytes> sizes = recordBytes();
        Map<String, Result<?>> scores = settings.run(List.of(IngestBenchmarks.class));
        boolean complete = print(System.out, settings, scores, sizes);
        System.exit(complete ? 0 : 1);
    }

    /** Prints the report; false when a benchmark that should have run has no result. */
    static boolean print(PrintStream out, JmhSettings settings, Map<String, Result<?>> scores,
            List<RecordBytes> sizes) {
        out.println();
        out.println("Skein ingest path, one thread, request of " + Fixture.SPANS + " spans ("
                + Fixture.describe() + ")");
        out.printf(Locale.ROOT, "%s; JDK %s (%s); %d CPUs; %s%n",
                LocalDate.now(ZoneOffset.UTC), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                settings.describe());
        out.println();
        out.printf(Locale.ROOT, "%-56s %12s %11s %9s %11s%n",
                "benchmark", "spans/s", "± error", "ns/span", "µs/request");
        for (ScoreTable.Group group : TABLE.groups()) {
            out.println(group.heading());
            for (ScoreTable.Row row : group.rows()) {
                Result<?> r = scores.get(row.method());
                String label = "  " + row.label() + " (" + row.method() + ")";
                if (r == null) {
                    out.printf(Locale.ROOT, "%-56s %12s%n", label, settings.selects(row.method()) ? "FAILED" : "not run");
                    continue;
                }
                out.printf(Locale.ROOT, "%-56s %,12.0f %11s %9.0f %,11.0f%n", label, r.getScore(),
                        ScoreTable.error(r), nanosPerSpan(r), nanosPerSpan(r) * Fixture.SPANS / 1000);
            }
        }
        out.println("(error: JMH's 99.9% confidence half-width over the measured iterations)");

        out.println();
        printGoals(out, goals(scores));
        out.println();
        printBreakdown(out, scores);
        out.println();
        printRecordBytes(out, sizes);
        boolean complete = TABLE.complete(settings, scores);
        if (!complete) {
            out.println();
            out.println("Some benchmarks FAILED to run: see the JMH output above (a fixture that"
                    + " ingest does not fully accept stops a benchmark in its setup).");
        }
        return complete;
    }

    /** The ingest goals, for the whole path with records uncompressed. */
    static List<Goal> goals(Map<String, Result<?>> scores) {
        return List.of(
                Goal.atLeast("ingest OTLP protobuf, spans/s per core", OTLP_PROTO_GOAL, "%,.0f",
                        score(scores, "ingestOtlpProto")),
                Goal.atLeast("ingest OTLP JSON, spans/s per core", JSON_GOAL, "%,.0f",
                        score(scores, "ingestOtlpJson")),
                Goal.atLeast("ingest Zipkin v2 JSON, spans/s per core", JSON_GOAL, "%,.0f",
                        score(scores, "ingestZipkinJson")),
                Goal.atLeast("ingest OTLP protobuf / protobuf-java parse", PARSE_RATIO_GOAL, "%.2f",
                        ratio(scores, "ingestOtlpProto", "baselineProtobufJavaParse")),
                Goal.atLeast("ingest Zipkin v2 JSON / zipkin2 decode", PARSE_RATIO_GOAL, "%.2f",
                        ratio(scores, "ingestZipkinJson", "baselineZipkin2Decode")));
    }

    private static Double score(Map<String, Result<?>> scores, String method) {
        Result<?> r = scores.get(method);
        return r == null ? null : r.getScore();
    }

    private static Double ratio(Map<String, Result<?>> scores, String path, String parse) {
        Double p = score(scores, path);
        Double q = score(scores, parse);
        return p == null || q == null ? null : p / q;
    }

    static void printGoals(PrintStream out, List<Goal> goals) {
        out.printf(Locale.ROOT, "%-54s %9s  %10s  %s%n", "goals (whole path, records uncompressed)",
                "goal", "measured", "result");
        for (Goal g : goals) {
            String measured = g.met() == Goal.Met.NOT_MEASURED ? "-" : g.measured();
            out.printf(Locale.ROOT, "  %-52s %9s  %10s  %s%n", g.name(), g.target(), measured, g.met().printed);
        }
    }

    /** Where the time goes: decode against the rest of the path, and what compression adds. */
    static void printBreakdown(PrintStream out, Map<String, Result<?>> scores) {
        out.println("where the time goes, ns per span");
        out.printf(Locale.ROOT, "%-18s %8s %10s %12s %14s %14s%n", "format", "decode",
                "rest (1)", "decode share", "+gzip 6 (2)", "+gzip 1 (2)");
        breakdown(out, "OTLP protobuf", scores, "OtlpProto");
        breakdown(out, "OTLP JSON", scores, "OtlpJson");
        breakdown(out, "Zipkin v2 JSON", scores, "ZipkinJson");
        out.println("(1) whole path minus decode: validate, cap, regroup by trace, encode the records"
                + " (bodies and headers)");
        out.println("(2) extra cost of compressing the record bodies, over the uncompressed path");
    }

    /** What a span weighs on the stream at each compression level. */
    static void printRecordBytes(PrintStream out, List<RecordBytes> sizes) {
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
    }

    private static double nanosPerSpan(Result<?> r) {
        return 1e9 / r.getScore();
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
}
