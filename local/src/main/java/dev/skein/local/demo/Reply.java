package dev.skein.local.demo;

/**
 * What a simulated server answered, and when it was done.
 *
 * @param status an HTTP status, or for gRPC the status code (0 is OK)
 * @param error what went wrong, for the span's status description; empty when nothing did
 */
record Reply(long endNanos, int status, String error) {
    static Reply http(long endNanos, int status) {
        return new Reply(endNanos, status, "");
    }
}
