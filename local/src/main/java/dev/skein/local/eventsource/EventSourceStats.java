package dev.skein.local.eventsource;

/**
 * What an event source has done since it started: a snapshot of its counters.
 *
 * @param batches invocations of the handler
 * @param records records (or messages) handed to the handler, redeliveries counted again
 * @param failedBatches invocations that threw or reported item failures
 * @param failedRecords records in those invocations that failed: the ones listed in
 *     {@code batchItemFailures}, or every record of a batch whose handler threw
 * @param acknowledgedRecords records done with: checkpointed past (Kinesis) or deleted (SQS)
 * @param discardedRecords records given up on after the last retry and reported to the on-failure
 *     destination (Kinesis only: an SQS queue's redrive policy moves messages itself)
 * @param pollErrors failed calls to the stream or queue (reads, deletes, shard listings) and
 *     on-failure destinations that did not accept a batch
 */
public record EventSourceStats(long batches, long records, long failedBatches, long failedRecords,
        long acknowledgedRecords, long discardedRecords, long pollErrors) {
}
