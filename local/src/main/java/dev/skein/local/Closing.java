package dev.skein.local;

import java.util.List;

/** Closes things in order, each one even when an earlier one failed. */
final class Closing {
    private Closing() {
    }

    /**
     * Closes each in turn and returns the first failure, the later ones suppressed in it, or
     * null when all closed. Nulls are skipped.
     */
    static RuntimeException closeAll(List<? extends AutoCloseable> closeables) {
        RuntimeException failure = null;
        for (AutoCloseable c : closeables) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt(); // keep the interrupt for the caller
                }
                RuntimeException r = e instanceof RuntimeException re ? re
                        : new IllegalStateException("could not close " + c, e);
                if (failure == null) {
                    failure = r;
                } else {
                    failure.addSuppressed(r);
                }
            }
        }
        return failure;
    }

    /** Closes what was half set up when setting it up failed; a close failure joins the first. */
    static void closeAfterFailure(AutoCloseable c, Throwable failure) {
        RuntimeException closeFailure = closeAll(List.of(c));
        if (closeFailure != null) {
            failure.addSuppressed(closeFailure);
        }
    }
}
