package dev.skein.benchmarks.tenancy;

import dev.skein.aws.dynamodb.DynamoApiKeyStore;
import dev.skein.aws.dynamodb.DynamoQuotaLedger;
import dev.skein.benchmarks.CountOption;
import dev.skein.fixtures.OtlpFixtures;
import dev.skein.functions.authorizer.AuthorizerHandler;
import dev.skein.tenancy.ApiKeyStore;
import dev.skein.tenancy.InMemoryQuotaLedger;
import dev.skein.tenancy.KeyManager;
import dev.skein.tenancy.QuotaGate;
import dev.skein.tenancy.QuotaLedger;
import dev.skein.tenancy.QuotaPolicy;
import dev.skein.tenancy.Scope;
import dev.skein.tenancy.TenantQuota;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What API keys and quotas add to each request once a function is warm: the authorizer's
 * decision with the key in its in-function cache and with a cache miss that reads the key from
 * the table, and the quota gate's spend per ingest request and per query (a consistent read
 * and a conditional write of the tenant's bucket). The table is DynamoDB Local in this JVM,
 * over loopback HTTP: the figures are the code's and the emulator's, not DynamoDB's.
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -cp benchmarks/target/benchmarks.jar dev.skein.benchmarks.tenancy.TenancyLatencyReport \
 *     [--quick] [--out PATH] [--calls N] [--warmup N]
 * </pre>
 *
 * Every answer is checked: the authorizer must let the key through, the gate must admit and
 * meter every request, and the table's buckets must have recorded every admission. The exit
 * status is 1 when one did not, 2 for a bad option. {@code --out PATH} writes the performance
 * report's section to PATH (and an empty PATH.goals.tsv: no goal is set for these figures).
 */
public final class TenancyLatencyReport {
    static final int CALLS = 5_000;
    static final int WARMUP = 2_000;
    static final int QUICK_CALLS = 50;
    static final int QUICK_WARMUP = 20;
    /** Spans per ingest request: the fixture's, a typical SDK batch. */
    static final int SPANS = OtlpFixtures.DEFAULT_SPANS;
    /** The tenant whose key and buckets the calls use. */
    static final String TENANT = "team-payments";
    /** The stack's default authorizer cache TTL, which it passes on to the function's own cache. */
    static final Duration AUTH_CACHE = Duration.ofSeconds(60);
    /** Far above what the calls spend: every call takes the path of a request within its quota. */
    static final QuotaPolicy UNREFUSED = new QuotaPolicy(new TenantQuota(1e12, 1e15, 1e12, 1), Map.of());
    /** The buckets' sort keys in the table (docs/storage.md, "Quota bucket"). */
    private static final String INGEST_BUCKET = "ingest";
    private static final String QUERY_BUCKET = "query";
    private static final String USAGE = "usage: TenancyLatencyReport [--quick] [--out PATH] [--calls N] [--warmup N]";

    /** The command line. */
    record Options(boolean quick, Path out, int calls, int warmup) {
        static Options parse(String... args) {
            boolean quick = false;
            Path out = null;
            Integer calls = null;
            Integer warmup = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> quick = true;
                    case "--out" -> out = Path.of(value(args, ++i));
                    case "--calls" -> calls = CountOption.parse(a, value(args, ++i), 1);
                    case "--warmup" -> warmup = CountOption.parse(a, value(args, ++i), 0);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            return new Options(quick, out, calls != null ? calls : quick ? QUICK_CALLS : CALLS,
                    warmup != null ? warmup : quick ? QUICK_WARMUP : WARMUP);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
            return args[i];
        }
    }

    /** What a run measured: a row per kind of call, and what was wrong beyond single answers. */
    record Result(long ingestBytes, Options options, List<CallLatency> rows, List<String> problems) {
        boolean allRight() {
            return problems.isEmpty() && rows.stream().allMatch(r -> r.wrong() == 0);
        }
    }

    private TenancyLatencyReport() {}

    public static void main(String[] args) throws IOException {
        // DynamoDB Local leaves a thread behind; the figures are printed by then.
        System.exit(run(args, System.out));
    }

