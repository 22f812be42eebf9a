package dev.skein.tenancy;

/** The key store contract on the in-memory store. */
class InMemoryApiKeyStoreContractTest extends ApiKeyStoreContract {
    @Override
    protected ApiKeyStore newStore() {
        return new InMemoryApiKeyStore();
    }
}
