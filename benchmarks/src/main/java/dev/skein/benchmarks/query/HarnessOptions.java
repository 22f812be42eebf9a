package dev.skein.benchmarks.query;

import dev.skein.benchmarks.CountOption;

/**
 * The harness's command line. Every count has a floor, and a value below it, or one that is not
 * a whole number, is refused with a message naming the option.
 */
final class HarnessOptions {
    static final String USAGE = """
            usage: QueryLatencyHarness [options]
              --traces N            traces to store, large ones included        (default 100000)
              --large-traces N      how many of them have 1,000 spans            (default 20)
              --hours N             start times spread over the last N hours     (default 4)
              --loaders N           stream batches assembled at once             (default 4)
              --batch N             records per stream batch                     (default 100)
              --id-lookups N        trace-by-ID lookups of 30-span traces        (default 500)
              --large-id-lookups N  trace-by-ID lookups of 1,000-span traces     (default 200)
              --searches N          searches of each kind (and summaries)        (default 200)
              --warmup N            unmeasured lookups before each kind          (default 50)
              --seed N              seed of the traffic and of the lookups       (default 1)
            Stores in DynamoDB Local and S3Proxy started in this JVM, or at SKEIN_AWS_ENDPOINT
            (environment or system property) when it is set.""";

    int traces = 100_000;
    int largeTraces = 20;
    int hours = 4;
    int loaders = 4;
    int batchRecords = 100;
    int idLookups = 500;
    int largeIdLookups = 200;
    int searches = 200;
    int warmup = 50;
    long seed = 1;

    /** The options, or null when help was asked for. */
    static HarnessOptions parse(String... args) {
        HarnessOptions o = new HarnessOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) return null;
            if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
            String v = args[++i];
            switch (a) {
                case "--traces" -> o.traces = CountOption.parse(a, v, 1);
                case "--large-traces" -> o.largeTraces = CountOption.parse(a, v, 0);
                case "--hours" -> o.hours = CountOption.parse(a, v, 1);
                case "--loaders" -> o.loaders = CountOption.parse(a, v, 1);
                case "--batch" -> o.batchRecords = CountOption.parse(a, v, 1);
                case "--id-lookups" -> o.idLookups = CountOption.parse(a, v, 1);
                case "--large-id-lookups" -> o.largeIdLookups = CountOption.parse(a, v, 1);
                case "--searches" -> o.searches = CountOption.parse(a, v, 1);
                case "--warmup" -> o.warmup = CountOption.parse(a, v, 0);
                case "--seed" -> o.seed = CountOption.parse(a, v, 0);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.largeTraces > o.traces) {
            throw new IllegalArgumentException("--large-traces (" + o.largeTraces + ") cannot exceed --traces ("
                    + o.traces + ")");
        }
        if (o.largeTraces == o.traces) {
            throw new IllegalArgumentException("--large-traces must leave some 30-span traces: --traces is "
                    + o.traces);
        }
        return o;
    }
}
