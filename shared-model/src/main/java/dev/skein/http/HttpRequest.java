package dev.skein.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as the functions see it, whatever carried it (API Gateway in the cloud, the
 * local front door on a laptop). Header names are lower case, as API Gateway delivers them.
 * {@code rawQuery} is the query string as sent, without {@code ?}, still percent-encoded ("" for
 * none): API Gateway's parsed parameters join repeated keys with commas, which loses values that
 * contain one.
 */
public record HttpRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {

    public HttpRequest(String method, String path, Map<String, String> headers, byte[] body) {
        this(method, path, "", headers, body);
    }

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        rawQuery = rawQuery == null ? "" : rawQuery;
        Map<String, String> lower = new HashMap<>(headers.size() * 2);
        headers.forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), v, (a, b) -> a + "," + b));
        headers = Map.copyOf(lower);
        body = body == null ? new byte[0] : body;
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The query string's parameters. @throws BadParameterException when it is not well encoded */
    public QueryParameters parameters() {
        return QueryParameters.parse(rawQuery);
    }

    /** The media type of Content-Type without parameters, lower case; "" when absent. */
    public String mediaType() {
        String ct = header("content-type");
        if (ct == null) {
            return "";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
