package dev.skein.storage;

import java.util.Objects;

/**
 * Replace a trace's summary, on condition that the stored version is still {@code
 * expectedVersion} ({@code null}: that no summary exists yet). The condition is what makes a
 * redelivered timer or a concurrent finalizer harmless.
 */
public record Finalization(StoredSummary summary, String expectedVersion) {
    public Finalization {
        Objects.requireNonNull(summary, "summary");
    }
}
