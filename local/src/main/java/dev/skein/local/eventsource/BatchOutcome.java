package dev.skein.local.eventsource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A handler's answer to one batch, read the way Lambda reads it when the event source mapping
 * has {@code ReportBatchItemFailures} on.
 *
 * <ul>
 *   <li>Complete success: a null response, a null or empty {@code batchItemFailures} list.</li>
 *   <li>Complete failure: the handler threw, or an item failure has a null or empty
 *       {@code itemIdentifier}, or one that is not in the batch.</li>
 *   <li>Otherwise a partial failure of the listed items.</li>
 * </ul>
 *
 * @param failedIndexes positions in the batch of the failed items, ascending; every position
 *     when the whole batch failed
 * @param reason for logs and failure records; never contains record contents
 * @param functionError true when the handler threw (Lambda's "Unhandled" function error)
 */
record BatchOutcome(Kind kind, List<Integer> failedIndexes, String reason, boolean functionError) {

    enum Kind { SUCCESS, PARTIAL_FAILURE, FAILURE }

    BatchOutcome {
        failedIndexes = List.copyOf(failedIndexes);
    }

    static BatchOutcome thrown(Throwable error, int batchSize) {
        return new BatchOutcome(Kind.FAILURE, all(batchSize),
                "the handler threw " + error.getClass().getName(), true);
    }

    /**
     * @param itemIdentifiers the response's {@code batchItemFailures} identifiers in order (null
     *     entries for null items), or null when the response or its list is null
     * @param batchIds the identifiers of the batch's items in delivery order (sequence numbers or
     *     message IDs); the same ID twice (a redelivered SQS message) fails both positions
     */
    static BatchOutcome fromItemFailures(List<String> itemIdentifiers, List<String> batchIds) {
        if (itemIdentifiers == null || itemIdentifiers.isEmpty()) {
            return new BatchOutcome(Kind.SUCCESS, List.of(), "success", false);
        }
        Set<String> failed = new HashSet<>();
        for (String id : itemIdentifiers) {
            if (id == null || id.isEmpty()) {
                return new BatchOutcome(Kind.FAILURE, all(batchIds.size()),
                        "the response has a batch item failure without an itemIdentifier", false);
            }
            failed.add(id);
        }
        List<Integer> indexes = new ArrayList<>();
        Set<String> matched = new HashSet<>();
        for (int i = 0; i < batchIds.size(); i++) {
            if (failed.contains(batchIds.get(i))) {
                indexes.add(i);
                matched.add(batchIds.get(i));
            }
        }
        if (matched.size() < failed.size()) {
            return new BatchOutcome(Kind.FAILURE, all(batchIds.size()),
                    "the response names an itemIdentifier that is not in the batch", false);
        }
        return new BatchOutcome(Kind.PARTIAL_FAILURE, indexes,
                "the handler reported " + indexes.size() + " of " + batchIds.size()
                        + " records as failed", false);
    }

    private static List<Integer> all(int size) {
        List<Integer> indexes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            indexes.add(i);
        }
        return indexes;
    }
}
