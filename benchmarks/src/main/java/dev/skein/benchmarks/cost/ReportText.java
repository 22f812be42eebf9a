package dev.skein.benchmarks.cost;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The section's Markdown: the mix, the units per span, the prices, the bill per volume, the goal. */
final class ReportText {
    private ReportText() {}

    static void section(StringBuilder md, PipelineMeasurement.Result r, List<SpanUsage> usages, boolean quick,
            double seconds) {
        List<Long> volumes = CostReport.VOLUMES;
        IngestRun.Figures in = r.ingest();
        line(md, CostReport.HEADING);
        line(md, "");
        if (quick) line(md, "**--quick run: a few requests, the figures mean nothing.**\n");
        line(md, "Measured %s on %d CPUs (%s, JDK %s) in %.0f s: the real ingest, assembler and finalizer code on"
                + " the AWS adapters, against the Kinesis emulator, DynamoDB Local, S3Proxy and ElasticMQ started in"
                + " the run. Units are counted by `UsageMeter` (DynamoDB consumed capacity, S3 requests and bytes,"
                + " SQS requests) and from the records ingest sent; they do not depend on the machine. Prices are"
                + " us-east-1 list prices without free tiers (table below).", CostReport.today(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("java.version"), seconds);
        line(md, "");
        line(md, "**Mix.** %s (the shared fixture `OtlpFixtures`, seeds 1000 and up). Each service exports its own"
                + " spans, so a trace reaches the stream as one record per service it touched, gzip level %d (the"
                + " ingest default). One export request = one HTTP API request = one ingest invocation: the"
                + " assumption is full %d-span batches at every volume. The stream has %d shards (an on-demand"
                + " stream's start); the assembler gets up to %d records per shard or what arrived in %d s (SkeinProps"
                + " defaults), so the traffic rate decides how full its batches are: each volume below is its own run"
                + " at its own rate in simulated time (mean records per batch: %s). The first %.0f%% of the traffic"
                + " only warms up (JIT, catalogue entries) and is not counted. A service's %d-span batch fills in"
                + " seconds at 1 B a month but takes minutes at 10 M, where real SDKs would flush every 5 s instead,"
                + " sending smaller requests: the 10 M column is priced on full batches all the same.", r.mix().describe(),
                IngestRun.RECORD_COMPRESSION, TrafficMix.SPANS_PER_EXPORT, PipelineMeasurement.SHARDS,
                PipelineMeasurement.ASSEMBLER_BATCH, PipelineMeasurement.BATCHING_WINDOW_MILLIS / 1000,
                batchSizes(r), PipelineMeasurement.WARMUP_SHARE * 100, TrafficMix.SPANS_PER_EXPORT);
        line(md, "");

        line(md, "### Units per span");
        line(md, "");
        header(md, "unit", volumes);
        row(md, "HTTP API requests = ingest invocations", usages, u -> u.apiRequests(), "%.5f");
        row(md, "Kinesis records", usages, SpanUsage::kinesisRecords, "%.4f");
        row(md, "Kinesis bytes (data + partition key)", usages, SpanUsage::kinesisBytes, "%.0f");
        row(md, "Kinesis on-demand billed KB (1 KB-rounded records)", usages, u -> u.kinesisOnDemandGb() * 1e9 / 1024, "%.3f");
        row(md, "Kinesis PUT payload units (25 KB)", usages, SpanUsage::kinesisPutPayloadUnits, "%.4f");
        row(md, "assembler invocations", usages, SpanUsage::assemblerInvocations, "%.5f");
        row(md, "finalizer invocations (modeled fill, below)", usages, SpanUsage::finalizerInvocations, "%.5f");
        row(md, "DynamoDB write units", usages, SpanUsage::dynamoDbWriteUnits, "%.4f");
        row(md, "DynamoDB read units", usages, SpanUsage::dynamoDbReadUnits, "%.4f");
        row(md, "S3 PUTs", usages, SpanUsage::s3Puts, "%.5f");
        row(md, "S3 GETs", usages, SpanUsage::s3Gets, "%.5f");
        row(md, "S3 bytes stored", usages, u -> u.s3GbStored() * 1e9, "%.0f");
        row(md, "DynamoDB bytes stored (incl. 100 B per item, bound)", usages, u -> u.tableGbStored() * 1e9, "%.0f");
        row(md, "SQS requests (incl. 2 per finalizer invocation)", usages, SpanUsage::sqsRequests, "%.4f");
        row(md, "ingest CPU µs (this machine)", usages, u -> u.ingestCpuSeconds() * 1e6, "%.1f");
        row(md, "assembler CPU µs", usages, u -> u.assemblerCpuSeconds() * 1e6, "%.1f");
        row(md, "finalizer CPU µs", usages, u -> u.finalizerCpuSeconds() * 1e6, "%.1f");
        row(md, "log bytes to CloudWatch (assumed sizes)", usages, u -> u.logGb() * 1e9, "%.1f");
        line(md, "");
        line(md, "DynamoDB requests per million spans by operation (assembler + finalizer): %s. Kinesis: %,d records"
                + " in %,d PutRecords calls for %,d spans. Stream bytes per span are exact; CPU times are one run's"
                + " sums over the measured part, noisy by 10-20%% on a shared machine.", operations(r),
                in.records(), in.putRecordsCalls(), in.spans());
        line(md, "");
        line(md, "**Lambda.** GB-seconds = memory (1,024 MB, SkeinProps' default for every function) × (CPU time"
                + " measured here ÷ %.2f, the vCPU share 1,024 MB buys, + I/O waits). CPU time is the calling thread's"
                + " (ThreadMXBean) around `SpanIngester.ingest` (with the real `KinesisRecordSink`),"
                + " `TraceAssembler.assemble` and `TraceFinalizer.finalizeTraces`, SDK marshalling included, on this"
                + " machine's x86 core standing in for Lambda's arm64 (Graviton) core one for one; GC and JIT threads"
                + " are not counted. I/O waits are assumed, not measured: %.0f ms per PutRecords, %.0f ms per DynamoDB"
                + " request, %.0f ms per S3 PUT, %.0f ms per S3 GET, %.0f ms per SQS request, all sequential as the"
                + " code makes them. Cold starts and SnapStart restores are not counted. The finalizer's timers per"
                + " invocation are modeled as the timers arriving in one second, 1 to 10 (its batch size): the"
                + " queue's pollers hand over what they find.", CostModel.FUNCTION_MEMORY_MB / CostModel.MB_PER_VCPU,
                SpanUsage.PUT_RECORDS_SECONDS * 1e3, SpanUsage.DYNAMODB_SECONDS * 1e3, SpanUsage.S3_PUT_SECONDS * 1e3,
                SpanUsage.S3_GET_SECONDS * 1e3, SpanUsage.SQS_SECONDS * 1e3);
        line(md, "");

        line(md, "### Prices (us-east-1, checked %s)", Prices.CHECKED);
        line(md, "");
        line(md, "| service | item | price | source |");
        line(md, "|---|---|---:|---|");
        for (Prices.Price p : Prices.ALL) {
            line(md, "| %s | %s | $%s %s | %s |", p.service(), p.item(), plain(p.dollars()), p.unit(), p.source());
        }
        line(md, "");

        line(md, "### Cost per million spans");
        line(md, "");
        header(md, "line ($ per million spans)", volumes);
        List<List<CostModel.LineItem>> bills = new java.util.ArrayList<>();
        for (int i = 0; i < volumes.size(); i++) bills.add(CostModel.lines(usages.get(i), volumes.get(i)));
        for (int l = 0; l < bills.get(0).size(); l++) {
            CostModel.LineItem first = bills.get(0).get(l);
            StringBuilder cells = new StringBuilder();
            for (int i = 0; i < volumes.size(); i++) {
                cells.append(String.format(Locale.ROOT, " %.4f |", bills.get(i).get(l).dollarsPerMillionSpans(volumes.get(i))));
            }
            line(md, "| %s: %s%s |%s", first.service(), first.what(), first.fixed() ? " (fixed, spread)" : "", cells);
        }
        StringBuilder totals = new StringBuilder();
        StringBuilder monthly = new StringBuilder();
        StringBuilder xray = new StringBuilder();
        StringBuilder xrayMonthly = new StringBuilder();
        for (int i = 0; i < volumes.size(); i++) {
            double total = CostModel.total(bills.get(i));
            totals.append(String.format(Locale.ROOT, " **%.4f** |", total / (volumes.get(i) / 1e6)));
            monthly.append(String.format(Locale.ROOT, " $%,.2f |", total));
            CostModel.LineItem x = CostModel.xray(usages.get(i), volumes.get(i));
            xray.append(String.format(Locale.ROOT, " %.4f |", x.dollarsPerMillionSpans(volumes.get(i))));
            xrayMonthly.append(String.format(Locale.ROOT, " $%,.2f |", x.monthlyDollars()));
        }
        line(md, "| **Skein total** |%s", totals);
        line(md, "| Skein, a month |%s", monthly);
        line(md, "| X-Ray for the same traffic (traces recorded only) |%s", xray);
        line(md, "| X-Ray, a month |%s", xrayMonthly);
        line(md, "");
        line(md, "X-Ray bills per trace, not per span: %.1f spans per trace in this mix turn $5 per million traces"
                + " into the figure above; retrieving or scanning traces adds $0.50 per million traces, and its free"
                + " tier (100,000 traces a month) is left out as Skein's free tiers are. Not in Skein's lines: queries"
                + " (each a Lambda invocation, an API request and a few reads), the dashboard ($3 a month beyond an"
                + " account's three free ones), S3 server access-log objects (their storage only), the timer queue's"
                + " idle polling (a few hundred thousand SQS requests a month, about $0.25), data transfer.",
                r.mix().spansPerTrace());
        line(md, "");
        goal(md, bills.get(CostReport.VOLUMES.indexOf(CostReport.GOAL_VOLUME)), usages.get(
                CostReport.VOLUMES.indexOf(CostReport.GOAL_VOLUME)));
    }

    private static void goal(StringBuilder md, List<CostModel.LineItem> bill, SpanUsage u) {
        long v = CostReport.GOAL_VOLUME;
        double perMillion = CostModel.total(bill) / (v / 1e6);
        boolean met = perMillion <= CostReport.GOAL_DOLLARS_PER_MILLION;
        line(md, "### Goal");
        line(md, "");
        line(md, "| goal | target | measured | met |");
        line(md, "|---|---|---|---|");
        line(md, "| %s | ≤ $%.2f | $%.4f | %s |", CostReport.GOAL_NAME, CostReport.GOAL_DOLLARS_PER_MILLION, perMillion,
                met ? "yes" : "no");
        line(md, "");
        List<CostModel.LineItem> sorted = CostReport.byCost(bill);
        StringBuilder top = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            CostModel.LineItem l = sorted.get(i);
            top.append(String.format(Locale.ROOT, "%s%s %s $%.4f (%.0f%%)", i == 0 ? "" : ", ", l.service(), l.what(),
                    l.dollarsPerMillionSpans(v), 100 * l.monthlyDollars() / CostModel.total(bill)));
        }
        line(md, "At 1 B spans a month the largest lines are %s.", top);
        if (met) return;
        double over = perMillion - CostReport.GOAL_DOLLARS_PER_MILLION;
        double wcuCost = line(bill, "DynamoDB", "write request units").dollarsPerMillionSpans(v);
        double kinesisOnDemand = line(bill, "Kinesis", "on-demand data in (records rounded to 1 KB)").dollarsPerMillionSpans(v)
                + line(bill, "Kinesis", "on-demand data out (assembler reads)").dollarsPerMillionSpans(v)
                + line(bill, "Kinesis", "on-demand stream-hours").dollarsPerMillionSpans(v);
        double spansPerSecond = v / (PipelineMeasurement.HOURS_PER_MONTH * 3600);
        int shards = (int) Math.max(1, Math.ceil(Math.max(u.kinesisBytes() * spansPerSecond / (1024 * 1024),
                u.kinesisRecords() * spansPerSecond / 1000) * 2));
        double provisioned = (shards * PipelineMeasurement.HOURS_PER_MONTH * Prices.perUnit(Prices.KINESIS_SHARD_HOUR)
                + u.kinesisPutPayloadUnits() * v * Prices.perUnit(Prices.KINESIS_PUT_PAYLOAD_UNIT)) / (v / 1e6);
        line(md, "");
        line(md, "The goal is missed by $%.4f per million spans. What would close it, without changing the measured"
                + " code here:", over);
        line(md, "");
        double wcuNeeded = (wcuCost - over) / (Prices.perUnit(Prices.DYNAMODB_WRITE) * 1e6);
        line(md, "- **DynamoDB writes** ($%.4f, %.3f write units per span): %s Split by function above: the assembler writes a pointer"
                + " per trace per batch and search entries per service and batch; the finalizer commits each trace's"
                + " summary and service-graph edges in transactions, which bill 2 units per started KB of every item,"
                + " once per trace version (late chunks make new versions). Fixes, largest saving first: plain"
                + " conditional writes instead of transactions for summaries and edges (half the finalizer's units),"
                + " summaries under 1 KB, edge deltas summed over more traces per commit (a larger"
                + " `finalizerBatchSize` with a window); for the assembler, fewer chunks per trace (a longer batching"
                + " window, or a collector grouping spans by trace before export).",
                wcuCost, u.dynamoDbWriteUnits(), wcuNeeded > 0
                        ? String.format(Locale.ROOT, "to meet the goal with every other line as it is, they must fall"
                                + " to %.3f units per span.", wcuNeeded)
                        : String.format(Locale.ROOT, "even with none at all the total would be $%.4f, so other lines"
                                + " must fall too.", perMillion - wcuCost));
        line(md, "- **Kinesis**: on demand costs $%.4f per million spans here; %d provisioned shard(s) (twice the"
                + " steady need, `-c streamShards=%d`) would cost $%.4f, saving $%.4f.", kinesisOnDemand,
                shards, shards, provisioned, kinesisOnDemand - provisioned);
        line(md, "- **S3 PUTs** fall with fuller batches (two objects per batch and tenant): a larger"
                + " `assemblerBatchSize` with a longer window writes larger objects.");
    }

