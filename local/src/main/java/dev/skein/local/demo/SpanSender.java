package dev.skein.local.demo;

import dev.skein.codec.GzipMemberWriter;
import dev.skein.codec.OtlpProtoEncoder;
import dev.skein.functions.query.zipkin.ZipkinSpans;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.Deflater;

/**
 * Exports each service's batches to the front door as that service's exporter would: OTLP/HTTP
 * protobuf (gzip-compressed for some) to the OTLP port, Zipkin v2 JSON to the Zipkin port, one
 * request per batch, and checks every answer. A refused request is counted, and the first one
 * after each summary line is shown with its reason.
 *
 * <p>Not thread-safe: the encoders reuse their buffers.
 */
final class SpanSender implements AutoCloseable {
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Generous: ingest answers only once the stream holds every record. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REASON_CHARS = 300;

    private final URI otlpTraces;
    private final URI zipkinSpans;
    private final SendCounters counters;
    private final PrintStream log;
    private final Optional<String> authorization;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final OtlpProtoEncoder otlp = new OtlpProtoEncoder();
    private final GzipMemberWriter gzip = new GzipMemberWriter(Deflater.DEFAULT_COMPRESSION);

    /**
     * @param key the API key: sent as a bearer token to OTLP, as SDKs do, and as {@code ?key=} to
     *     Zipkin, as a reporter that can only be given a URL does; empty without auth
     */
    SpanSender(URI otlpTraces, URI zipkinSpans, Optional<String> key, SendCounters counters, PrintStream log) {
        this.authorization = key.map(k -> "Bearer " + k);
        this.zipkinSpans = key.map(k -> URI.create(zipkinSpans + (zipkinSpans.getRawQuery() == null ? "?" : "&")
                + "key=" + URLEncoder.encode(k, StandardCharsets.UTF_8))).orElse(zipkinSpans);
        this.otlpTraces = otlpTraces;
        this.counters = counters;
        this.log = log;
    }

    void send(ExportQueues.Batch batch) throws InterruptedException {
        HttpRequest request = request(batch);
        String problem;
        try {
            problem = problem(batch.service().protocol(), http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            problem = "could not be sent: " + e;
        }
        if (problem == null) {
            counters.accepted(batch.spans().size());
        } else if (counters.refused()) {
            log.println("demo traffic: " + batch.service().name() + "'s request of " + batch.spans().size()
                    + " spans to " + request.uri() + " " + problem
                    + " (further refusals are counted in the next summary)");
        }
    }

    private HttpRequest request(ExportQueues.Batch batch) {
        HttpRequest.Builder r = HttpRequest.newBuilder().timeout(REQUEST_TIMEOUT);
        if (batch.service().protocol() != ExportProtocol.ZIPKIN_JSON) {
            authorization.ifPresent(a -> r.header("authorization", a));
        }
        return switch (batch.service().protocol()) {
            case OTLP_PROTOBUF -> r.uri(otlpTraces).header("content-type", PROTOBUF)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(otlp.encode(batch.spans()))).build();
            case OTLP_PROTOBUF_GZIP -> r.uri(otlpTraces).header("content-type", PROTOBUF)
                    .header("content-encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gzip.member(otlp.encode(batch.spans())))).build();
            case ZIPKIN_JSON -> r.uri(zipkinSpans).header("content-type", JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(ZipkinSpans.encodeTrace(batch.spans()))).build();
        };
    }

    /**
     * What is wrong with an answer, or null for a full success. OTLP/HTTP answers 200 with an
     * empty body when it took every span, and a {@code partial_success} body when it did not;
     * Zipkin answers 202, with a text body listing the spans it rejected.
     */
    private static String problem(ExportProtocol protocol, HttpResponse<byte[]> response) {
        int success = protocol == ExportProtocol.ZIPKIN_JSON ? 202 : 200;
        byte[] body = response.body();
        if (response.statusCode() == success) {
            return body.length == 0 ? null : "was taken only in part: " + reason(response);
        }
        return "was refused with " + response.statusCode() + (body.length == 0 ? "" : ": " + reason(response));
    }

    /**
     * The text of an answer. Only a protobuf answer needs reading; the others are text already:
     * Zipkin's, OTLP's in JSON (ingest answers JSON while it does not know the request's encoding)
     * and the front door's own (an oversized body, a failed function).
     */
    private static String reason(HttpResponse<byte[]> response) {
        byte[] body = response.body();
        boolean protobuf = response.headers().firstValue("content-type")
                .map(type -> type.startsWith(PROTOBUF)).orElse(false);
        String text = protobuf ? OtlpAnswers.message(body) : new String(body, StandardCharsets.UTF_8);
        text = text.strip().replaceAll("\\s+", " ");
        return text.length() > MAX_REASON_CHARS ? text.substring(0, MAX_REASON_CHARS) + "…" : text;
    }

    @Override
    public void close() {
        gzip.close();
    }
}
