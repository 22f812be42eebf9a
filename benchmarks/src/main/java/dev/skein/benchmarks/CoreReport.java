package dev.skein.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.util.Version;

/**
 * The performance report's part on the CPU cost of Skein's core, per core: runs the JMH suites
 * of ingest ({@link IngestBenchmarks}), the assembler ({@link AssemblyBenchmarks}), the
 * finalizer's steps ({@link FinalizeBenchmarks}) and trace by ID ({@link TraceByIdBenchmarks}),
 * then writes a Markdown section with their scores and the ingest goals, and the goal lines
 * beside it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.skein.benchmarks.CoreReport --out FILE [options]
 *   --out FILE   the section to write; its goal lines go to FILE.goals.tsv
 *   --quick      in this JVM, no warmup, one iteration of 100 ms: the wiring, not the figures
 *   -wi N, -w S, -i N, -r S, -only RE   as IngestReport (defaults -wi 4 -w 2 -i 5 -r 3)
 * </pre>
 *
 * The defaults run 16 benchmarks in a fork each, about 27 s apiece: about 7.5 minutes on 2 cores.
 * The exit status is 1 when a benchmark failed to run (a setup refuses a fixture its path would
 * not fully take), 2 on a bad command line, 0 otherwise, goals met or not.
 */
public final class CoreReport {
    static final List<Class<?>> BENCHMARKS = List.of(IngestBenchmarks.class, AssemblyBenchmarks.class,
            FinalizeBenchmarks.class, TraceByIdBenchmarks.class);

    static final String USAGE = "usage: CoreReport --out FILE [--quick] " + JmhSettings.OPTIONS
            + "\n  defaults: " + JmhSettings.DEFAULTS + " (about 27 s per benchmark, 16 benchmarks)";

    static final ScoreTable PAST_THE_STREAM = new ScoreTable(List.of(
            new ScoreTable.Group(null, "", List.of(
                    new ScoreTable.Row("assembler, a batch of " + StreamFixture.BATCH_RECORDS + " records",
                            "assembleBatch", "`TraceAssembler.assemble` into in-memory storage: gunzip and decode the"
                                    + " records, group per trace, write the archive object (span rows, gzip level 6)"
                                    + " and search page, pointers, search entries, finalize timers; warm (catalogue"
                                    + " entries already written)"),
                    new ScoreTable.Row("combine and summarize", "combineAndSummarize",
                            "`TraceCombiner` folds each trace's chunks into a `CombinedTrace`, then"
                                    + " `TraceSummarizer.summarize`"),
                    new ScoreTable.Row("service-graph extraction", "extractServiceGraph",
                            "`ServiceGraphExtractor.extract` on each combined trace, links into other traces"
                                    + " resolved in memory"),
                    new ScoreTable.Row("trace by ID", "traceById",
                            "`QueryService.trace` on in-memory storage: pointers, ranged reads of the archive,"
                                    + " gunzip, span rows decoded, chunks combined")))));

