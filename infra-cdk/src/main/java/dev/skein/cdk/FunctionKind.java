package dev.skein.cdk;

/**
 * Skein's functions: the Maven module under {@code functions/} that builds each one and its
 * handler class (each has a no-argument constructor that reads its settings from the
 * environment). The API-key authorizer joins them with the tenants work.
 */
public enum FunctionKind {
    INGEST("ingest", "dev.skein.functions.ingest.IngestHandler"),
    ASSEMBLER("assembler", "dev.skein.functions.assembler.AssemblerHandler"),
    FINALIZER("finalizer", "dev.skein.functions.finalizer.FinalizerHandler"),
    QUERY("query", "dev.skein.functions.query.QueryHandler");

    private final String module;
    private final String handler;

    FunctionKind(String module, String handler) {
        this.module = module;
        this.handler = handler;
    }

    /** The module's directory name under {@code functions/}, also the middle of its artifact ID. */
    public String module() {
        return module;
    }

    /** The handler class Lambda instantiates. */
    public String handler() {
        return handler;
    }

    /** The handler class as a path inside the jar, to tell a real function jar from a stray file. */
    String handlerClassEntry() {
        return handler.replace('.', '/') + ".class";
    }
}
