package dev.skein.benchmarks.load;

import dev.skein.benchmarks.load.LoadBatch.WireFormat;
import dev.skein.codec.DecodeException;
import dev.skein.codec.DecodedSpans;
import dev.skein.codec.OtlpJsonDecoder;
import dev.skein.codec.TooManySpansException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code java -jar local/target/skein-local.jar --no-persist} on ports it picks, as a user runs
 * it: the emulators in its JVM but for Kinesis, a child {@code node} process. A trace is readable
 * when Skein's API returns all its spans and no longer marks it partial.
 */
final class SkeinLocalTarget implements LoadTarget {
    private static final Pattern READY = Pattern.compile("Skein is running \\(ready in ([0-9.]+) s\\)\\.");
    private static final Pattern OTLP = Pattern.compile("OTLP/HTTP\\s+http://[^:]+:(\\d+)/v1/traces");
    private static final Pattern ZIPKIN = Pattern.compile("Zipkin\\s+http://[^:]+:(\\d+)/api/v2/spans");
    private static final Pattern API = Pattern.compile("http://[^:]+:(\\d+)/api\\s");
    private static final Pattern KEY = Pattern.compile("API key\\s+(skn1\\.\\S+)");
    /**
     * Quotas far above what one machine sends: the load part measures the pipeline, not a
     * tenant's limits, which the tenancy part measures.
     */
    static final String UNLIMITED_QUOTAS = "{\"default\":{\"spansPerSecond\":1e9,\"bytesPerSecond\":1e12,"
            + "\"queriesPerSecond\":1e6}}";
    private static final String PARTIAL_HEADER = "skein-trace-partial";

    private final ServerProcess process;
    private final Path dataDir;
    private final int otlpPort;
    private final int zipkinPort;
    private final int apiPort;
    private final Map<String, String> credentials;

    private SkeinLocalTarget(ServerProcess process, Path dataDir, int otlpPort, int zipkinPort, int apiPort,
            String apiKey) {
        this.credentials = Map.of("authorization", "Bearer " + apiKey);
        this.process = process;
        this.dataDir = dataDir;
        this.otlpPort = otlpPort;
        this.zipkinPort = zipkinPort;
        this.apiPort = apiPort;
    }

    /** @param jvmOptions e.g. a flight recording */
    static SkeinLocalTarget start(Path jar, List<String> jvmOptions) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("skein-load-");
        ServerProcess p = ServerProcess.startJar("skein-local", jar, jvmOptions, List.of("--no-persist",
                "--data-dir", dataDir.toString(), "--otlp-port", "0", "--zipkin-port", "0", "--api-port", "0"),
                Map.of("SKEIN_QUOTAS", UNLIMITED_QUOTAS));
        try {
            int[] ports = new int[3];
            boolean[] ready = new boolean[1];
            String[] key = new String[1];
            p.awaitOutput(line -> {
                Matcher m;
                if (READY.matcher(line).find()) ready[0] = true;
                if ((m = KEY.matcher(line)).find()) key[0] = m.group(1);
                if ((m = OTLP.matcher(line)).find()) ports[0] = Integer.parseInt(m.group(1));
                if ((m = ZIPKIN.matcher(line)).find()) ports[1] = Integer.parseInt(m.group(1));
                if (ready[0] && (m = API.matcher(line)).find()) ports[2] = Integer.parseInt(m.group(1));
                return ports[2] > 0;
            }, READY_DEADLINE);
            p.noteDescendants();
            if (key[0] == null) throw new IllegalStateException("skein-local printed no API key");
            return new SkeinLocalTarget(p, dataDir, ports[0], ports[1], ports[2], key[0]);
        } catch (RuntimeException | InterruptedException e) {
            p.close();
            delete(dataDir);
            throw e;
        }
    }

    @Override
    public String name() {
        return "skein-local";
    }

    @Override
    public URI ingest(WireFormat format) {
        int port = format == WireFormat.OTLP_PROTO ? otlpPort : zipkinPort;
        return URI.create("http://127.0.0.1:" + port + format.path);
    }

    /** The development key skein-local printed: ingest and query for its tenant. */
    @Override
    public Map<String, String> credentials() {
        return credentials;
    }

    @Override
    public boolean readable(HttpClient http, String traceIdHex, int spans) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = LoadTarget.get(http, URI.create("http://127.0.0.1:" + apiPort + "/api/traces/" + traceIdHex),
                credentials);
        if (r.statusCode() != 200 || !r.headers().firstValue(PARTIAL_HEADER).orElse("true").equals("false")) {
            return false;
        }
        try {
            DecodedSpans found = new OtlpJsonDecoder().decode(r.body(), Integer.MAX_VALUE);
            return found.spans().size() + found.rejectedCount() >= spans;
        } catch (DecodeException | TooManySpansException e) {
            throw new IllegalStateException("Skein's API answered trace " + traceIdHex + " with unreadable JSON", e);
        }
    }

    @Override
    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.close();
        } finally {
            delete(dataDir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
