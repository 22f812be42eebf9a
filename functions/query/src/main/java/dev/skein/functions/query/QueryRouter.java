package dev.skein.functions.query;

import dev.skein.aws.lambda.LogLine;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.query.FoundTraces;
import dev.skein.query.TraceTooLargeException;
import dev.skein.storage.StorageException;
import dev.skein.tenancy.QuotaGate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Routes a query request to the dialect whose base path holds it, and turns what can go wrong
 * into that dialect's error: a bad parameter is 400, a trace over the size limit 422, storage
 * that does not answer 503 (a console may retry). Adds CORS headers, answers preflights, and
 * compresses answers for clients that accept gzip.
 */
public final class QueryRouter {
    /** Set to {@code true} on a search answer that stopped at its read budget. */
    public static final String INCOMPLETE_HEADER = "skein-incomplete";
    /**
     * A Lambda function's synchronous response is at most 6 MB, base64 included; answers
     * larger than this are refused with 422 rather than failing in the runtime.
     */
    public static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 - 64 * 1024;
    private static final int COMPRESS_ABOVE_BYTES = 1024;

    private final List<Dialect> dialects;
    private final Cors cors;
    private final QuotaGate quotas;
    private final PrintStream log;

    /** @param quotas each tenant's query rate; a request over it is answered 429 with Retry-After */
    public QueryRouter(List<Dialect> dialects, Cors cors, QuotaGate quotas, PrintStream log) {
        List<Dialect> sorted = new ArrayList<>(dialects);
        sorted.sort(Comparator.comparingInt((Dialect d) -> d.base().length()).reversed());
        this.dialects = List.copyOf(sorted);
        this.cors = cors;
        this.quotas = quotas;
        this.log = log;
    }

    /** Sets {@value #INCOMPLETE_HEADER} on a search answer that may lack matching traces. */
    public static HttpResponse markIncomplete(HttpResponse answer, FoundTraces found) {
        return found.complete() ? answer : answer.withHeader(INCOMPLETE_HEADER, "true");
    }

    /** A CORS preflight, which needs no tenant. */
    public HttpResponse preflight(HttpRequest request) {
        Dialect dialect = dialectOf(request.path());
        return dialect == null ? notFound(request) : cors.preflight(request);
    }

    public HttpResponse handle(HttpRequest request, String tenant) {
        Dialect dialect = dialectOf(request.path());
        if (dialect == null) return notFound(request);
        if (request.method().equals("OPTIONS")) return cors.preflight(request);
        String path = request.path().substring(dialect.base().length());
        HttpResponse response;
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            response = dialect.error(405, request.method() + " is not allowed here; the query API answers GET")
                    .withHeader("allow", "GET, HEAD, OPTIONS");
        } else {
            QuotaGate.Admission admission = quotas.admitQuery(tenant);
            if (admission.admitted()) {
                response = answer(dialect, request, path.isEmpty() ? "/" : path, tenant);
            } else {
                LogLine.of("query").field("tenant", tenant).field("path", request.path()).field("status", 429)
                        .field("refused", 1).field("refusedReason", admission.reason())
                        .countedAs("Skein/query", System.currentTimeMillis(), List.of("tenant", "refusedReason"),
                                List.of("refused"))
                        .printTo(log);
                response = dialect.error(429, "over the tenant's query rate quota; retry after "
                                + admission.retryAfterSeconds() + " s")
                        .withHeader("retry-after", Long.toString(admission.retryAfterSeconds()));
            }
        }
        return cors.apply(request, finish(dialect, request, response));
    }

    private HttpResponse notFound(HttpRequest request) {
        return cors.apply(request, HttpResponse.text(404, "no query API under " + request.path()
                + "; the APIs are under " + bases()));
    }

    private HttpResponse answer(Dialect dialect, HttpRequest request, String path, String tenant) {
        try {
            return dialect.handle(request, path, tenant);
        } catch (TraceTooLargeException e) {
            return dialect.error(422, e.getMessage());
        } catch (IllegalArgumentException e) { // BadParameterException, and the core's own checks
            return dialect.error(400, e.getMessage());
        } catch (StorageException e) {
            LogLine.of("query").field("path", request.path()).field("status", 503)
                    .field("problem", "storage did not answer: " + e).printTo(log);
            return dialect.error(503, "storage did not answer; try again");
        } catch (RuntimeException e) {
            LogLine.of("query").field("path", request.path()).field("status", 500)
                    .field("problem", e.toString()).printTo(log);
            e.printStackTrace(log);
            return dialect.error(500, "the query failed: " + e.getClass().getSimpleName());
        }
    }

    private HttpResponse finish(Dialect dialect, HttpRequest request, HttpResponse response) {
        HttpResponse out = response;
        String accept = request.header("accept-encoding");
        if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip")
                && response.body().length > COMPRESS_ABOVE_BYTES) {
            out = new HttpResponse(response.status(), response.headers(), gzip(response.body()))
                    .withHeader("content-encoding", "gzip")
                    .withHeader("vary", "Accept-Encoding");
        }
        long wire = wireBytes(out);
        if (wire > MAX_RESPONSE_BYTES) {
            return dialect.error(422, "the answer is " + wire + " bytes, more than the " + MAX_RESPONSE_BYTES
                    + " one response may hold; ask for fewer traces (a lower limit or a narrower window)");
        }
        if (request.method().equals("HEAD")) return new HttpResponse(out.status(), out.headers(), new byte[0]);
        return out;
    }

    /**
     * The body's size inside the function's JSON response: text is escaped (a quote or
     * backslash takes two bytes, a control character six), binary bodies travel base64-encoded,
     * 4 bytes for every 3.
     */
    static long wireBytes(HttpResponse r) {
        byte[] b = r.body();
        if (!r.isTextual()) return (b.length + 2L) / 3 * 4;
        long n = b.length;
        for (byte x : b) {
            if (x == '"' || x == '\\') n++;
            else if (x >= 0 && x < 0x20) n += 5;
        }
        return n;
    }

    private Dialect dialectOf(String path) {
        for (Dialect d : dialects) {
            if (path.equals(d.base()) || path.startsWith(d.base() + "/")) return d;
        }
        return null;
    }

    private String bases() {
        List<String> b = new ArrayList<>();
        for (Dialect d : dialects) b.add(d.base());
        b.sort(null);
        return String.join(", ", b);
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
