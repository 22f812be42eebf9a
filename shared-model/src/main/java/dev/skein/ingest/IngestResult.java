package dev.skein.ingest;

import java.util.List;

/**
 * What ingest did with one request: spans stored, spans rejected (with the first reasons), and
 * everything it cut to fit the limits. {@link #message()} is the text a client sees.
 */
public record IngestResult(
        int acceptedSpans,
        int rejectedSpans,
        List<String> rejectionReasons,
        int droppedAttributes,
        int droppedEvents,
        int droppedLinks,
        int truncatedValues,
        int records) {

    public IngestResult {
        rejectionReasons = List.copyOf(rejectionReasons);
    }

    public boolean anyTrimmed() {
        return droppedAttributes + droppedEvents + droppedLinks + truncatedValues > 0;
    }

    /**
     * Empty on full success. Otherwise names the rejections first (OTLP's
     * {@code partial_success.error_message}), then what was trimmed, as a warning.
     */
    public String message() {
        StringBuilder m = new StringBuilder();
        if (rejectedSpans > 0) {
            m.append("rejected ").append(rejectedSpans).append(" of ")
                    .append(rejectedSpans + acceptedSpans).append(" spans: ")
                    .append(String.join("; ", rejectionReasons));
            if (rejectionReasons.size() < rejectedSpans) {
                m.append("; and ").append(rejectedSpans - rejectionReasons.size()).append(" more");
            }
        }
        if (anyTrimmed()) {
            if (m.length() > 0) {
                m.append(". ");
            }
            m.append("stored spans were trimmed to the ingest limits: ");
            m.append(droppedAttributes).append(" attributes, ");
            m.append(droppedEvents).append(" events and ");
            m.append(droppedLinks).append(" links dropped (added to the spans' dropped counts), ");
            m.append(truncatedValues).append(" values truncated");
        }
        return m.toString();
    }
}
