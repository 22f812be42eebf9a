package dev.skein.functions.query;

import dev.skein.tenancy.InMemoryQuotaLedger;
import dev.skein.tenancy.QuotaGate;
import dev.skein.tenancy.QuotaPolicy;
import dev.skein.tenancy.TenantQuota;
import java.time.Clock;
import java.util.Map;

/** Quotas no test of the dialects reaches: those tests hold the clock still and ask many questions. */
public final class TestQuotas {
    private TestQuotas() {}

    public static QuotaGate generous(Clock clock) {
        return new QuotaGate(new InMemoryQuotaLedger(),
                new QuotaPolicy(new TenantQuota(1e9, 1e12, 1e9, 1), Map.of()), clock);
    }
}
