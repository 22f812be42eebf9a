package dev.skein.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP response; the transport (API Gateway, the local front door) writes it out. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static HttpResponse of(int status, String contentType, byte[] body) {
        return new HttpResponse(status, Map.of("content-type", contentType), body);
    }

    public static HttpResponse text(int status, String message) {
        return of(status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse empty(int status) {
        return new HttpResponse(status, Map.of(), new byte[0]);
    }

    public HttpResponse withHeader(String name, String value) {
        java.util.HashMap<String, String> h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return new HttpResponse(status, h, body);
    }

    /**
     * True when the body is text a JSON or text transport can carry unencoded; a compressed
     * body is bytes, whatever its content type.
     */
    public boolean isTextual() {
        String encoding = headers.getOrDefault("content-encoding", "identity");
        if (!encoding.equals("identity")) return body.length == 0;
        String ct = headers.getOrDefault("content-type", "");
        return body.length == 0 || ct.startsWith("text/") || ct.startsWith("application/json");
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