    private CoreReport() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** Measures and writes the section; the exit status main ends with. */
    static int run(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        JmhSettings settings = quick ? JmhSettings.quick() : new JmhSettings();
        Path out = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--quick")) continue;
                if (a.equals("-h") || a.equals("--help")) {
                    System.out.println(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
                String v = args[++i];
                if (a.equals("--out")) {
                    out = Path.of(v);
                } else if (!settings.accept(a, v)) {
                    throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (out == null) throw new IllegalArgumentException("--out FILE is required");
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 2;
        }

        System.out.println("CPU cost of the core: " + settings.describe());
        // Cheap and deterministic: measured before the benchmarks, shown after them.
        List<IngestReport.RecordBytes> sizes = IngestReport.recordBytes();
        Map<String, Result<?>> scores = settings.run(BENCHMARKS);
        List<Goal> goals = IngestReport.goals(scores);
        boolean complete = IngestReport.TABLE.complete(settings, scores)
                && PAST_THE_STREAM.complete(settings, scores);

        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, section(settings, quick, scores, goals, sizes), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (Goal g : goals) lines.add(g.tsvLine());
        Files.write(Path.of(out + ".goals.tsv"), lines, StandardCharsets.UTF_8);

        IngestReport.printGoals(System.out, goals);
        System.out.println("wrote " + out + " and its goal lines");
        if (!complete) System.out.println("Some benchmarks FAILED to run: see the JMH output above.");
        return complete ? 0 : 1;
    }

    static String section(JmhSettings settings, boolean quick, Map<String, Result<?>> scores, List<Goal> goals,
            List<IngestReport.RecordBytes> sizes) {
        StringBuilder md = new StringBuilder();
        md.append("## CPU cost of the core, per core\n\n");
        if (quick) md.append("**A `--quick` run: every benchmark ran once for 100 ms; the figures mean nothing.**\n\n");
        md.append("What one core does per second on Skein's core paths, measured with JMH (")
                .append(Version.getPlainVersion()).append(") by `dev.skein.benchmarks.CoreReport`: each benchmark on")
                .append(" one thread (a forked JVM has a 1 GiB heap), ").append(settings.describe())
                .append(". A score is JMH's mean throughput with its 99.9 % confidence half-width over the measured")
                .append(" iterations; one JMH operation is one span, so it reads as spans/s per core. The figures are")
                .append(" CPU only: records go to a sink that drops them and storage is `InMemoryStorage`, so no")
                .append(" Kinesis, S3 or DynamoDB round trip is in them (those bound a real request's latency, not")
                .append(" its CPU).\n\n");
        md.append(String.format(Locale.ROOT, "Run on %s: JDK %s (%s), %d CPUs.%n%n", LocalDate.now(ZoneOffset.UTC),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors()));
        md.append("Input: the shared fixture `dev.skein.fixtures.OtlpFixtures`, one request of ").append(Fixture.SPANS)
                .append(" spans (").append(Fixture.describe()).append("); past ingest, ")
                .append(StreamFixture.get().describe()).append(".\n\n");

        md.append("### Ingest (`IngestBenchmarks`)\n\n");
        md.append(IngestReport.TABLE.markdown(settings, scores)).append('\n');
        md.append("Goals (whole path, records uncompressed):\n\n");
        md.append(goalTable(goals)).append('\n');
        md.append("What bounds them: the share of decoding in the whole path, and what compressing the records"
                + " adds; then what a span weighs on the stream.\n\n```\n");
        md.append(printed(o -> IngestReport.printBreakdown(o, scores))).append('\n');
        md.append(printed(o -> IngestReport.printRecordBytes(o, sizes))).append("```\n\n");

        md.append("### Past the stream: assembler, finalizer, query\n\n");
        md.append(PAST_THE_STREAM.markdown(settings, scores)).append('\n');
        Result<?> assembler = scores.get("assembleBatch");
        if (assembler != null) {
            md.append(String.format(Locale.ROOT, "The assembler's figure is %,.0f records/s per core (batches of %d"
                    + " records holding %,d spans). ", assembler.getScore() * StreamFixture.BATCH_RECORDS
                    / StreamFixture.BATCH_SPANS, StreamFixture.BATCH_RECORDS, StreamFixture.BATCH_SPANS));
        }
        md.append("Combine, summarize and extract are the finalizer's CPU per trace once its chunks are read;"
                + " trace by ID includes reading and decoding the chunks. No goal is set for these: they are"
                + " the figures a capacity or cost estimate starts from.\n");
        return md.toString();
    }

    private static String goalTable(List<Goal> goals) {
        StringBuilder md = new StringBuilder("| goal | target | measured | met |\n|---|---:|---:|---|\n");
        for (Goal g : goals) {
            md.append("| ").append(g.name()).append(" | ").append(g.target()).append(" | ").append(g.measured())
                    .append(" | ").append(g.met().markdown()).append(" |\n");
        }
        return md.toString();
    }

    private static String printed(Consumer<PrintStream> print) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            print.accept(p);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
