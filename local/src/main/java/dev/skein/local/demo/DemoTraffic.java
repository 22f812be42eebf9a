package dev.skein.local.demo;

import dev.skein.model.Span;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated shop's traffic into a running skein-local, so that a first run shows a living
 * service map and traces at once: first the last quarter hour's requests (timestamps in the past,
 * well within ingest's age limit), then a steady rate of new ones, each exported as its spans
 * end. One line every half minute says what was sent; nothing is logged per span or trace.
 *
 * <p>All of it runs on one thread; {@link #close} stops it.
 */
public final class DemoTraffic implements AutoCloseable {
    public static final double DEFAULT_REQUESTS_PER_SECOND = 2;
    /** More would outrun the local Kinesis emulator, which takes a few hundred records a second. */
    public static final double MAX_REQUESTS_PER_SECOND = 100;
    static final int BACKFILL_REQUESTS = 300;
    static final Duration BACKFILL_WINDOW = Duration.ofMinutes(15);

    private static final long TICK_MILLIS = 250;
    /** How often each service's exporter sends what has ended: a batch span processor's delay. */
    private static final long EXPORT_MILLIS = 1_000;
    private static final long SUMMARY_MILLIS = 30_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final ShopSimulator shop;
    private final ExportQueues queues = new ExportQueues(ShopServices.ALL);
    private final SpanSender sender;
    private final SendCounters counters;
    private final RequestPacing pacing;
    private final Clock clock;
    private final PrintStream out;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "skein-demo");
        t.setDaemon(true);
        return t;
    });

    private DemoTraffic(ShopSimulator shop, SpanSender sender, SendCounters counters, double requestsPerSecond,
            Clock clock, PrintStream out) {
        this.shop = shop;
        this.sender = sender;
        this.counters = counters;
        this.clock = clock;
        this.out = out;
        this.pacing = new RequestPacing(requestsPerSecond, nanos(clock.instant()));
    }

    /**
     * Starts the traffic into skein-local's front door.
     *
     * @param host where skein-local listens; a wildcard address is reached on the loopback
     * @param key the API key the shop's services send; empty when skein-local asks for none
     */
    public static DemoTraffic start(String host, int otlpPort, int zipkinPort, double requestsPerSecond,
            Optional<String> key, PrintStream out) {
        String to = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return start(uri(to, otlpPort, "/v1/traces"), uri(to, zipkinPort, "/api/v2/spans"), key, requestsPerSecond,
                BACKFILL_REQUESTS, new Random().nextLong(), Clock.systemUTC(), out);
    }

    /** @param seed a new one each run, so a persisted skein-local never gets a trace ID twice */
    static DemoTraffic start(URI otlpTraces, URI zipkinSpans, Optional<String> key, double requestsPerSecond,
            int backfillRequests, long seed, Clock clock, PrintStream out) {
        SendCounters counters = new SendCounters();
        DemoTraffic demo = new DemoTraffic(new ShopSimulator(seed), new SpanSender(otlpTraces, zipkinSpans, key,
                counters, out), counters, requestsPerSecond, clock, out);
        out.printf(Locale.ROOT, "demo traffic: a simulated shop (%s): %d requests over the last %d minutes, "
                + "then %s a second%n", String.join(", ", ShopServices.ALL.stream().map(SimulatedService::name).toList()),
                backfillRequests, BACKFILL_WINDOW.toMinutes(), rate(requestsPerSecond));
        demo.thread.execute(demo.guarded(() -> demo.backfill(backfillRequests)));
        demo.thread.scheduleAtFixedRate(demo.guarded(demo::tick), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        demo.thread.scheduleWithFixedDelay(demo.guarded(demo::export), EXPORT_MILLIS, EXPORT_MILLIS,
                TimeUnit.MILLISECONDS);
        demo.thread.scheduleAtFixedRate(() -> out.println(counters.summary()), SUMMARY_MILLIS, SUMMARY_MILLIS,
                TimeUnit.MILLISECONDS);
        return demo;
    }

    /**
     * Reads {@code --demo-rate}: shop requests (each a trace) per second.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static double parseRate(String value, String option) {
        try {
            double rate = Double.parseDouble(value.trim());
            if (rate > 0 && rate <= MAX_REQUESTS_PER_SECOND) { // false for NaN
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be requests (traces) per second, more than 0 and at most "
                + rate(MAX_REQUESTS_PER_SECOND) + ", got '" + value + "'");
    }

    SendCounters counters() {
        return counters;
    }

    /**
     * The last quarter hour's requests, evenly spread over it and exported at once. The window
     * ends a minute ago, so that every request and the shipment it starts is over by now.
     */
    private void backfill(int requests) throws InterruptedException {
        long now = nanos(clock.instant());
        long first = now - BACKFILL_WINDOW.toNanos();
        long spread = BACKFILL_WINDOW.minusMinutes(1).toNanos();
        for (int i = 0; i < requests; i++) simulate(first + (long) ((i + 0.5) / requests * spread));
        export();
        pacing.restartAt(nanos(clock.instant()));
    }

    /** The requests due since the last tick. */
    private void tick() {
        for (long start : pacing.tick(nanos(clock.instant()))) simulate(start);
    }

    private void simulate(long startNanos) {
        List<Span> spans = shop.next(startNanos);
        long traces = spans.stream().filter(Span::isRoot).count();
        counters.simulated(traces);
        queues.add(spans);
    }

    /** Every service exports what has ended. */
    private void export() throws InterruptedException {
        for (ExportQueues.Batch batch : queues.takeEnded(nanos(clock.instant()))) sender.send(batch);
    }

    /** A task that must not fail quietly: a scheduled task that throws never runs again. */
    private interface Task {
        void run() throws InterruptedException;
    }

    private Runnable guarded(Task task) {
        return () -> {
            try {
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping
            } catch (RuntimeException e) {
                out.println("demo traffic stopped: " + e);
                thread.shutdown();
            }
        };
    }

    /** Stops at once, dropping spans not yet sent; says what was sent. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (thread.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                sender.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println(counters.summary().replace("demo traffic:", "demo traffic stopped:"));
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }

    private static URI uri(String host, int port, String path) {
        try {
            return new URI("http", null, host, port, path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot reach skein-local at " + host + ": " + e.getMessage(), e);
        }
    }
}
