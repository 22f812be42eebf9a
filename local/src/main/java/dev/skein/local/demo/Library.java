package dev.skein.local.demo;

/** What an instrumentation library instruments; each SDK names its own library for each. */
enum Library {
    HTTP_SERVER,
    HTTP_CLIENT,
    RPC,
    DATABASE,
    CACHE,
    MESSAGING,
    /** Spans the application makes itself, through its own tracer. */
    APPLICATION
}
