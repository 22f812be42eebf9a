package dev.skein.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Regenerates {@code docs/performance.md}: runs each part of the report (CPU cost of the core,
 * load against skein-local beside a Zipkin server, cold starts, the per-call cost of API keys and
 * quotas, cost per million spans) in a JVM
 * of its own, one after the other, so no part's JIT, heap or threads colour another's figures;
 * then writes one document with the machine, a table of every goal beside its measured figure,
 * and each part's section.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.skein.benchmarks.PerformanceReport [options]
 *   --out FILE      the document to write              (default docs/performance.md)
 *   --work DIR      where parts write their sections   (default benchmarks/target/report)
 *   --only a,b      run only these parts: core, load, coldstart, tenancy, cost
 *   --quick         every part at tiny scale: checks the wiring, the figures mean nothing
 * </pre>
 *
 * Each part is a main class that takes {@code --out SECTION.md [--quick]}, writes its section
 * and, beside it, {@code SECTION.md.goals.tsv} (goal, target, measured, met). A part that fails
 * gets a section saying so with the end of its output, and the exit status is 1; a missed goal
 * is reported, never an error.
 */
public final class PerformanceReport {
    /** One part: a name for --only, the class to run, and its JVM options. */
    record Part(String name, String mainClass, List<String> jvmOptions) {}

