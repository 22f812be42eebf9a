package dev.skein.storage;

/**
 * Something the catalogue lists: a service or operation ({@link CatalogueEntry}), a remote
 * service a service called ({@link RemoteServiceEntry}) or a value of an autocomplete attribute
 * ({@link AttributeValueEntry}). Written when new or stale, never per span; writing one again
 * replaces it (and extends its TTL), so {@link IndexWriter#putCatalogue} is idempotent.
 */
public sealed interface CatalogueRecord permits CatalogueEntry, RemoteServiceEntry, AttributeValueEntry {
    String tenant();

    long expiresAtEpochSeconds();

    /**
     * The same record with expiry 0: what makes it this record, whatever its TTL. The assembler
     * remembers records by it to skip rewriting what it wrote recently.
     */
    CatalogueRecord withoutExpiry();

    /**
     * For the names a record lists: they become parts of index keys, which cannot hold an empty
     * string, and an empty name would list nothing.
     */
    static void requireNotEmpty(String value, String name) {
        if (java.util.Objects.requireNonNull(value, name).isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }
}
