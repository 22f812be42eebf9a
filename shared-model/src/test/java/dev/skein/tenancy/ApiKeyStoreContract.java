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
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ApiKeyStore} must do; run on the in-memory store and on DynamoDB. Each test
 * uses tenants of its own, so an implementation may share one table between tests. Times are
 * whole milliseconds: that is what a store has to keep.
 */
public abstract class ApiKeyStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.123Z");
    private static final byte[] HASH = new byte[32];
    private static final byte[] OTHER_HASH = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            HASH[i] = (byte) i;
            OTHER_HASH[i] = (byte) (255 - i);
        }
    }

    protected ApiKeyStore store;
    protected String tenant;
    protected String otherTenant;

    /** The implementation under test; may be shared by the tests of a class. */
    protected abstract ApiKeyStore newStore();

    @BeforeEach
    void wire() {
        store = newStore();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        tenant = "team-" + unique;
        // The tenant's name with more after it: a store that matched prefixes would mix them.
        otherTenant = tenant + ".eu";
    }

    private static StoredKey key(String tenant, String keyId, byte[] hash, Set<Scope> scopes, String name,
            Instant createdAt) {
        return new StoredKey(tenant, keyId, hash, scopes, name, createdAt, Optional.empty());
    }

    private StoredKey key(String keyId, Instant createdAt) {
        return key(tenant, keyId, HASH, EnumSet.of(Scope.INGEST), "", createdAt);
    }

    @Test
    void find_afterCreate_returnsEveryFieldAsStored() {
        StoredKey created = key(tenant, "abcdefghij01", HASH, EnumSet.of(Scope.INGEST, Scope.QUERY), "ci pipeline", T0);
        store.create(created);

        StoredKey found = store.find(tenant, "abcdefghij01").orElseThrow();

        assertThat(found).usingRecursiveComparison().isEqualTo(created);
        assertThat(found.hash()).containsExactly(HASH);
        assertThat(found.revoked()).isFalse();
    }

    @Test
    void find_keepsAnEmptyNameAndASingleScope() {
        store.create(key(tenant, "abcdefghij02", HASH, EnumSet.of(Scope.QUERY), "", T0));

        StoredKey found = store.find(tenant, "abcdefghij02").orElseThrow();

        assertThat(found.name()).isEmpty();
        assertThat(found.scopes()).containsExactly(Scope.QUERY);
    }

    @Test
    void find_whenNoSuchKey_isEmpty() {
        store.create(key("abcdefghij03", T0));

        assertThat(store.find(tenant, "abcdefghij99")).isEmpty();
        assertThat(store.find(otherTenant, "abcdefghij03")).isEmpty();
    }

    @Test
    void create_whenTheTenantAlreadyHasTheKeyId_throwsAndKeepsTheFirst() {
        store.create(key("abcdefghij04", T0));

        assertThatThrownBy(() -> store.create(key(tenant, "abcdefghij04", OTHER_HASH, EnumSet.of(Scope.QUERY), "x",
                T0.plusSeconds(1)))).isInstanceOf(IllegalStateException.class);

        assertThat(store.find(tenant, "abcdefghij04").orElseThrow().hash()).containsExactly(HASH);
    }

    @Test
    void twoTenantsWithTheSameKeyId_stayApart() {
        store.create(key(tenant, "abcdefghij05", HASH, EnumSet.of(Scope.INGEST), "mine", T0));
        store.create(key(otherTenant, "abcdefghij05", OTHER_HASH, EnumSet.of(Scope.QUERY), "theirs", T0));

        assertThat(store.revoke(tenant, "abcdefghij05", T0.plusSeconds(60))).isTrue();

        StoredKey mine = store.find(tenant, "abcdefghij05").orElseThrow();
        StoredKey theirs = store.find(otherTenant, "abcdefghij05").orElseThrow();
        assertThat(mine.hash()).containsExactly(HASH);
        assertThat(mine.revoked()).isTrue();
        assertThat(theirs.hash()).containsExactly(OTHER_HASH);
        assertThat(theirs.scopes()).containsExactly(Scope.QUERY);
        assertThat(theirs.revoked()).isFalse();
        assertThat(store.list(tenant)).extracting(StoredKey::name).containsExactly("mine");
        assertThat(store.list(otherTenant)).extracting(StoredKey::name).containsExactly("theirs");
    }

    @Test
    void revoke_whenRevokedAgain_keepsTheFirstTime() {
        store.create(key("abcdefghij06", T0));

        assertThat(store.revoke(tenant, "abcdefghij06", T0.plusSeconds(60))).isTrue();
        assertThat(store.revoke(tenant, "abcdefghij06", T0.plusSeconds(120))).isTrue();

        assertThat(store.find(tenant, "abcdefghij06").orElseThrow().revokedAt()).contains(T0.plusSeconds(60));
    }

    @Test
    void revoke_whenNoSuchKey_returnsFalseAndCreatesNothing() {
        assertThat(store.revoke(tenant, "abcdefghij07", T0)).isFalse();

        assertThat(store.find(tenant, "abcdefghij07")).isEmpty();
        assertThat(store.list(tenant)).isEmpty();
    }

    @Test
    void list_isOldestFirstRevokedIncludedAndTenantScoped() {
        store.create(key("cccccccccccc", T0.plusSeconds(2)));
        store.create(key("aaaaaaaaaaaa", T0.plusSeconds(3)));
        store.create(key("bbbbbbbbbbbb", T0));
        store.create(key(otherTenant, "dddddddddddd", HASH, EnumSet.of(Scope.INGEST), "", T0.plusSeconds(1)));
        store.revoke(tenant, "aaaaaaaaaaaa", T0.plusSeconds(4));

        List<StoredKey> keys = store.list(tenant);

        assertThat(keys).extracting(StoredKey::keyId).containsExactly("bbbbbbbbbbbb", "cccccccccccc", "aaaaaaaaaaaa");
        assertThat(keys).extracting(StoredKey::tenant).containsOnly(tenant);
        assertThat(keys.get(2).revokedAt()).contains(T0.plusSeconds(4));
    }

    @Test
    void list_whenTheTenantHasNoKeys_isEmpty() {
        assertThat(store.list(tenant)).isEmpty();
    }

    /** The whole life of a key as the CLI and the authorizer see it, over this store. */
    @Test
    void keyVerifier_overThisStore_acceptsACreatedKeyUntilItIsRevoked() {
        MovableClock clock = new MovableClock(T0);
        KeyManager manager = new KeyManager(store, clock, new SecureRandom());
        KeyVerifier verifier = new KeyVerifier(store, clock, Duration.ZERO);
        KeyManager.CreatedKey created = manager.create(tenant, EnumSet.of(Scope.INGEST), "collector");
        String token = created.key().token();

        KeyVerifier.Verdict valid = verifier.verify(token);
        assertThat(valid.isValid()).isTrue();
        assertThat(valid.tenant()).contains(tenant);
        assertThat(valid.scopes()).containsExactly(Scope.INGEST);
        // The same key ID under another tenant is another key.
        String moved = token.replace("skn1." + tenant + ".", "skn1." + otherTenant + ".");
        assertThat(verifier.verify(moved).problem()).contains(KeyVerifier.Problem.UNKNOWN);

        assertThat(manager.revoke(tenant, created.key().keyId())).isTrue();
        assertThat(verifier.verify(token).problem()).contains(KeyVerifier.Problem.REVOKED);
    }
}
