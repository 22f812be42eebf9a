package dev.skein.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Requests exactly as given, any method, headers and body: for tests of what a gateway answers
 * to credentials, where a client library's own handling would be in the way.
 */
final class RawHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RawHttp() {}

    record Answer(int status, Map<String, java.util.List<String>> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name, java.util.List.of()).stream().findFirst().orElse(null);
        }
    }

    static Answer send(String method, String url, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(r::header);
        HttpResponse<byte[]> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().map(), new String(response.body(), StandardCharsets.UTF_8));
    }

    static Answer get(String url, Map<String, String> headers) throws IOException, InterruptedException {
        return send("GET", url, headers, null);
    }

    static Map<String, String> bearer(String key) {
        return Map.of("authorization", "Bearer " + key);
    }
}
