package dev.skein.cdk;

/**
 * Skein's functions: the Maven module under {@code functions/} that builds each one and its
 * handler class (each has a no-argument constructor that reads its settings from the
 * environment).
 */
public enum FunctionKind {
    INGEST("ingest", "dev.skein.functions.ingest.IngestHandler"),
    ASSEMBLER("assembler", "dev.skein.functions.assembler.AssemblerHandler"),
    FINALIZER("finalizer", "dev.skein.functions.finalizer.FinalizerHandler"),
    QUERY("query", "dev.skein.functions.query.QueryHandler"),
    /** The API Gateway Lambda authorizer: API key → tenant and scopes. Not deployed when {@link SkeinProps.Builder#authorizer} replaces it. */
    AUTHORIZER("authorizer", "dev.skein.functions.authorizer.AuthorizerHandler");

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
