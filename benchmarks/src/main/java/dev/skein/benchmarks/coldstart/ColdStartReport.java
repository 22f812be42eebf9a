package dev.skein.benchmarks.coldstart;

import dev.skein.benchmarks.tenancy.AuthorizerEvents;
import dev.skein.ingest.StreamRecord;
import dev.skein.storage.TraceKey;
import dev.skein.tenancy.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The cold start of each of Skein's functions, as Lambda pays it in our code: a fresh JVM runs
 * the function's deployable jar, constructs its handler and serves one typical event, compared
 * with a fresh JVM that runs an empty handler on the same event (same flags, same launcher, same
 * runtime serializer). The AWS services are the emulators, started here behind one endpoint.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.skein.benchmarks.coldstart.ColdStartReport \
 *     [--quick] [--out PATH] [--functions ingest,authorizer]
 * </pre>
 *
 * {@code --out PATH} writes the report's section to PATH and its goals to PATH.goals.tsv;
 * {@code --quick} runs each function once, the run that counts classes (the smoke test's scale:
 * same paths, meaningless times). Without it, {@value #RUNS} timed runs per function follow that
 * one, about two minutes on two cores. {@code --functions} measures only those (the report
 * measures all). Needs the functions' Lambda jars ({@code mvn -pl benchmarks -am package}); exits
 * non-zero only when it could not measure.
 */
public final class ColdStartReport {
    static final int RUNS = 7;
    /** The stack's default batch size of the finalizer's queue event source. */
    static final int FINALIZER_BATCH = 10;
    /** How long before its timer fired a finalized trace last received spans: past the 10 s idle period. */
    static final long IDLE_MILLIS = 30_000;
    /** An empty handler answers null; an empty stream handler writes nothing. */
    private static final Predicate<String> EMPTY_ANSWER = r -> r.equals("null") || r.isEmpty();

    private final Path repository;
    private final Path work;
    private final FunctionEvents events;
    private final EmulatedBackends backends;
    private long nextSeed = 1;
    /** The trace the query function reads, stored before its runs. */
    private final TraceKey queried;
    /** The key the authorizer's event presents, made in the table before its runs. */
    private final String apiKey;

    private ColdStartReport(Path repository, Path work, EmulatedBackends backends) {
        this.repository = repository;
        this.work = work;
        this.events = FunctionEvents.fromFixtures(repository);
        this.backends = backends;
        this.queried = storedTrace();
        this.apiKey = backends.createKey(FunctionEvents.TENANT, EnumSet.of(Scope.INGEST));
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = null;
        List<LambdaFunction> functions = List.of(LambdaFunction.values());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> {
                    if (i + 1 == args.length) usage("--out needs a path");
                    out = Path.of(args[++i]);
                }
                case "--functions" -> {
                    if (i + 1 == args.length) usage("--functions needs names");
                    functions = functions(args[++i]);
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        int timedRuns = quick ? 0 : RUNS;
        Path repository = repository();
        Path work = Files.createTempDirectory("skein-cold-start");
        List<FunctionColdStart> measured = new ArrayList<>();
        try {
            Path runtime = RuntimeDirectory.create(Files.createDirectories(work.resolve("runtime")));
            System.out.println("cold start: starting the emulators behind one endpoint");
            try (EmulatedBackends backends = EmulatedBackends.start(Files.createDirectories(work.resolve("logs")))) {
                ColdStartReport report = new ColdStartReport(repository, work, backends);
                for (LambdaFunction function : functions) {
                    measured.add(report.measure(function, runtime, timedRuns));
                }
            }
        } finally {
            deleteTree(work);
        }
        String section = ColdStartSection.markdown(measured);
        System.out.println();
        System.out.println(section);
        if (out != null) {
            Files.writeString(out, section);
            Files.writeString(Path.of(out + ".goals.tsv"), ColdStartSection.goals(measured));
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: ColdStartReport [--quick] [--out PATH] [--functions NAME,…]");
        System.exit(2);
    }

    private static List<LambdaFunction> functions(String names) {
        List<LambdaFunction> chosen = new ArrayList<>();
        for (String name : names.split(",")) {
            Arrays.stream(LambdaFunction.values()).filter(f -> f.module.equals(name.strip())).findFirst()
                    .ifPresentOrElse(chosen::add, () -> usage("--functions: no function '" + name + "'; there are "
                            + Arrays.stream(LambdaFunction.values()).map(f -> f.module).toList()));
        }
        return chosen;
    }

    /**
     * Runs of one function, each after an empty-handler run on the same event, after a run of
     * each that counts the classes loaded. With no timed runs (--quick) the counting runs stand in.
     */
    private FunctionColdStart measure(LambdaFunction function, Path runtime, int timedRuns) {
        Path jar = function.jar(repository);
        ChildJvm jvm = new ChildJvm(runtime, backends.environment(function));
        String empty = function.emptyHandlerClass();
        // The counting runs also bring the jar into the page cache before the timed ones.
        Path first = event(function);
        ChildJvm.Counted counted = jvm.counted(jar, function.handlerClass, function.eventClass, first,
                function.handled, work.resolve(function.module + "-classes.log"));
        ChildJvm.Counted emptyCounted = jvm.counted(jar, empty, function.eventClass, first, EMPTY_ANSWER,
                work.resolve(function.module + "-empty-classes.log"));
        List<LaunchResult> results = new ArrayList<>();
        List<LaunchResult> emptyResults = new ArrayList<>();
        for (int run = 1; run <= timedRuns; run++) {
            Path event = event(function);
            emptyResults.add(jvm.run(jar, empty, function.eventClass, event, EMPTY_ANSWER));
            results.add(jvm.run(jar, function.handlerClass, function.eventClass, event, function.handled));
            print(function, run + "/" + timedRuns, results.get(run - 1), emptyResults.get(run - 1));
        }
        if (timedRuns == 0) {
            results.add(counted.result());
            emptyResults.add(emptyCounted.result());
            print(function, "counting classes", counted.result(), emptyCounted.result());
        }
        return new FunctionColdStart(function, jar, results, emptyResults, counted.classes(), emptyCounted.classes());
    }

    private static void print(LambdaFunction function, String run, LaunchResult r, LaunchResult empty) {
        System.out.printf(Locale.ROOT, "cold start: %s run %s: construct %.0f ms, invoke %.0f ms, total %.0f ms"
                + " (empty handler %.0f ms)%n", function.module, run, r.constructNanos() / 1e6, r.invokeNanos() / 1e6,
                r.totalNanos() / 1e6, empty.totalNanos() / 1e6);
    }

    /**
     * A typical event of {@code function}, written to a file of its own, on new traces each time
     * (the query function reads the one stored trace, the authorizer checks the one key).
     */
    private Path event(LambdaFunction function) {
        long now = System.currentTimeMillis();
        String json = switch (function) {
            case INGEST -> events.ingest(SpanTraffic.otlpProtobuf(nextSeed++));
            case ASSEMBLER -> FunctionEvents.kinesis(SpanTraffic.streamRecords(nextSeed++), now);
            case FINALIZER -> {
                List<StreamRecord> records = SpanTraffic.streamRecords(nextSeed++);
                backends.assemble(records, now - IDLE_MILLIS);
                yield FunctionEvents.sqs(records.stream().map(SpanTraffic::trace).distinct().limit(FINALIZER_BATCH)
                        .toList(), now);
            }
            case QUERY -> events.query(queried);
            case AUTHORIZER -> AuthorizerEvents.otlpExport(apiKey);
        };
        try {
            return Files.writeString(Files.createTempFile(work, function.module + "-event-", ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A trace stored as the assembler stores it, for the query function to fetch by ID. */
    private TraceKey storedTrace() {
        List<StreamRecord> records = SpanTraffic.streamRecords(nextSeed++);
        backends.assemble(records, System.currentTimeMillis() - IDLE_MILLIS);
        return SpanTraffic.trace(records.get(0));
    }

    /**
     * The source tree: the nearest directory above this class's jar (benchmarks/target) or the
     * working directory that holds the functions' modules.
     */
    static Path repository() {
        List<Path> starts = List.of(RuntimeDirectory.codeLocation(ColdStartReport.class).toAbsolutePath(),
                Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("functions/ingest"))) return dir;
            }
        }
        throw new IllegalStateException("cannot find Skein's source tree (functions/ingest) above " + starts);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
