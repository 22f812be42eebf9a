package dev.skein.local;

import java.util.Arrays;
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

    /** Closes each in turn, nulls skipped, and throws the first failure with the later ones in it. */
    static void closeAllOrThrow(AutoCloseable... closeables) {
        RuntimeException failure = closeAll(Arrays.asList(closeables));
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Closes what was half set up, nulls skipped, when setting it up failed with {@code failure};
     * a close failure is suppressed in it, so the cause stays the one thrown.
     */
    static void closeAfterFailure(Throwable failure, AutoCloseable... closeables) {
        RuntimeException closeFailure = closeAll(Arrays.asList(closeables));
        if (closeFailure != null) {
            failure.addSuppressed(closeFailure);
        }
    }
}