    private static CostModel.LineItem line(List<CostModel.LineItem> bill, String service, String what) {
        return bill.stream().filter(l -> l.service().equals(service) && l.what().equals(what)).findFirst().orElseThrow();
    }

    private static String batchSizes(PipelineMeasurement.Result r) {
        StringBuilder b = new StringBuilder();
        for (PipelineMeasurement.Volume v : r.volumes().values()) {
            b.append(b.length() == 0 ? "" : ", ").append(v.meanBatchRecords()).append(" at ").append(volume(v.spansPerMonth()));
        }
        return b.toString();
    }

    private static String operations(PipelineMeasurement.Result r) {
        StringBuilder b = new StringBuilder();
        for (PipelineMeasurement.Volume v : r.volumes().values()) {
            AssemblyRun.Figures f = v.figures();
            Map<String, Long> ops = new java.util.TreeMap<>(f.assembler().usage().dynamoDbRequests());
            f.finalizer().usage().dynamoDbRequests().forEach((op, n) -> ops.merge(op, n, Long::sum));
            b.append(b.length() == 0 ? "" : "; ").append(volume(v.spansPerMonth())).append(String.format(Locale.ROOT,
                    " (write units per span: assembler %.4f, finalizer %.4f) ",
                    f.assembler().usage().dynamoDbWriteUnits() / f.spans(),
                    f.finalizer().usage().dynamoDbWriteUnits() / f.spans()));
            ops.forEach((op, n) -> b.append(op).append(' ')
                    .append(String.format(Locale.ROOT, "%,.0f", n * 1e6 / f.spans())).append(' '));
        }
        return b.toString().trim();
    }

    static String volume(long spans) {
        return spans >= 1_000_000_000L ? spans / 1_000_000_000L + " B" : spans / 1_000_000L + " M";
    }

    private static void header(StringBuilder md, String first, List<Long> volumes) {
        StringBuilder h = new StringBuilder("| " + first + " |");
        StringBuilder s = new StringBuilder("|---|");
        for (long v : volumes) {
            h.append(' ').append(volume(v)).append(" spans/month |");
            s.append("---:|");
        }
        line(md, h.toString());
        line(md, s.toString());
    }

    private static void row(StringBuilder md, String label, List<SpanUsage> usages,
            java.util.function.ToDoubleFunction<SpanUsage> value, String format) {
        StringBuilder cells = new StringBuilder("| " + label + " |");
        for (SpanUsage u : usages) cells.append(' ').append(String.format(Locale.ROOT, format, value.applyAsDouble(u))).append(" |");
        line(md, cells.toString());
    }

    private static String plain(double d) {
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    private static void line(StringBuilder md, String format, Object... args) {
        md.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
    }
}
