package dev.skein.benchmarks.tenancy;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** The per-call figures as console lines and as the performance report's section. */
final class TenancySection {
    static final String HEADING = "## Per-call cost of API keys and quotas";

    private TenancySection() {}

    static void print(TenancyLatencyReport.Result r, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "per-call latency in µs, one call at a time, after %,d unmeasured calls of each kind"
                + "; ingest requests of %d spans, %,d bytes%n", r.options().warmup(), TenancyLatencyReport.SPANS,
                r.ingestBytes());
        out.printf(Locale.ROOT, "%-58s %6s %9s %9s %9s %9s  %s%n", "call", "calls", "p50", "p90", "p99", "max",
                "table requests per call");
        for (CallLatency row : r.rows()) {
            out.printf(Locale.ROOT, "%-58s %6d %9.1f %9.1f %9.1f %9.1f  %s%n", row.label(), row.samples().count(),
                    row.percentileMicros(50), row.percentileMicros(90), row.percentileMicros(99),
                    row.percentileMicros(100), row.requests());
        }
        out.println("the table is DynamoDB Local in this JVM over loopback HTTP, not DynamoDB");
        if (r.allRight()) {
            out.println("answers checked: every decision let the key through, every request was admitted and"
                    + " metered, and the table's buckets recorded every admission");
        } else {
            out.println("WRONG ANSWERS:");
            for (CallLatency row : r.rows()) {
                if (row.wrong() > 0) out.printf(Locale.ROOT, "  %s: %,d calls%n", row.label(), row.wrong());
            }
            for (String problem : r.problems()) out.println("  " + problem);
        }
    }

    static String markdown(TenancyLatencyReport.Result r) {
        StringBuilder md = new StringBuilder();
        md.append(HEADING).append("\n\n");
        md.append(String.format(Locale.ROOT, """
                What API keys and quotas add to each request once a function is warm, measured by \
                `dev.skein.benchmarks.tenancy.TenancyLatencyReport` on %s, %d CPUs, JDK %s, JVM flags \
                `%s`: %,d calls of each kind, one at a time, after %,d unmeasured ones. The authorizer \
                is `AuthorizerHandler` on its whole event (an HTTP API authorizer event for `POST \
                /v1/traces` with an ingest key as a bearer token: read, decide, answer), with the key \
                in its in-function cache, and with a cache time of zero so that every call reads the \
                key from the table. The quota rows are `QuotaGate` spending a request of %d spans \
                (%,d bytes, the fixture's request) or one query, with limits far above the calls' \
                rate so every call takes the path of a request within its quota, on an in-memory \
                ledger (the gate's own work) and on `DynamoQuotaLedger`. Every answer was checked \
                (every key let through, every request admitted and metered, every admission \
                recorded in the table).

                """, LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), TenancyLatencyReport.jvmFlags(), r.options().calls(),
                r.options().warmup(), TenancyLatencyReport.SPANS, r.ingestBytes()));
        md.append("| call | p50, µs | p90, µs | p99, µs | max, µs | table requests per call |\n");
        md.append("|---|---:|---:|---:|---:|---|\n");
        for (CallLatency row : r.rows()) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %s |%n", row.label(),
                    row.percentileMicros(50), row.percentileMicros(90), row.percentileMicros(99),
                    row.percentileMicros(100), row.requests()));
        }
        md.append('\n');
        md.append("""
                **The table here is DynamoDB Local, not DynamoDB**: the emulator runs in the \
                measuring JVM, on the same cores, and is reached over loopback HTTP, with no TLS and \
                no network. Its answers cost CPU time DynamoDB's do not, and a real request adds a \
                network round trip instead (DynamoDB's own figure is single-digit milliseconds), so \
                the rows that read or write the table compare changes on one machine and count the \
                requests; they do not predict latency in AWS. The cache-hit and in-memory rows are \
                the code alone and carry over. API Gateway also caches the authorizer's answers \
                (per key and route, for the stack's TTL), so most requests never reach the function.
                """);
        return md.toString();
    }
}
