package dev.skein.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * skein-local's query function over HTTP, as a console calls it: GET with an API key as a bearer
 * token (or, to see what a caller without one gets, with none), and JSON back.
 */
final class QueryApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final Optional<String> key;

    private QueryApi(String base, Optional<String> key) {
        this.base = base;
        this.key = key;
    }

    /** Every request carries {@code Authorization: Bearer <key>}. */
    static QueryApi withKey(String base, String key) {
        return new QueryApi(base, Optional.of(key));
    }

    /** Requests carry no credentials at all. */
    static QueryApi anonymous(String base) {
        return new QueryApi(base, Optional.empty());
    }

    record Answer(String path, int status, Optional<String> partialHeader, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("GET " + path + " answered " + status + " with a body that is not JSON: "
                        + new String(body, StandardCharsets.UTF_8), e);
            }
        }
    }

    Answer get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET();
        key.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        HttpResponse<byte[]> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(pathAndQuery, r.statusCode(), r.headers().firstValue("skein-trace-partial"), r.body());
    }

    /** The body of a 200 answer. */
    JsonNode json(String pathAndQuery) throws IOException, InterruptedException {
        Answer a = get(pathAndQuery);
        if (a.status() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + a.status() + ": "
                    + new String(a.body(), StandardCharsets.UTF_8));
        }
        return a.json();
    }

    static String encode(String parameter) {
        return URLEncoder.encode(parameter, StandardCharsets.UTF_8);
    }
}
