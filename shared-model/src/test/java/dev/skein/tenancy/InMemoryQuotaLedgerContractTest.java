package dev.skein.tenancy;

/** The quota ledger contract on the in-memory ledger. */
class InMemoryQuotaLedgerContractTest extends QuotaLedgerContract {
    @Override
    protected QuotaLedger newLedger() {
        return new InMemoryQuotaLedger();
    }
}
