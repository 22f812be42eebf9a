package dev.skein.local.demo;

import dev.skein.model.InstrumentationScope;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenTelemetry SDK a simulated service runs: its language and version, as the resource
 * reports them, and the scope of each instrumentation library it uses. Scopes are made once and
 * shared, as an SDK shares them, so an export request groups a service's spans by scope.
 */
record Sdk(String language, String version, Map<Library, InstrumentationScope> scopes) {
    static final Sdk JAVA = new Sdk("java", "1.55.0", "2.21.0-alpha", Map.of(
            Library.HTTP_SERVER, "io.opentelemetry.tomcat-10.0",
            Library.HTTP_CLIENT, "io.opentelemetry.java-http-client",
            Library.RPC, "io.opentelemetry.grpc-1.6",
            Library.DATABASE, "io.opentelemetry.jdbc",
            Library.MESSAGING, "io.opentelemetry.kafka-clients-2.6",
            Library.APPLICATION, "com.example.shop"));
    static final Sdk NODEJS = new Sdk("nodejs", "2.2.0", "0.207.0", Map.of(
            Library.HTTP_SERVER, "@opentelemetry/instrumentation-http",
            Library.HTTP_CLIENT, "@opentelemetry/instrumentation-http",
            Library.CACHE, "@opentelemetry/instrumentation-ioredis",
            Library.APPLICATION, "shop-web"));
    static final Sdk GO = new Sdk("go", "1.38.0", "0.63.0", Map.of(
            Library.HTTP_SERVER, "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp",
            Library.HTTP_CLIENT, "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp",
            Library.CACHE, "github.com/redis/go-redis/extra/redisotel"));
    static final Sdk PYTHON = new Sdk("python", "1.38.0", "0.59b0", Map.of(
            Library.HTTP_CLIENT, "opentelemetry.instrumentation.requests",
            Library.DATABASE, "opentelemetry.instrumentation.psycopg",
            Library.MESSAGING, "opentelemetry.instrumentation.confluent_kafka"));

    Sdk {
        scopes = Map.copyOf(scopes);
    }

    /**
     * @param libraries each library's scope name; all share the instrumentation's version but the
     *     application's own tracer, which has none
     */
    private Sdk(String language, String version, String instrumentationVersion, Map<Library, String> libraries) {
        this(language, version, scopesOf(libraries, instrumentationVersion));
    }

    private static Map<Library, InstrumentationScope> scopesOf(Map<Library, String> libraries, String version) {
        Map<Library, InstrumentationScope> byLibrary = new EnumMap<>(Library.class);
        Map<String, InstrumentationScope> byName = new HashMap<>();
        libraries.forEach((library, name) -> byLibrary.put(library, byName.computeIfAbsent(name,
                n -> new InstrumentationScope(n, library == Library.APPLICATION ? "" : version, List.of(), 0, ""))));
        return byLibrary;
    }

    InstrumentationScope scope(Library library) {
        InstrumentationScope scope = scopes.get(library);
        if (scope == null) {
            throw new IllegalArgumentException("the " + language + " SDK of the demo has no " + library + " library");
        }
        return scope;
    }
}
