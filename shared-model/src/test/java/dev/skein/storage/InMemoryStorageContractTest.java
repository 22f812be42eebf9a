package dev.skein.storage;

/** The storage contract on the in-memory implementation, with a clock the test moves. */
class InMemoryStorageContractTest extends StorageContract {
    @Override
    protected StorageFixture fixture() {
        return new InMemoryFixture();
    }
}