    /** Runs and prints, writes the section when asked; the exit status. */
    static int run(String[] args, PrintStream out) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        Result result;
        try (EmulatedTable table = EmulatedTable.start()) {
            result = measure(table, options, out);
        }
        TenancySection.print(result, out);
        if (options.out() != null) {
            Files.writeString(options.out(), TenancySection.markdown(result));
            Files.writeString(Path.of(options.out() + ".goals.tsv"), "");
        }
        return result.allRight() ? 0 : 1;
    }

    private static Result measure(EmulatedTable table, Options options, PrintStream out) {
        Clock clock = Clock.systemUTC();
        out.println();
        out.println("Skein per-call cost of API keys and quotas");
        out.println(machine());
        out.println("storage: " + table.description());

        ApiKeyStore keys = new DynamoApiKeyStore(table.dynamoDb(), EmulatedTable.TABLE);
        String apiKey = new KeyManager(keys, clock, new SecureRandom())
                .create(TENANT, EnumSet.of(Scope.INGEST), "per-call latency").key().token();
        byte[] event = AuthorizerEvents.otlpExport(apiKey).getBytes(StandardCharsets.UTF_8);
        // The fixture's request, as ingest counts its bytes: the body after decompression.
        long ingestBytes = OtlpFixtures.protobuf(OtlpFixtures.request()).length;
        DynamoQuotaLedger ledger = new DynamoQuotaLedger(table.dynamoDb(), EmulatedTable.TABLE, clock);
        QuotaGate gate = new QuotaGate(ledger, UNREFUSED, clock);
        QuotaGate inMemoryGate = new QuotaGate(new InMemoryQuotaLedger(), UNREFUSED, clock);

        List<CallLatency> rows = new ArrayList<>();
        int warmup = options.warmup();
        int calls = options.calls();
        rows.add(timed(out, "authorizer: key in its cache (warm)", "none", warmup, calls,
                authorize(new AuthorizerHandler(keys, clock, AUTH_CACHE, out), event)));
        rows.add(timed(out, "authorizer: cache miss, key read from the table", "1 GetItem (consistent)", warmup, calls,
                authorize(new AuthorizerHandler(keys, clock, Duration.ZERO, out), event)));
        rows.add(timed(out, "QuotaGate.admitSpans, in-memory ledger (the gate alone)", "none", warmup, calls,
                () -> admitted(inMemoryGate.admitSpans(TENANT, SPANS, ingestBytes))));
        rows.add(timed(out, "QuotaGate.admitSpans, ledger in the table (ingest)",
                "1 GetItem (consistent) + 1 conditional PutItem", warmup, calls,
                () -> admitted(gate.admitSpans(TENANT, SPANS, ingestBytes))));
        rows.add(timed(out, "QuotaGate.admitQuery, ledger in the table (query)",
                "1 GetItem (consistent) + 1 conditional PutItem", warmup, calls,
                () -> admitted(gate.admitQuery(TENANT))));

        // Each admission is one successful conditional write: the bucket's version counts them.
        List<String> problems = new ArrayList<>();
        for (String bucket : List.of(INGEST_BUCKET, QUERY_BUCKET)) {
            long written = ledger.read(TENANT, bucket).map(QuotaLedger.Entry::version).orElse(0L);
            if (written != warmup + calls) {
                problems.add(String.format(Locale.ROOT, "the %s bucket recorded %d admissions of %d", bucket, written,
                        warmup + calls));
            }
        }
        return new Result(ingestBytes, options, rows, problems);
    }

    private static CallLatency timed(PrintStream out, String label, String requests, int warmup, int calls,
            BooleanSupplier call) {
        out.printf(Locale.ROOT, "  timing: %s (%,d calls after %,d)%n", label, calls, warmup);
        return CallLatency.measure(label, requests, warmup, calls, call);
    }

    /** One decision on the event, right when the key is let through with its tenant. */
    private static BooleanSupplier authorize(AuthorizerHandler handler, byte[] event) {
        String expected = "{\"isAuthorized\":true,\"context\":{\"tenant\":\"" + TENANT + "\"";
        return () -> {
            ByteArrayOutputStream answer = new ByteArrayOutputStream(128);
            try {
                handler.handleRequest(new ByteArrayInputStream(event), answer, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return answer.toString(StandardCharsets.UTF_8).startsWith(expected);
        };
    }

    /** Admitted and counted in the ledger: not refused, and not let in unmetered. */
    private static boolean admitted(QuotaGate.Admission admission) {
        return admission.admitted() && admission.metered();
    }

    private static String machine() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s; JDK %s (%s); %d CPUs; JVM flags %s; load average %.2f",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), rt.availableProcessors(), jvmFlags(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The JIT settings decide warm figures: Lambda's Java runtimes run C1 only by default. */
    static String jvmFlags() {
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(f -> f.startsWith("-XX:") || f.startsWith("-Xmx")).toList();
        return flags.isEmpty() ? "(none)" : String.join(" ", flags);
    }
}
