package dev.skein.functions.ingest;

import dev.skein.codec.DecodeException;
import dev.skein.codec.OtlpJsonDecoder;
import dev.skein.codec.OtlpProtoDecoder;
import dev.skein.codec.OtlpResponses;
import dev.skein.codec.SpanDecoder;
import dev.skein.codec.TooManySpansException;
import dev.skein.codec.ZipkinJsonDecoder;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.ingest.BoundedGzip;
import dev.skein.ingest.IngestLimits;
import dev.skein.ingest.IngestResult;
import dev.skein.ingest.OverQuotaException;
import dev.skein.ingest.PayloadTooLargeException;
import dev.skein.ingest.RecordSinkUnavailableException;
import dev.skein.ingest.SpanIngester;
import java.util.Locale;

/**
 * The HTTP face of ingest: routes, methods, media types, encodings and limits, and every answer
 * the OTLP/HTTP specification and the Zipkin API promise. All mapping from failures to status
 * codes lives here, in one place. Only 503 (the stream stayed unavailable) asks a client to
 * retry; every other error is permanent for that request.
 */
public final class IngestEndpoint {
    public static final String OTLP_PATH = "/v1/traces";
    public static final String ZIPKIN_PATH = "/api/v2/spans";

    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";

    private static final SpanDecoder OTLP_PROTO = new OtlpProtoDecoder();
    private static final SpanDecoder OTLP_JSON = new OtlpJsonDecoder();
    private static final SpanDecoder ZIPKIN_JSON = new ZipkinJsonDecoder();

    private final SpanIngester ingester;
    private final IngestLimits limits;
    private final long retryAfterSeconds;
    private final RequestLog log;

    public IngestEndpoint(SpanIngester ingester, java.time.Duration retryAfter, RequestLog log) {
        this.ingester = ingester;
        this.limits = ingester.limits();
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
        this.log = log;
    }

    /** One line per request that went wrong or lost data; never one per span. */
    public interface RequestLog {
        void log(String tenant, String path, int status, IngestResult result, String problem);

        /** A request refused whole: its spans, counted under {@code reason}. */
        default void refused(String tenant, String path, int status, int spans, String reason) {
            log(tenant, path, status, null, reason);
        }

        RequestLog NONE = (tenant, path, status, result, problem) -> {};
    }

    /** The two ingest dialects and how each answers. */
    private enum Dialect { OTLP, ZIPKIN }

