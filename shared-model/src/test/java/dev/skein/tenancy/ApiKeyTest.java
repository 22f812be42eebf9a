package dev.skein.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_ID = "abc123def456";
    private static final String SECRET = "A".repeat(42) + "Q";

    @ParameterizedTest(name = "tenant ''{0}''")
    @ValueSource(strings = {"acme", "team.a", "a.b.c", "under_score", "x", "...", "T-1.v2_x"})
    void generate_thenParseToken_givesTheSameKey(String tenant) {
        ApiKey key = ApiKey.generate(tenant, RANDOM);

        ApiKey parsed = ApiKey.parse(key.token()).orElseThrow();

        assertThat(parsed.tenant()).isEqualTo(tenant);
        assertThat(parsed.keyId()).isEqualTo(key.keyId());
        assertThat(parsed.token()).isEqualTo(key.token());
        assertThat(parsed.hash()).isEqualTo(key.hash());
    }

    @Test
    void generate_withTheLongestTenant_makesAKeyOfExactlyMaxLengthThatParses() {
        String tenant = "t".repeat(64);
        ApiKey key = ApiKey.generate(tenant, RANDOM);

        assertThat(key.token()).hasSize(ApiKey.MAX_LENGTH).startsWith("skn1." + tenant + ".");
        assertThat(ApiKey.parse(key.token())).isPresent();
    }

    @Test
    void generate_makesTheDocumentedShape() {
        ApiKey key = ApiKey.generate("acme", RANDOM);

        assertThat(key.token()).matches("skn1\\.acme\\.[a-z0-9]{12}\\.[A-Za-z0-9_-]{43}");
        assertThat(ApiKey.isKeyId(key.keyId())).isTrue();
    }

    @Test
    void generate_drawsADifferentKeyIdAndSecretEachTime() {
        Set<String> ids = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ApiKey key = ApiKey.generate("acme", RANDOM);
            ids.add(key.keyId());
            tokens.add(key.token().substring(key.token().lastIndexOf('.')));
        }
        assertThat(ids).hasSize(200);
        assertThat(tokens).hasSize(200);
    }

    @ParameterizedTest(name = "tenant ''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"a b", "a/b", "a#b", "ä", "a:b"})
    void generate_forATenantSkeinCannotStore_failsNamingTheRule(String tenant) {
        assertThatThrownBy(() -> ApiKey.generate(tenant, RANDOM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-64 of A-Z a-z 0-9 _ . -");
    }

    @Test
    void generate_forA65CharacterTenant_fails() {
        assertThatThrownBy(() -> ApiKey.generate("t".repeat(65), RANDOM)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_readsFromTheRight_soATenantMayHoldDotsAndLookLikeAKey() {
        String tenant = "skn1.x." + KEY_ID;
        ApiKey key = ApiKey.parse("skn1." + tenant + "." + KEY_ID + "." + SECRET).orElseThrow();

        assertThat(key.tenant()).isEqualTo(tenant);
        assertThat(key.keyId()).isEqualTo(KEY_ID);
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {
            "skn2.acme.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // wrong version
            "SKN1.acme.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // prefix is case-sensitive
            "acme.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // no prefix
            " skn1.acme.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // leading space
            "skn1.acme.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ ", // trailing space
            "skn1.acme.abc123def45.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // key ID 11
            "skn1.acme.abc123def4567.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // key ID 13
            "skn1.acme.ABC123DEF456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // key ID upper case
            "skn1.acme.abc123-ef456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // key ID with '-'
            "skn1.acme.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // secret 42
            "skn1.acme.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQA", // secret 44
            "skn1.acme.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", // padded
            "skn1.acme.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", // base64, not base64url
            "skn1.acme.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
            "skn1..abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // empty tenant
            "skn1.acme..AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // empty key ID
            "skn1.acme.abc123def456.", // empty secret
            "skn1.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // no tenant part
            "skn1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ",
            "skn1.",
            "skn1",
            "skn1...",
            "skn1.a b.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // tenant with a space
            "skn1.a#b.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ", // tenant with '#'
            "skn1.acme.abc123def456.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ.", // a dot too many
    })
    void parse_refusesWhatIsNotShapedLikeAKey(String token) {
        assertThat(ApiKey.parse(token)).isEmpty();
    }

    @Test
    void parse_refusesA65CharacterTenant() {
        String token = "skn1." + "t".repeat(65) + "." + KEY_ID + "." + SECRET;
        assertThat(token).hasSize(ApiKey.MAX_LENGTH + 1);

        assertThat(ApiKey.parse(token)).isEmpty();
    }

    @Test
    void parse_refusesAnythingOverMaxLengthBeforeLookingAtIt() {
        String token = "skn1." + "t".repeat(10_000) + "." + KEY_ID + "." + SECRET;

        assertThat(ApiKey.parse(token)).isEmpty();
    }

    @Test
    void isKeyId_acceptsOnlyTwelveLowerCaseLettersAndDigits() {
        assertThat(ApiKey.isKeyId(KEY_ID)).isTrue();
        assertThat(ApiKey.isKeyId(null)).isFalse();
        assertThat(ApiKey.isKeyId("")).isFalse();
        assertThat(ApiKey.isKeyId("abc123def45")).isFalse();
        assertThat(ApiKey.isKeyId("Abc123def456")).isFalse();
        assertThat(ApiKey.isKeyId("abc123def456 ")).isFalse();
    }

    @Test
    void toString_neverContainsTheSecret() {
        ApiKey key = ApiKey.generate("acme", RANDOM);
        String secret = key.token().substring(key.token().lastIndexOf('.') + 1);

        assertThat(key.toString()).doesNotContain(secret).isEqualTo("skn1.acme." + key.keyId() + ".…");
        assertThat(String.valueOf(ApiKey.parse(key.token()))).doesNotContain(secret);
    }

    @Test
    void matches_trueForItsOwnHash_falseForAnotherKeysOrNone() {
        ApiKey key = ApiKey.generate("acme", RANDOM);
        ApiKey other = ApiKey.generate("acme", RANDOM);

        assertThat(key.matches(key.hash())).isTrue();
        assertThat(key.matches(other.hash())).isFalse();
        assertThat(key.matches(new byte[0])).isFalse();
        assertThat(key.matches(null)).isFalse();
    }

    @Test
    void hash_isSha256Sized_andNotTheSecret() {
        ApiKey key = ApiKey.parse("skn1.acme." + KEY_ID + "." + SECRET).orElseThrow();

        assertThat(key.hash()).hasSize(32);
        assertThat(new String(key.hash(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
    }

    @Test
    void hash_bindsTheSecretToItsTenantAndKeyId() {
        ApiKey original = ApiKey.parse("skn1.acme." + KEY_ID + "." + SECRET).orElseThrow();
        ApiKey otherTenant = ApiKey.parse("skn1.globex." + KEY_ID + "." + SECRET).orElseThrow();
        ApiKey otherKeyId = ApiKey.parse("skn1.acme.zzz999zzz999." + SECRET).orElseThrow();

        assertThat(otherTenant.matches(original.hash())).isFalse();
        assertThat(otherKeyId.matches(original.hash())).isFalse();
        assertThat(original.hash()).isEqualTo(ApiKey.hash("acme", KEY_ID, SECRET));
    }
}
