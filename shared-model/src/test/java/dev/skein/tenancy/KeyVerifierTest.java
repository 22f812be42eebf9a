package dev.skein.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.storage.MovableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyVerifierTest {
    private static final Duration CACHE = Duration.ofSeconds(60);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final CountingStore store = new CountingStore(new InMemoryApiKeyStore());
    private final KeyManager keys = new KeyManager(store, clock, new SecureRandom());

    /** Counts the reads a verifier makes, so a test sees what the cache saves. */
    private static final class CountingStore implements ApiKeyStore {
        private final ApiKeyStore store;
        final AtomicInteger finds = new AtomicInteger();

        CountingStore(ApiKeyStore store) {
            this.store = store;
        }

        @Override
        public void create(StoredKey key) {
            store.create(key);
        }

        @Override
        public Optional<StoredKey> find(String tenant, String keyId) {
            finds.incrementAndGet();
            return store.find(tenant, keyId);
        }

        @Override
        public List<StoredKey> list(String tenant) {
            return store.list(tenant);
        }

        @Override
        public boolean revoke(String tenant, String keyId, Instant at) {
            return store.revoke(tenant, keyId, at);
        }
    }

    private KeyVerifier verifier(Duration cacheTime) {
        return new KeyVerifier(store, clock, cacheTime);
    }

    private String newKey(String tenant, Scope... scopes) {
        return keys.create(tenant, EnumSet.of(scopes[0], scopes), "test").key().token();
    }

    /** The same tenant and key ID as {@code token}, another secret. */
    private static String withAnotherSecret(String token) {
        String secret = token.substring(token.lastIndexOf('.') + 1);
        String other = secret.charAt(0) == 'A' ? "B" + secret.substring(1) : "A" + secret.substring(1);
        return token.substring(0, token.lastIndexOf('.') + 1) + other;
    }

    @Test
    void verify_aValidKey_givesItsTenantAndScopes() {
        String token = newKey("team.a_1", Scope.INGEST, Scope.QUERY);

        KeyVerifier.Verdict verdict = verifier(CACHE).verify(token);

        assertThat(verdict.isValid()).isTrue();
        assertThat(verdict.tenant()).contains("team.a_1");
        assertThat(verdict.scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.QUERY);
        assertThat(verdict.problem()).isEmpty();
    }

    @Test
    void verify_somethingNotShapedLikeAKey_isMalformed_withoutAStoreRead() {
        KeyVerifier verifier = verifier(CACHE);

        assertThat(verifier.verify("hunter2").problem()).contains(KeyVerifier.Problem.MALFORMED);
        assertThat(verifier.verify(null).problem()).contains(KeyVerifier.Problem.MALFORMED);
        assertThat(store.finds).hasValue(0);
    }

    @Test
    void verify_aWellFormedKeyThatWasNeverIssued_isUnknown() {
        String token = ApiKey.generate("acme", new SecureRandom()).token();

        KeyVerifier.Verdict verdict = verifier(CACHE).verify(token);

        assertThat(verdict.isValid()).isFalse();
        assertThat(verdict.problem()).contains(KeyVerifier.Problem.UNKNOWN);
        assertThat(verdict.tenant()).isEmpty();
        assertThat(verdict.scopes()).isEmpty();
    }

    @Test
    void verify_theRightTenantAndKeyIdWithAnotherSecret_isUnknown() {
        String token = newKey("acme", Scope.INGEST);

        assertThat(verifier(CACHE).verify(withAnotherSecret(token)).problem()).contains(KeyVerifier.Problem.UNKNOWN);
    }

    @Test
    void verify_aRevokedKeyWithAnotherSecret_isUnknown_notRevoked() {
        String token = newKey("acme", Scope.INGEST);
        keys.revoke("acme", ApiKey.parse(token).orElseThrow().keyId());

        assertThat(verifier(CACHE).verify(withAnotherSecret(token)).problem()).contains(KeyVerifier.Problem.UNKNOWN);
    }

    @Test
    void verify_aKeyOfOneTenantPresentedUnderAnother_isUnknown() {
        String token = newKey("acme", Scope.INGEST);
        String moved = token.replaceFirst("^skn1\\.acme\\.", "skn1.globex.");

        assertThat(verifier(CACHE).verify(moved).problem()).contains(KeyVerifier.Problem.UNKNOWN);
    }

    @Test
    void verify_aRevokedKey_isRevoked() {
        String token = newKey("acme", Scope.QUERY);
        keys.revoke("acme", ApiKey.parse(token).orElseThrow().keyId());

        KeyVerifier.Verdict verdict = verifier(CACHE).verify(token);

        assertThat(verdict.problem()).contains(KeyVerifier.Problem.REVOKED);
        assertThat(verdict.tenant()).isEmpty();
        assertThat(verdict.scopes()).isEmpty();
    }

    @Test
    void verify_keepsAnAnswerForTheCacheTime_soARevocationTakesEffectWhenItEnds() {
        String token = newKey("acme", Scope.INGEST);
        KeyVerifier verifier = verifier(CACHE);
        assertThat(verifier.verify(token).isValid()).isTrue();

        keys.revoke("acme", ApiKey.parse(token).orElseThrow().keyId());
        clock.advance(CACHE.minusMillis(1));
        assertThat(verifier.verify(token).isValid()).isTrue();
        assertThat(store.finds).hasValue(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(verifier.verify(token).problem()).contains(KeyVerifier.Problem.REVOKED);
        assertThat(store.finds).hasValue(2);
    }

    @Test
    void verify_withZeroCacheTime_readsTheStoreEveryTime() {
        String token = newKey("acme", Scope.INGEST);
        KeyVerifier verifier = verifier(Duration.ZERO);

        for (int i = 0; i < 5; i++) {
            assertThat(verifier.verify(token).isValid()).isTrue();
        }
        assertThat(store.finds).hasValue(5);

        keys.revoke("acme", ApiKey.parse(token).orElseThrow().keyId());
        assertThat(verifier.verify(token).problem()).contains(KeyVerifier.Problem.REVOKED);
    }

    @Test
    void verify_cachesNegativeAnswersToo_soAFloodOfOneBadKeyCostsOneReadPerPeriod() {
        String unknown = ApiKey.generate("acme", new SecureRandom()).token();
        String wrongSecret = withAnotherSecret(newKey("acme", Scope.INGEST));
        KeyVerifier verifier = verifier(CACHE);

        for (int i = 0; i < 100; i++) {
            assertThat(verifier.verify(unknown).problem()).contains(KeyVerifier.Problem.UNKNOWN);
            assertThat(verifier.verify(wrongSecret).problem()).contains(KeyVerifier.Problem.UNKNOWN);
        }
        assertThat(store.finds).hasValue(2);

        clock.advance(CACHE);
        verifier.verify(unknown);
        assertThat(store.finds).hasValue(3);
    }

    @Test
    void verify_cachesPerKey_notPerTenantOrKeyId() {
        String token = newKey("acme", Scope.INGEST);
        KeyVerifier verifier = verifier(CACHE);
        assertThat(verifier.verify(withAnotherSecret(token)).isValid()).isFalse();

        assertThat(verifier.verify(token).isValid()).isTrue();
        assertThat(verifier.verify(withAnotherSecret(token)).isValid()).isFalse();
        assertThat(store.finds).hasValue(2);
    }

    @Test
    void verify_keepsAtMostMaxCachedAnswers_droppingTheLeastRecentlyUsed() {
        KeyVerifier verifier = verifier(CACHE);
        String secret = "A".repeat(42) + "Q";
        for (int i = 0; i <= KeyVerifier.MAX_CACHED; i++) {
            verifier.verify("skn1.acme." + String.format("%012d", i) + "." + secret);
        }
        assertThat(store.finds).hasValue(KeyVerifier.MAX_CACHED + 1);

        verifier.verify("skn1.acme." + String.format("%012d", KeyVerifier.MAX_CACHED) + "." + secret);
        assertThat(store.finds).as("the newest answer is kept").hasValue(KeyVerifier.MAX_CACHED + 1);

        verifier.verify("skn1.acme." + String.format("%012d", 0) + "." + secret);
        assertThat(store.finds).as("the oldest answer was dropped").hasValue(KeyVerifier.MAX_CACHED + 2);
    }

    @Test
    void newVerifier_withANegativeCacheTime_fails() {
        assertThatThrownBy(() -> verifier(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