    public HttpResponse handle(HttpRequest request, String tenant) {
        Dialect dialect = switch (request.path()) {
            case OTLP_PATH -> Dialect.OTLP;
            case ZIPKIN_PATH -> Dialect.ZIPKIN;
            default -> null;
        };
        if (dialect == null) {
            return HttpResponse.text(404, "no ingest route " + request.path()
                    + "; spans go to POST " + OTLP_PATH + " (OTLP/HTTP) or POST " + ZIPKIN_PATH + " (Zipkin v2)");
        }
        if (!request.method().equals("POST")) {
            return error(dialect, true, 405, OtlpResponses.UNIMPLEMENTED,
                    request.method() + " is not allowed on " + request.path() + "; use POST")
                    .withHeader("allow", "POST");
        }

        String mediaType = request.mediaType();
        boolean json;
        SpanDecoder decoder;
        if (dialect == Dialect.OTLP) {
            if (mediaType.equals(PROTOBUF)) {
                json = false;
                decoder = OTLP_PROTO;
            } else if (mediaType.equals(JSON)) {
                json = true;
                decoder = OTLP_JSON;
            } else {
                return error(dialect, true, 415, OtlpResponses.INVALID_ARGUMENT, "unsupported content type '"
                        + mediaType + "'; OTLP/HTTP takes " + PROTOBUF + " or " + JSON);
            }
        } else {
            if (!mediaType.equals(JSON) && !mediaType.isEmpty()) {
                return error(dialect, true, 415, 0, "unsupported content type '" + mediaType
                        + "'; Zipkin spans are accepted as " + JSON + " (v2)");
            }
            json = true;
            decoder = ZIPKIN_JSON;
        }

        String encoding = request.header("content-encoding");
        encoding = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
        if (!encoding.equals("identity") && !encoding.equals("gzip") && !encoding.isEmpty()) {
            return error(dialect, json, 415, OtlpResponses.INVALID_ARGUMENT,
                    "unsupported content encoding '" + encoding + "'; use gzip or none");
        }

        byte[] body = request.body();
        if (body.length > limits.maxBodyBytes()) {
            return error(dialect, json, 413, OtlpResponses.RESOURCE_EXHAUSTED, "body of "
                    + body.length + " bytes is over the " + limits.maxBodyBytes() + "-byte limit; send smaller batches");
        }
        try {
            if (encoding.equals("gzip")) {
                body = BoundedGzip.inflate(body, limits.maxDecompressedBytes());
            } else if (body.length > limits.maxDecompressedBytes()) {
                throw new PayloadTooLargeException("body is over the " + limits.maxDecompressedBytes() + "-byte limit");
            }
            IngestResult result = ingester.ingest(tenant, decoder, body);
            if (result.rejectedSpans() > 0 || result.anyTrimmed()) {
                log.log(tenant, request.path(), 200, result, null);
            }
            return dialect == Dialect.OTLP ? otlpSuccess(result, json) : zipkinSuccess(result);
        } catch (DecodeException e) {
            return error(dialect, json, 400, OtlpResponses.INVALID_ARGUMENT, e.getMessage());
        } catch (PayloadTooLargeException | TooManySpansException e) {
            return error(dialect, json, 413, OtlpResponses.RESOURCE_EXHAUSTED, e.getMessage());
        } catch (OverQuotaException e) {
            log.refused(tenant, request.path(), 429, e.refusedSpans(), e.reason());
            // 429 with Retry-After is one of OTLP/HTTP's retryable answers: exporters send again.
            return error(dialect, json, 429, OtlpResponses.RESOURCE_EXHAUSTED, e.getMessage())
                    .withHeader("retry-after", Long.toString(e.retryAfterSeconds()));
        } catch (RecordSinkUnavailableException e) {
            log.log(tenant, request.path(), 503, null, e.getMessage());
            return error(dialect, json, 503, OtlpResponses.UNAVAILABLE,
                    "span stream is unavailable; nothing from this request was acknowledged, retry later")
                    .withHeader("retry-after", Long.toString(Math.max(retryAfterSeconds,
                            e.retryAfter().toSeconds())));
        }
    }

    private static HttpResponse otlpSuccess(IngestResult result, boolean json) {
        String message = result.message();
        return json
                ? HttpResponse.of(200, JSON, OtlpResponses.exportResponseJson(result.rejectedSpans(), message))
                : HttpResponse.of(200, PROTOBUF, OtlpResponses.exportResponseProto(result.rejectedSpans(), message));
    }

    /**
     * Zipkin's API has no partial success: 202 when anything was stored (with the rejections
     * in a text body, which reporters ignore and people read), 400 when every span was bad.
     */
    private static HttpResponse zipkinSuccess(IngestResult result) {
        if (result.acceptedSpans() == 0 && result.rejectedSpans() > 0) {
            return HttpResponse.text(400, result.message());
        }
        String message = result.message();
        return message.isEmpty() ? HttpResponse.empty(202) : HttpResponse.text(202, message);
    }

    /**
     * An error in the dialect's own shape: OTLP answers a {@code google.rpc.Status} in the
     * request's encoding (JSON, the readable choice, before that encoding is known); Zipkin
     * answers plain text.
     */
    private static HttpResponse error(Dialect dialect, boolean json, int status, int grpcCode,
            String message) {
        if (dialect == Dialect.ZIPKIN) {
            return HttpResponse.text(status, message);
        }
        return json
                ? HttpResponse.of(status, JSON, OtlpResponses.statusJson(grpcCode, message))
                : HttpResponse.of(status, PROTOBUF, OtlpResponses.statusProto(grpcCode, message));
    }
}