    static final List<Part> PARTS = List.of(
            new Part("core", "dev.skein.benchmarks.CoreReport", List.of("-Xmx1g")),
            new Part("load", "dev.skein.benchmarks.load.LoadReport", List.of("-Xmx1g")),
            new Part("coldstart", "dev.skein.benchmarks.coldstart.ColdStartReport", List.of("-Xmx1g")),
            // C1 only, as Lambda's Java runtimes run a warm function by default.
            new Part("tenancy", "dev.skein.benchmarks.tenancy.TenancyLatencyReport",
                    List.of("-Xmx1g", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1")),
            new Part("cost", "dev.skein.benchmarks.cost.CostReport", List.of("-Xmx2g")));

    /** What one part came to. */
    record Outcome(Part part, int exitCode, Duration took, Path section, List<Goal> goals, String outputTail) {
        boolean ran() {
            return exitCode == 0 && Files.isRegularFile(section);
        }
    }

    private static final int OUTPUT_TAIL_LINES = 30;

    private PerformanceReport() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of("docs", "performance.md");
        Path work = Path.of("benchmarks", "target", "report");
        List<Part> parts = PARTS;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i));
                case "--work" -> work = Path.of(value(args, ++i));
                case "--only" -> parts = only(value(args, ++i));
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --out FILE, --work DIR, --only core,load,coldstart,tenancy,cost, --quick");
            }
        }
        System.exit(run(parts, quick, out, work) ? 0 : 1);
    }

    /** Runs the parts and writes the document; true when every part ran. */
    static boolean run(List<Part> parts, boolean quick, Path out, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Instant started = Instant.now();
        List<Outcome> outcomes = new ArrayList<>();
        for (Part part : parts) {
            System.out.printf(Locale.ROOT, "== %s (%s)%n", part.name(), part.mainClass());
            Outcome o = runPart(part, quick, work);
            System.out.printf(Locale.ROOT, "== %s: %s in %s%n", part.name(),
                    o.ran() ? "done" : "FAILED (exit " + o.exitCode() + ")", minutes(o.took()));
            outcomes.add(o);
        }
        Duration took = Duration.between(started, Instant.now());
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        Files.writeString(out, document(outcomes, quick, started, took), StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "wrote %s in %s%n", out, minutes(took));
        return outcomes.stream().allMatch(Outcome::ran);
    }

    private static Outcome runPart(Part part, boolean quick, Path work) throws IOException, InterruptedException {
        Path section = work.resolve(part.name() + ".md");
        Path goals = Path.of(section + ".goals.tsv");
        Path log = work.resolve(part.name() + ".log");
        Files.deleteIfExists(section);
        Files.deleteIfExists(goals);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(part.jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), part.mainClass(),
                "--out", section.toString()));
        if (quick) command.add("--quick");
        long t0 = System.nanoTime();
        // Output to a file as well as the console, so a failed part's section can quote it.
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (var tail = new LogFollower(log, System.out)) {
            while (!p.waitFor(1, TimeUnit.SECONDS)) tail.pump();
            tail.pump();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        List<Goal> goalLines = Files.isRegularFile(goals)
                ? Files.readAllLines(goals, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank()).map(Goal::parse).toList()
                : List.of();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size()));
        return new Outcome(part, p.exitValue(), took, section, goalLines, tail);
    }

    static String document(List<Outcome> outcomes, boolean quick, Instant started, Duration took) {
        StringBuilder d = new StringBuilder();
        d.append("# Skein's performance and cost\n\n");
        d.append("Every figure on this page comes from one run of\n\n```\n")
                .append("mvn -q -pl benchmarks -am package -DskipTests\n")
                .append("java -cp benchmarks/target/benchmarks.jar dev.skein.benchmarks.PerformanceReport\n```\n\n")
                .append("which regenerates the page. Each part runs in a JVM of its own, one after the other.\n\n");
        if (quick) {
            d.append("**This is a `--quick` run: every part at tiny scale, to check the wiring. "
                    + "Its figures mean nothing.**\n\n");
        }
        d.append("| run | |\n|---|---|\n");
        d.append("| started | ").append(DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(ChronoUnit.SECONDS)))
                .append(" |\n");
        d.append("| took | ").append(minutes(took)).append(" |\n");
        d.append("| commit | ").append(commit().orElse("unknown")).append(" |\n");
        for (String[] row : machine()) d.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n");
        d.append("\n## Goals\n\n| goal | target | measured | met |\n|---|---|---|---|\n");
        for (Outcome o : outcomes) {
            for (Goal g : o.goals()) {
                d.append("| ").append(g.name()).append(" | ").append(g.target()).append(" | ").append(g.measured())
                        .append(" | ").append(g.met().markdown()).append(" |\n");
            }
            if (!o.ran()) {
                d.append("| ").append(o.part().name()).append(": every goal | | the part failed to run | **no** |\n");
            }
        }
        d.append('\n');
        for (Outcome o : outcomes) {
            if (o.ran()) {
                d.append(read(o.section()).strip()).append("\n\n");
            } else {
                d.append("## ").append(o.part().name()).append(": failed\n\n")
                        .append("`").append(o.part().mainClass()).append("` exited with ").append(o.exitCode())
                        .append(" after ").append(minutes(o.took())).append(". The end of its output:\n\n```\n")
                        .append(o.outputTail()).append("\n```\n\n");
            }
        }
        d.append("## How long each part took\n\n| part | time |\n|---|---|\n");
        for (Outcome o : outcomes) {
            d.append("| ").append(o.part().name()).append(" | ").append(minutes(o.took())).append(" |\n");
        }
        return d.toString();
    }

    private static List<String[]> machine() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"cores", Integer.toString(Runtime.getRuntime().availableProcessors())});
        cpuModel().ifPresent(m -> rows.add(new String[] {"CPU", m}));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            rows.add(new String[] {"memory", String.format(Locale.ROOT, "%.1f GiB",
                    os.getTotalMemorySize() / (1024.0 * 1024 * 1024))});
        }
        rows.add(new String[] {"OS", System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " (" + System.getProperty("os.arch") + ")"});
        rows.add(new String[] {"JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")});
        return rows;
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 && !text.isEmpty() ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static String minutes(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies what a part writes to its log onto the console as it comes. */
    private static final class LogFollower implements AutoCloseable {
        private final InputStream in;
        private final PrintStream out;

        LogFollower(Path log, PrintStream out) throws IOException {
            this.in = Files.newInputStream(log);
            this.out = out;
        }

        void pump() throws IOException {
            byte[] b = in.readNBytes(in.available());
            out.write(b, 0, b.length);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static List<Part> only(String names) {
        List<Part> chosen = new ArrayList<>();
        for (String name : names.split(",")) {
            chosen.add(PARTS.stream().filter(p -> p.name().equals(name.strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--only: no part '" + name + "'; parts: "
                            + PARTS.stream().map(Part::name).toList())));
        }
        return chosen;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
        return args[i];
    }
}
