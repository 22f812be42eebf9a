package dev.skein.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.local.SkeinLocal;
import dev.skein.tenancy.QuotaPolicy;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freshness: how soon after its exporter hears success a trace can be read whole by ID, and found
 * by search, on skein-local. Hundreds of two-service traces go through the OpenTelemetry Java SDK,
 * each exported with an explicit flush so the end of its export is known, a few at a time; each
 * is then polled over HTTP. The distribution is printed and written to target/freshness.txt. The
 * test asserts only that every trace became readable, never how fast: the figures depend on the
 * machine.
 *
 * <p>The idle period (2 s locally) is not in these figures: it governs when a trace's summary and
 * service graph settle, not when its spans can be read.
 */
class FreshnessIT {
    private static final int TRACES = 300;
    private static final int IN_PARALLEL = 6;
    private static final int SPANS_PER_TRACE = 5;
    private static final long POLL_MILLIS = 15;
    /**
     * Before each trace a worker pauses up to this long, at random, so that exports do not fall
     * into step with the stream's reader, which reads each shard once a second as Lambda does:
     * a worker that exported as soon as its last trace became readable would always export just
     * after a read, and always wait the longest.
     */
    private static final long JITTER_MILLIS = 1000;
    /** The suite's one deadline: a trace not readable by then is a failure, not a figure. */
    private static final Duration BOUND = Eventually.DEADLINE;
    /**
     * Six workers polling every 15 ms ask far more than the default 25 queries a second: the
     * tenant gets the quota an operator would give such a client, so that the figures measure
     * freshness, not the query rate limit.
     */
    private static final QuotaPolicy POLLING_QUOTA = QuotaPolicy.parse("""
            {"tenants":{"%s":{"queriesPerSecond":100000}}}""".formatted(SkeinLocal.TENANT));
    private static final String FRONT = "fresh-front";
    private static final String BACK = "fresh-back";

    @TempDir
    static Path dataDir;
    static SkeinLocal skein;
    static QueryApi api;

    @BeforeAll
    static void start() throws Exception {
        skein = LocalSkein.start(dataDir, o -> o.withQuotas(POLLING_QUOTA));
        api = LocalSkein.queryApi(skein);
    }

    @AfterAll
    static void stop() {
        if (skein != null) {
            skein.close();
        }
    }

    /** How long after the end of its export a trace was readable whole and found by search (-1: not within the bound). */
    record Freshness(String traceId, long readableNanos, long findableNanos) {}

