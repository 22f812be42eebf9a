package dev.skein.benchmarks.cost;

import dev.skein.benchmarks.Goal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a million spans cost on AWS: runs a realistic mix through ingest, the assembler and the
 * finalizer on the emulators ({@link PipelineMeasurement}), turns what they spent into units per
 * span ({@link SpanUsage}), prices them at three monthly volumes ({@link CostModel}, {@link
 * Prices}) beside X-Ray, and writes the report's section and its goal line.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.skein.benchmarks.cost.CostReport --out cost.md [--quick]
 * </pre>
 *
 * Run from the repository (the Kinesis emulator is found under emulators/kinesis). About two
 * minutes on the 2-core build machine; --quick runs the same code on a few requests.
 */
public final class CostReport {
    static final List<Long> VOLUMES = List.of(10_000_000L, 1_000_000_000L, 10_000_000_000L);
    static final long GOAL_VOLUME = 1_000_000_000L;
    static final double GOAL_DOLLARS_PER_MILLION = 0.08;
    static final String GOAL_NAME = "cost per million spans at 1 B/month";
    static final String HEADING = "## What a million spans cost on AWS";
    /** Fixture requests of 512 spans: the full run, and --quick's. */
    private static final int FIXTURE_REQUESTS = 100;
    private static final int QUICK_FIXTURE_REQUESTS = 8;

    private CostReport() {}

    public static void main(String[] args) throws Exception {
        Path out = null;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> {
                    if (i + 1 >= args.length) usage("--out needs a path");
                    out = Path.of(args[++i]);
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        if (out == null) usage("--out is required");
        long started = System.nanoTime();
        PipelineMeasurement.Result result = PipelineMeasurement.run(
                quick ? QUICK_FIXTURE_REQUESTS : FIXTURE_REQUESTS, VOLUMES, System.out);
        List<SpanUsage> usages = new ArrayList<>();
        for (long v : VOLUMES) usages.add(SpanUsage.of(result, result.volumes().get(v)));
        double seconds = (System.nanoTime() - started) / 1e9;
        write(out, result, usages, quick, seconds);
        System.out.println("wrote " + out + " in " + Math.round(seconds) + " s");
        // DynamoDB Local leaves a non-daemon thread behind.
        System.exit(0);
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: CostReport --out PATH [--quick]");
        System.exit(2);
    }

    static void write(Path out, PipelineMeasurement.Result r, List<SpanUsage> usages, boolean quick, double seconds)
            throws IOException {
        StringBuilder md = new StringBuilder();
        ReportText.section(md, r, usages, quick, seconds);
        Files.writeString(out, md.toString());
        SpanUsage atGoal = usages.get(VOLUMES.indexOf(GOAL_VOLUME));
        double perMillion = CostModel.total(CostModel.lines(atGoal, GOAL_VOLUME)) / (GOAL_VOLUME / 1e6);
        Goal goal = new Goal(GOAL_NAME, String.format(Locale.ROOT, "≤ $%.2f", GOAL_DOLLARS_PER_MILLION),
                String.format(Locale.ROOT, "$%.3f", perMillion), Goal.Met.of(perMillion <= GOAL_DOLLARS_PER_MILLION));
        Files.writeString(Path.of(out + ".goals.tsv"), goal.tsvLine() + "\n");
    }

    /** The lines of a bill, most expensive first. */
    static List<CostModel.LineItem> byCost(List<CostModel.LineItem> lines) {
        List<CostModel.LineItem> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingDouble(CostModel.LineItem::monthlyDollars).reversed());
        return sorted;
    }

    static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }
}
