package dev.skein.benchmarks.load;

import dev.skein.benchmarks.load.LoadBatch.WireFormat;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import zipkin2.codec.SpanBytesDecoder;

/**
 * Zipkin's own server with its in-memory storage, the peer Skein is compared with. It takes Zipkin
 * v2 JSON only (its OTLP collector is not in the default build); a trace is readable when
 * {@code /api/v2/trace/{id}} returns all its spans, which it does as soon as the POST returned.
 */
final class ZipkinServerTarget implements LoadTarget {
    /** Spans Zipkin's in-memory storage keeps: more than a run sends at its fastest. */
    static final int MAX_SPANS_KEPT = 5_000_000;

    private final ServerProcess process;
    private final int port;

    private ZipkinServerTarget(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static ZipkinServerTarget start(Path jar, HttpClient http) throws IOException, InterruptedException {
        int port = freePort();
        ServerProcess p = ServerProcess.startJar("zipkin-server", jar, List.of(), List.of(
                "--armeria.ports[0].port=" + port, "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].protocols=http"),
                // In-memory storage keeps 500,000 spans by default and evicts the oldest traces
                // beyond that: a run at Zipkin's rate passes a million spans, and the sampled
                // traces would be evicted before they are read. Keep every span of a run.
                Map.of("STORAGE_TYPE", "mem", "MEM_MAX_SPANS", Integer.toString(MAX_SPANS_KEPT)));
        try {
            long end = System.nanoTime() + READY_DEADLINE.toNanos();
            URI health = URI.create("http://127.0.0.1:" + port + "/health");
            while (!healthy(http, health)) {
                p.check(end, READY_DEADLINE);
                Thread.sleep(200);
            }
            return new ZipkinServerTarget(p, port);
        } catch (RuntimeException | InterruptedException e) {
            p.close();
            throw e;
        }
    }

    private static boolean healthy(HttpClient http, URI health) throws InterruptedException {
        try {
            return LoadTarget.get(http, health, Map.of()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    /** A port free a moment ago: Zipkin's server has no "pick one and print it". */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public String name() {
        return "zipkin-server";
    }

    @Override
    public URI ingest(WireFormat format) {
        if (format != WireFormat.ZIPKIN_JSON) {
            throw new IllegalArgumentException("Zipkin's server is compared on Zipkin v2 JSON only");
        }
        return URI.create("http://127.0.0.1:" + port + format.path);
    }

    @Override
    public boolean readable(HttpClient http, String traceIdHex, int spans) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = LoadTarget.get(http, URI.create("http://127.0.0.1:" + port + "/api/v2/trace/" + traceIdHex),
                credentials());
        return r.statusCode() == 200 && SpanBytesDecoder.JSON_V2.decodeList(r.body()).size() >= spans;
    }

    @Override
    public ServerProcess process() {
        return process;
    }
}