    @Test
    void everyTrace_afterItsExportReturns_becomesReadableWholeByIdAndFindable() throws Exception {
        ExecutorService exporters = Executors.newFixedThreadPool(IN_PARALLEL);
        List<Freshness> measured = new ArrayList<>();
        try {
            List<Future<List<Freshness>>> workers = new ArrayList<>();
            for (int w = 0; w < IN_PARALLEL; w++) {
                int first = w;
                workers.add(exporters.submit(() -> exportAndPoll(first)));
            }
            for (Future<List<Freshness>> w : workers) {
                measured.addAll(w.get());
            }
        } finally {
            // When one worker failed, the others stop rather than go on exporting to a skein-local being closed.
            exporters.shutdownNow();
        }

        String report = report(measured);
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "freshness.txt"), report, StandardCharsets.UTF_8);

        assertThat(measured).hasSize(TRACES);
        assertThat(measured).as("traces not readable whole by ID within %s of their export", BOUND)
                .filteredOn(f -> f.readableNanos() < 0).isEmpty();
        assertThat(measured).as("traces not found by search within %s of their export", BOUND)
                .filteredOn(f -> f.findableNanos() < 0).isEmpty();
    }

    /** Traces {@code first}, {@code first + IN_PARALLEL}, …, one after another, each polled until readable. */
    private static List<Freshness> exportAndPoll(int first) throws Exception {
        InMemorySpanExporter frontSent = InMemorySpanExporter.create();
        InMemorySpanExporter backSent = InMemorySpanExporter.create();
        SdkTracerProvider front = provider(FRONT, frontSent);
        SdkTracerProvider back = provider(BACK, backSent);
        List<Freshness> out = new ArrayList<>();
        try {
            for (int n = first; n < TRACES; n += IN_PARALLEL) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(JITTER_MILLIS));
                String traceId = trace(front.get("dev.skein.it.freshness"), back.get("dev.skein.it.freshness"), n);
                CompletableResultCode exported = CompletableResultCode.ofAll(List.of(front.forceFlush(), back.forceFlush()))
                        .join(30, TimeUnit.SECONDS);
                long exportEnd = System.nanoTime();
                assertThat(exported.isSuccess()).as("both exporters got a success answer for their export").isTrue();
                assertThat(frontSent.getFinishedSpanItems().size() + backSent.getFinishedSpanItems().size())
                        .isEqualTo(SPANS_PER_TRACE);
                frontSent.reset();
                backSent.reset();
                out.add(poll(traceId, n, exportEnd));
            }
        } finally {
            front.shutdown().join(10, TimeUnit.SECONDS);
            back.shutdown().join(10, TimeUnit.SECONDS);
        }
        return out;
    }

    /** Exports only when flushed, so that each flush is one trace's whole export. */
    private static SdkTracerProvider provider(String service, InMemorySpanExporter copy) {
        return JavaSdk.provider(service, copy, JavaSdk.otlp(LocalSkein.otlpTracesUrl(skein), LocalSkein.devKey(skein),
                true, e -> BatchSpanProcessor.builder(e).setScheduleDelay(Duration.ofHours(1)).build()));
    }

    /** front's request calls back, which reads its cache and its database: five spans, two services. */
    private static String trace(Tracer front, Tracer back, int n) {
        Span request = front.spanBuilder("GET /items/{id}").setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", "GET").startSpan();
        Span call = front.spanBuilder("GET /stock").setParent(Context.root().with(request))
                .setSpanKind(SpanKind.CLIENT).setAttribute("server.address", "stock.internal").startSpan();
        Span serve = back.spanBuilder("GET /stock")
                .setParent(JavaSdk.remoteParent(call.getSpanContext().getTraceId(), call.getSpanContext().getSpanId()))
                .setSpanKind(SpanKind.SERVER).setAttribute("fresh.trace", Integer.toString(n)).startSpan();
        back.spanBuilder("read cache").setParent(Context.root().with(serve)).startSpan().end();
        back.spanBuilder("SELECT stock").setParent(Context.root().with(serve)).setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system", "postgresql").startSpan().end();
        serve.end();
        call.end();
        request.end();
        return request.getSpanContext().getTraceId();
    }

    /** Polls until the trace is readable whole by ID (every span, not partial) and found by search. */
    private static Freshness poll(String traceId, int n, long exportEnd) throws Exception {
        long readable = -1;
        long findable = -1;
        String search = "/api/traces?service=" + BACK + "&tag=" + QueryApi.encode("fresh.trace=" + n)
                + "&lookback=15m&limit=1";
        while (System.nanoTime() - exportEnd < BOUND.toNanos() && (readable < 0 || findable < 0)) {
            long tick = System.nanoTime();
            if (readable < 0 && isWhole(api.get("/api/traces/" + traceId))) {
                readable = System.nanoTime() - exportEnd;
            }
            if (findable < 0 && api.json(search).path("traces").path(0).path("traceId").asText().equals(traceId)) {
                findable = System.nanoTime() - exportEnd;
            }
            long left = POLL_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tick);
            if (left > 0) {
                Thread.sleep(left);
            }
        }
        return new Freshness(traceId, readable, findable);
    }

    private static boolean isWhole(QueryApi.Answer a) {
        return a.status() == 200 && a.partialHeader().orElse("").equals("false")
                && SkeinDialect.spans(a.json()).size() == SPANS_PER_TRACE;
    }

    private static String report(List<Freshness> measured) {
        return String.format(Locale.ROOT, """
                Freshness on skein-local: %d traces of %d spans from 2 services, exported through the OpenTelemetry \
                Java SDK (OTLP/HTTP protobuf, gzip), %d at a time after a random pause of up to %d ms, each polled \
                every %d ms from the end of its export (both flushes returned).
                  readable whole by ID (/api/traces/{id}: every span, not partial): %s
                  found by search (/api/traces?service=&tag=):                        %s
                """, measured.size(), SPANS_PER_TRACE, IN_PARALLEL, JITTER_MILLIS, POLL_MILLIS,
                distribution(measured.stream().mapToLong(Freshness::readableNanos).toArray()),
                distribution(measured.stream().mapToLong(Freshness::findableNanos).toArray()));
    }

    /** Nearest-rank percentiles, in milliseconds, of the times that were measured (-1: never). */
    private static String distribution(long[] nanos) {
        long[] seen = Arrays.stream(nanos).filter(t -> t >= 0).sorted().toArray();
        if (seen.length == 0) {
            return "none of " + nanos.length;
        }
        return String.format(Locale.ROOT, "count=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms%s", seen.length,
                millis(percentile(seen, 50)), millis(percentile(seen, 90)), millis(percentile(seen, 99)),
                millis(seen[seen.length - 1]), seen.length < nanos.length ? " (" + (nanos.length - seen.length)
                        + " never within " + BOUND.toSeconds() + " s)" : "");
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
