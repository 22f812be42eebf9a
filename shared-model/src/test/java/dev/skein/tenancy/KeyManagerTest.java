package dev.skein.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.storage.MovableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyManagerTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final MovableClock clock = new MovableClock(START);
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final KeyManager keys = new KeyManager(store, clock, new SecureRandom());

    @Test
    void create_storesTheKeyUnderItsTenantAndId_withScopesNameAndTime() {
        KeyManager.CreatedKey created = keys.create("acme", EnumSet.of(Scope.INGEST), "collector");

        StoredKey stored = store.find("acme", created.key().keyId()).orElseThrow();
        assertThat(stored.tenant()).isEqualTo("acme");
        assertThat(stored.keyId()).isEqualTo(created.key().keyId());
        assertThat(stored.scopes()).containsExactly(Scope.INGEST);
        assertThat(stored.name()).isEqualTo("collector");
        assertThat(stored.createdAt()).isEqualTo(START);
        assertThat(stored.revoked()).isFalse();
        assertThat(created.key().tenant()).isEqualTo("acme");
    }

    @Test
    void create_storesOnlyTheHash_neverTheSecret() {
        KeyManager.CreatedKey created = keys.create("acme", EnumSet.allOf(Scope.class), "ci");
        String token = created.key().token();
        String secret = token.substring(token.lastIndexOf('.') + 1);

        StoredKey stored = store.find("acme", created.key().keyId()).orElseThrow();
        assertThat(stored.hash()).isEqualTo(created.key().hash());
        assertThat(created.key().matches(stored.hash())).isTrue();
        String everythingStored = stored.tenant() + stored.keyId() + stored.name() + stored.scopes()
                + new String(stored.hash(), StandardCharsets.ISO_8859_1) + HexFormat.of().formatHex(stored.hash())
                + stored.toString();
        assertThat(everythingStored).doesNotContain(secret).doesNotContain(token);
    }

    @Test
    void create_makesAKeyTheVerifierAccepts() {
        String token = keys.create("acme", EnumSet.of(Scope.QUERY), "").key().token();

        KeyVerifier.Verdict verdict = new KeyVerifier(store, clock, Duration.ZERO).verify(token);
        assertThat(verdict.tenant()).contains("acme");
        assertThat(verdict.scopes()).containsExactly(Scope.QUERY);
    }

    @Test
    void create_withoutAName_storesAnEmptyName() {
        KeyManager.CreatedKey created = keys.create("acme", EnumSet.of(Scope.QUERY), null);

        assertThat(created.stored().name()).isEmpty();
    }

    @Test
    void list_givesTheTenantsKeysOnly_oldestFirst_revokedIncluded() {
        KeyManager.CreatedKey first = keys.create("acme", EnumSet.of(Scope.INGEST), "first");
        clock.advance(Duration.ofMinutes(1));
        keys.create("acme.eu", EnumSet.of(Scope.INGEST), "look-alike tenant");
        keys.create("globex", EnumSet.of(Scope.INGEST), "other tenant");
        clock.advance(Duration.ofMinutes(1));
        KeyManager.CreatedKey second = keys.create("acme", EnumSet.of(Scope.QUERY), "second");
        keys.revoke("acme", first.key().keyId());

        List<StoredKey> listed = keys.list("acme");

        assertThat(listed).extracting(StoredKey::name).containsExactly("first", "second");
        assertThat(listed).extracting(StoredKey::keyId).containsExactly(first.key().keyId(), second.key().keyId());
        assertThat(listed.get(0).revoked()).isTrue();
        assertThat(keys.list("nobody")).isEmpty();
    }

    @Test
    void revoke_marksTheKeyRevokedNow_andKeepsTheFirstTime() {
        KeyManager.CreatedKey created = keys.create("acme", EnumSet.of(Scope.INGEST), "ci");
        clock.advance(Duration.ofHours(1));

        assertThat(keys.revoke("acme", created.key().keyId())).isTrue();
        clock.advance(Duration.ofHours(1));
        assertThat(keys.revoke("acme", created.key().keyId())).isTrue();

        assertThat(store.find("acme", created.key().keyId()).orElseThrow().revokedAt())
                .contains(START.plus(Duration.ofHours(1)));
    }

    @Test
    void revoke_anUnknownKey_isFalse_evenWhenAnotherTenantHasIt() {
        KeyManager.CreatedKey created = keys.create("acme", EnumSet.of(Scope.INGEST), "ci");

        assertThat(keys.revoke("acme", "zzzzzzzzzzzz")).isFalse();
        assertThat(keys.revoke("globex", created.key().keyId())).isFalse();
        assertThat(store.find("acme", created.key().keyId()).orElseThrow().revoked()).isFalse();
    }

    @ParameterizedTest(name = "tenant ''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"a b", "a#b", "a/b", "ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"})
    void everyOperation_onATenantSkeinCannotStore_failsNamingTheRule(String tenant) {
        assertThatThrownBy(() -> keys.create(tenant, EnumSet.of(Scope.INGEST), "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-64 of A-Z a-z 0-9 _ . -");
        assertThatThrownBy(() -> keys.list(tenant))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-64 of A-Z a-z 0-9 _ . -");
        assertThatThrownBy(() -> keys.revoke(tenant, "abc123def456"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-64 of A-Z a-z 0-9 _ . -");
    }

    @ParameterizedTest(name = "key ID ''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"abc", "ABC123DEF456", "abc123def4567", "abc123def45!"})
    void revoke_aKeyIdNotShapedLikeOne_failsNamingTheRule(String keyId) {
        assertThatThrownBy(() -> keys.revoke("acme", keyId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key IDs are 12 of a-z 0-9");
    }

    @Test
    void create_withoutAScope_failsNamingTheRule_andStoresNothing() {
        assertThatThrownBy(() -> keys.create("acme", Set.of(), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one scope");
        assertThat(keys.list("acme")).isEmpty();
    }
}
