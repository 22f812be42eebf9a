package dev.skein.storage;

import java.util.List;
import java.util.Set;

/** The writer side of the index (one DynamoDB table in the cloud). Every write is idempotent. */
public interface IndexWriter {
    void putPointers(List<TracePointer> pointers);

    void putSearchRefs(List<SearchPageRef> refs);

    void putCatalogue(List<CatalogueEntry> entries);

    /**
     * Applies a commit atomically. Returns the traces whose expected version did not hold; when
     * that set is not empty, nothing was applied.
     */
    Set<TraceKey> commit(FinalizeCommit commit);
}
