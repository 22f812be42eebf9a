package dev.skein.benchmarks.load;

import dev.skein.benchmarks.load.LoadBatch.WireFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A server that takes spans over HTTP and reads a trace back by ID, running as its own process. */
interface LoadTarget extends AutoCloseable {
    Duration READY_DEADLINE = Duration.ofSeconds(120);

    String name();

    /** Where batches in {@code format} are posted. */
    URI ingest(WireFormat format);

    /** Headers every request carries: the API key, for a server that asks for one. */
    default Map<String, String> credentials() {
        return Map.of();
    }

    /** Whether the trace reads back by ID with all {@code spans} of it. */
    boolean readable(HttpClient http, String traceIdHex, int spans) throws IOException, InterruptedException;

    ServerProcess process();

    @Override
    default void close() throws InterruptedException {
        process().close();
    }

    static HttpResponse<byte[]> get(HttpClient http, URI uri, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
