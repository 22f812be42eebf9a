package dev.skein.tenancy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;

/**
 * What a request presents as its key, before anyone looks it up. Three ways, for three kinds of
 * client: {@code Authorization: Bearer <key>} (OTel SDKs and the Collector set it through their
 * headers option), {@code Authorization: Basic} with the key as password (Grafana's data
 * sources), and {@code ?key=<key>} (Zipkin reporters that can only be given a URL).
 */
public sealed interface Credential {
    /** The query parameter that carries a key. */
    String QUERY_PARAMETER = "key";

    /** Nothing presented. */
    record Missing() implements Credential {}

    /** Something presented that cannot be a key; {@code problem} says what. */
    record Malformed(String problem) implements Credential {}

    /** A token to look up. */
    record Presented(String token) implements Credential {}

    /**
     * @param header a request header by lower-case name, null when absent
     * @param queryParameter a query parameter by name, null when absent
     */
    static Credential of(Function<String, String> header, Function<String, String> queryParameter) {
        String authorization = header.apply("authorization");
        String query = queryParameter.apply(QUERY_PARAMETER);
        Credential fromHeader = authorization == null ? new Missing() : fromAuthorization(authorization.trim());
        Credential fromQuery = query == null ? new Missing() : present(query.trim());
        if (fromHeader instanceof Missing) return fromQuery;
        // The query APIs have a 'key' parameter of their own (Zipkin's autocompleteValues?key=,
        // Skein's search), sent beside the header: only a value shaped like a Skein key is a second key.
        if (fromQuery instanceof Presented q && q.token().startsWith(ApiKey.PREFIX)
                && fromHeader instanceof Presented h && !q.token().equals(h.token())) {
            return new Malformed("the Authorization header and the key parameter name different keys");
        }
        return fromHeader;
    }

    private static Credential fromAuthorization(String value) {
        int space = value.indexOf(' ');
        String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : value.substring(space + 1).trim();
        return switch (scheme) {
            case "bearer" -> present(rest);
            case "basic" -> fromBasic(rest);
            default -> new Malformed("the Authorization header must be 'Bearer <key>' or Basic with the key as password");
        };
    }

    private static Credential fromBasic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Malformed("the Authorization header's Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? new Malformed("Basic credentials need the key as password (user:key)")
                : present(decoded.substring(colon + 1));
    }

    private static Credential present(String token) {
        return token.isEmpty() ? new Malformed("an empty key") : new Presented(token);
    }
}
