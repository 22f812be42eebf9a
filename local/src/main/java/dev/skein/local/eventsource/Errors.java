package dev.skein.local.eventsource;

/** Logging help for failures whose messages might quote record contents. */
final class Errors {
    private static final int MAX_CAUSES = 8;

    private Errors() {
    }

    /**
     * The same exception types and stack traces with every message dropped: where a handler
     * failed, never what it was reading.
     */
    static Throwable withoutMessages(Throwable error) {
        return copy(error, 0);
    }

    private static Throwable copy(Throwable error, int depth) {
        Throwable cause = error.getCause();
        Throwable causeCopy = cause != null && cause != error && depth < MAX_CAUSES
                ? copy(cause, depth + 1) : null;
        Throwable copy = new Throwable(error.getClass().getName(), causeCopy, false, true) {
            private static final long serialVersionUID = 1L;

            @Override
            public String toString() {
                return getMessage();
            }
        };
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    /** Whether the {@code n}th failure in a row is worth a warning: the first, then every 100th. */
    static boolean worthWarning(int failuresInARow) {
        return failuresInARow == 1 || failuresInARow % 100 == 0;
    }
}
