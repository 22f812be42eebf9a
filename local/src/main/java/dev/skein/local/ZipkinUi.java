package dev.skein.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.skein.aws.lambda.HttpApiEvents;
import dev.skein.http.HttpRequest;
import dev.skein.http.HttpResponse;
import dev.skein.codec.GzipMemberWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import dev.skein.tenancy.ApiKey;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * The Zipkin UI (Lens, {@code io.zipkin:zipkin-lens}) under {@code /zipkin/}, where its
 * index.html's {@code <base href>} puts it and where the query function answers the Zipkin API it
 * calls ({@link #API_PATHS}). A function like the others, so a Lambda could serve it as well as
 * the local front door: the files are read once, and compressed once, when it is built.
 *
 * <p>Lens routes in the browser, so a path under {@code /zipkin/} that is not one of its files (a
 * trace page, the dependency graph) answers index.html, and Lens draws the page. Under {@code
 * static/}, where the build puts its scripts, styles and images, a missing file stays a 404: a
 * browser given HTML for a script reports a confusing error instead of the missing file.
 */
public final class ZipkinUi implements FrontDoor.Route {
    /** Where Lens expects to be served. */
    public static final String BASE = "/zipkin";
    /** What Lens calls under {@link #BASE}: the query function's Zipkin API, not these files. */
    public static final List<String> API_PATHS = List.of(BASE + "/api/", BASE + "/config.json");

    /** Where the zipkin-lens jar keeps the files. */
    private static final String RESOURCES = "zipkin-lens";
    private static final String INDEX = "index.html";
    private static final String STATIC = "static/";
    /**
     * A name with its content's hash, like {@code static/js/index.C7HQpo4W.js}: a new build is a
     * new name, so a browser may keep the file for good.
     */
    private static final Pattern HASHED = Pattern.compile("static/(.+/)?[^/]+\\.[A-Za-z0-9_-]{8,}\\.\\w+");
    private static final String ALLOW = "GET, HEAD";

    private record Asset(Map<String, String> headers, byte[] body, byte[] gzipped) {}

    private final Map<String, Asset> assets = new HashMap<>();
    private final boolean needsKey;

    /** @param files path below {@code /zipkin/} → content; must hold index.html */
    ZipkinUi(Map<String, byte[]> files) {
        this(files, false);
    }

    /**
     * @param needsKey whether the Zipkin API behind the UI asks for a key: then a page load
     *     without one answers how to give it, instead of a UI whose every call fails
     */
    ZipkinUi(Map<String, byte[]> files, boolean needsKey) {
        this.needsKey = needsKey;
        if (!files.containsKey(INDEX)) {
            throw new IllegalArgumentException("the Zipkin UI's files have no " + INDEX);
        }
        // Compressed once, as hard as gzip goes: Lens's script is 2.5 MB, about 0.7 MB gzipped.
        try (GzipMemberWriter gzip = new GzipMemberWriter(Deflater.BEST_COMPRESSION)) {
            files.forEach((path, body) -> assets.put(path, asset(path, body, gzip.member(body))));
        }
    }

    /** Lens from the classpath, for an API that asks for no key. */
    public static ZipkinUi fromClasspath() {
        return fromClasspath(false);
    }

    /** Lens from the classpath, out of the zipkin-lens jar or an unpacked copy of it. */
    public static ZipkinUi fromClasspath(boolean needsKey) {
        URL index = ZipkinUi.class.getClassLoader().getResource(RESOURCES + "/" + INDEX);
        if (index == null) {
            throw new IllegalStateException(RESOURCES + "/" + INDEX + " is not on the classpath: add io.zipkin:zipkin-lens");
        }
        try {
            if (index.getProtocol().equals("jar")) {
                Path jar = Path.of(((JarURLConnection) index.openConnection()).getJarFileURL().toURI());
                try (FileSystem zip = FileSystems.newFileSystem(jar)) {
                    return new ZipkinUi(read(zip.getPath("/" + RESOURCES)), needsKey);
                }
            }
            return new ZipkinUi(read(Path.of(index.toURI()).getParent()), needsKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Zipkin UI from " + index, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the Zipkin UI from " + index, e);
        }
    }

    private static Map<String, byte[]> read(Path root) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** Its files hold no data: a browser loads them without a key, and the API calls carry one. */
    @Override
    public boolean guarded() {
        return false;
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        return HttpApiEvents.response(handle(HttpApiEvents.request(event)));
    }

    /**
     * Lens cannot send an API key, so {@code /zipkin/?key=…} (the address skein-local prints)
     * hands the key to the browser as a cookie that only this origin's {@code /zipkin} requests
     * carry, and comes back without the key in the address bar.
     */
    private static HttpResponse keyCookie(String path, String key) {
        if (ApiKey.parse(key).isEmpty()) {
            return HttpResponse.text(400, "the key parameter is not a Skein API key (skn1.…)");
        }
        return HttpResponse.empty(302).withHeader("location", path)
                .withHeader("set-cookie", AuthorizerGuard.UI_COOKIE + "=" + key
                        + "; Path=" + BASE + "; HttpOnly; SameSite=Strict");
    }

    private static final String KEY_PAGE = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Zipkin UI: API key needed</title></head>
            <body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
            <h1>This Zipkin UI needs an API key</h1>
            <p>Skein answers only requests that carry an API key with the <code>query</code> scope. Open this
            page once with the key added, as <code>/zipkin/?key=&lt;key&gt;</code>; the browser keeps it, for this
            address only, until it closes.</p>
            <p>skein-local prints its development key, and this address with it, when it starts; the key is also
            in <code>.skein/dev-api-key</code>. More keys: <code>bin/skein keys create --tenant NAME --local</code>.</p>
            </body></html>
            """;

    private static boolean hasKeyCookie(HttpRequest request) {
        return AuthorizerGuard.uiCookie(request.header("cookie")) != null;
    }

    private static String keyParameter(String rawQuery) {
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("key=")) return URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
        }
        return null;
    }

    HttpResponse handle(HttpRequest request) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return HttpResponse.text(405, method + " is not allowed here; the Zipkin UI answers " + ALLOW)
                    .withHeader("allow", ALLOW);
        }
        String path = request.path();
        if (path.equals(BASE)) {
            // Without the slash, the browser would resolve Lens's relative URLs against "/".
            String query = request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery();
            return HttpResponse.empty(302).withHeader("location", BASE + "/" + query);
        }
        if (!path.startsWith(BASE + "/")) {
            return HttpResponse.text(404, "the Zipkin UI is under " + BASE + "/");
        }
        String key = keyParameter(request.rawQuery());
        if (key != null) {
            return keyCookie(path, key);
        }
        String file;
        try {
            // A path's "+" is a plus, not the space URLDecoder makes of it in a form.
            file = URLDecoder.decode(path.substring(BASE.length() + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return HttpResponse.text(400, "the path is not well encoded");
        }
        if (List.of(file.split("/")).contains("..")) {
            return HttpResponse.text(400, "a path may not step outside " + BASE + "/");
        }
        Asset asset = assets.get(file.isEmpty() ? INDEX : file);
        if (asset == null) {
            if (file.startsWith(STATIC)) {
                return HttpResponse.text(404, path + " is not a file of the Zipkin UI");
            }
            asset = assets.get(INDEX);
        }
        if (needsKey && asset == assets.get(INDEX) && !hasKeyCookie(request)) {
            return HttpResponse.of(401, "text/html; charset=utf-8", KEY_PAGE.getBytes(StandardCharsets.UTF_8));
        }
        return answer(asset, request);
    }

    private static HttpResponse answer(Asset asset, HttpRequest request) {
        String accepted = request.header("accept-encoding");
        boolean gzip = asset.gzipped() != null && accepted != null
                && accepted.toLowerCase(Locale.ROOT).contains("gzip");
        HttpResponse r = new HttpResponse(200, asset.headers(), gzip ? asset.gzipped() : asset.body());
        if (gzip) r = r.withHeader("content-encoding", "gzip");
        return request.method().equals("HEAD") ? new HttpResponse(200, r.headers(), new byte[0]) : r;
    }

    private static Asset asset(String path, byte[] body, byte[] gzipped) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", contentType(path));
        headers.put("cache-control", path.equals(INDEX) ? "no-cache"
                : HASHED.matcher(path).matches() ? "public, max-age=31536000, immutable"
                : "public, max-age=86400");
        // Kept only where it pays: a PNG is compressed already.
        boolean pays = gzipped.length < body.length * 9L / 10;
        if (pays) headers.put("vary", "Accept-Encoding");
        return new Asset(Map.copyOf(headers), body, pays ? gzipped : null);
    }

    private static String contentType(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "json", "map" -> "application/json; charset=utf-8";
            case "txt" -> "text/plain; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            case "woff2" -> "font/woff2";
            case "woff" -> "font/woff";
            default -> "application/octet-stream";
        };
    }
}
