package dev.skein.aws.kinesis;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * What one PutRecords attempt did not store, in request order, and the last reason given. Only
 * these entries are sent again: the others are already in the stream.
 */
record FailedEntries(List<PutRecordsRequestEntry> entries, String lastError) {

    static FailedEntries none() {
        return new FailedEntries(List.of(), null);
    }

    /** The entries whose result carries an error code (result i answers entry i). */
    static FailedEntries of(List<PutRecordsRequestEntry> sent, PutRecordsResponse response) {
        Integer failedCount = response.failedRecordCount();
        if (failedCount != null && failedCount == 0) {
            return none();
        }
        List<PutRecordsResultEntry> results = response.records();
        if (results.size() != sent.size()) {
            // Cannot tell which entries were stored: send them all again (duplicates are fine,
            // losses are not).
            return new FailedEntries(sent, "PutRecords answered " + results.size()
                    + " results for " + sent.size() + " entries");
        }
        List<PutRecordsRequestEntry> failed = new ArrayList<>();
        String lastError = null;
        for (int i = 0; i < results.size(); i++) {
            PutRecordsResultEntry result = results.get(i);
            if (result.errorCode() != null) {
                failed.add(sent.get(i));
                lastError = result.errorCode() + ": " + result.errorMessage();
            }
        }
        return new FailedEntries(failed, lastError);
    }

    /** A failed call stored nothing this attempt (as far as we know). */
    static FailedEntries all(List<PutRecordsRequestEntry> sent, SdkException error) {
        return new FailedEntries(sent, describe(error));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    static String describe(SdkException error) {
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
