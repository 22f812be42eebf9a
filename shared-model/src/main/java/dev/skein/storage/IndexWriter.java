package dev.skein.storage;

import java.util.List;
import java.util.Set;

/** The writer side of the index (one DynamoDB table in the cloud). Every write is idempotent. */
public interface IndexWriter {
    void putPointers(List<TracePointer> pointers);

    void putSearchRefs(List<SearchPageRef> refs);

    /** Services, operations, remote services and attribute values, of any mix of kinds. */
    void putCatalogue(List<? extends CatalogueRecord> entries);

    /**
     * Applies a commit atomically. Returns the traces whose expected version did not hold; when
     * that set is not empty, nothing was applied.
     */
    Set<TraceKey> commit(FinalizeCommit commit);
}
