package dev.skein.query;

import dev.skein.storage.InMemoryFixture;
import dev.skein.storage.StorageFixture;

/** The query suite on the in-memory implementation of the storage ports. */
class QuerySuiteInMemoryTest extends QuerySuite {
    @Override
    protected StorageFixture fixture() {
        return new InMemoryFixture();
    }
}
