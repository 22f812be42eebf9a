package dev.skein.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialTest {
    private static final String KEY = "skn1.acme.abc123def456." + "A".repeat(42) + "Q";
    private static final String OTHER_KEY = "skn1.acme.zzz999zzz999." + "B".repeat(42) + "Q";

    /** The credential in a request with this Authorization header and this {@code key} parameter (null: absent). */
    private static Credential of(String authorization, String keyParameter) {
        Map<String, String> headers = new HashMap<>();
        if (authorization != null) headers.put("authorization", authorization);
        Map<String, String> query = new HashMap<>();
        if (keyParameter != null) query.put("key", keyParameter);
        return Credential.of(headers::get, query::get);
    }

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "BeArEr ", "Bearer    ", "  Bearer "})
    void bearer_anySchemeCase_anySpaces_presentsTheKey(String scheme) {
        assertThat(of(scheme + KEY + "  ", null)).isEqualTo(new Credential.Presented(KEY));
    }

    @Test
    void basic_presentsThePassword_whateverTheUser() {
        assertThat(of(basic("grafana:" + KEY), null)).isEqualTo(new Credential.Presented(KEY));
        assertThat(of(basic(":" + KEY), null)).isEqualTo(new Credential.Presented(KEY));
        assertThat(of("basic  " + Base64.getEncoder().encodeToString(("u:" + KEY).getBytes(StandardCharsets.UTF_8)), null))
                .isEqualTo(new Credential.Presented(KEY));
    }

    @Test
    void basic_splitsAtTheFirstColon_asTheUserCannotHoldOne() {
        assertThat(of(basic("user:pa:ss"), null)).isEqualTo(new Credential.Presented("pa:ss"));
    }

    @Test
    void basic_withoutPadding_isStillRead() {
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(("u:" + KEY).getBytes(StandardCharsets.UTF_8));

        assertThat(of("Basic " + encoded, null)).isEqualTo(new Credential.Presented(KEY));
    }

    @Test
    void basic_thatIsNotBase64_isMalformed() {
        assertThat(of("Basic not*base64!", null)).isInstanceOf(Credential.Malformed.class)
                .extracting(c -> ((Credential.Malformed) c).problem()).asString().contains("not base64");
    }

    @Test
    void basic_withoutAColon_isMalformed_sayingTheKeyIsThePassword() {
        assertThat(of(basic(KEY), null)).isInstanceOf(Credential.Malformed.class)
                .extracting(c -> ((Credential.Malformed) c).problem()).asString().contains("user:key");
        assertThat(of("Basic", null)).isInstanceOf(Credential.Malformed.class);
    }

    @Test
    void basic_withAnEmptyPassword_isMalformed() {
        assertThat(of(basic("grafana:"), null)).isEqualTo(new Credential.Malformed("an empty key"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"Token skn1.x", "Digest abc", "skn1.acme.abc123def456.x", "Bearer\tskn1.x", ""})
    void anotherScheme_orNone_isMalformed_namingTheAcceptedOnes(String authorization) {
        assertThat(of(authorization, null)).isInstanceOf(Credential.Malformed.class)
                .extracting(c -> ((Credential.Malformed) c).problem()).asString().contains("Bearer <key>");
    }

    @Test
    void bearer_withNothingAfterIt_isAnEmptyKey() {
        assertThat(of("Bearer", null)).isEqualTo(new Credential.Malformed("an empty key"));
        assertThat(of("Bearer    ", null)).isEqualTo(new Credential.Malformed("an empty key"));
    }

    @Test
    void keyParameter_alone_presentsTheKey() {
        assertThat(of(null, KEY)).isEqualTo(new Credential.Presented(KEY));
        assertThat(of(null, " " + KEY + " ")).isEqualTo(new Credential.Presented(KEY));
    }

    @Test
    void keyParameter_empty_isMalformed() {
        assertThat(of(null, "")).isEqualTo(new Credential.Malformed("an empty key"));
        assertThat(of(null, "  ")).isEqualTo(new Credential.Malformed("an empty key"));
    }

    @Test
    void headerAndParameter_withTheSameKey_presentTheKey() {
        assertThat(of("Bearer " + KEY, KEY)).isEqualTo(new Credential.Presented(KEY));
        assertThat(of(basic("u:" + KEY), KEY)).isEqualTo(new Credential.Presented(KEY));
    }

    @Test
    void headerAndParameter_withDifferentKeys_isMalformed() {
        assertThat(of("Bearer " + KEY, OTHER_KEY)).isInstanceOf(Credential.Malformed.class)
                .extracting(c -> ((Credential.Malformed) c).problem()).asString().contains("different keys");
    }

    /**
     * Zipkin's own API has a {@code key} parameter: the Zipkin UI asks {@code
     * /zipkin/api/v2/autocompleteValues?key=http.method} with its Authorization header.
     */
    @Test
    void headerWithAKey_andAKeyParameterThatIsNoSkeinKey_presentsTheHeadersKey() {
        assertThat(of("Bearer " + KEY, "http.method")).isEqualTo(new Credential.Presented(KEY));
        assertThat(of(basic("grafana:" + KEY), "environment")).isEqualTo(new Credential.Presented(KEY));
    }

    @Test
    void malformedHeader_winsOverAGoodParameter() {
        assertThat(of("Token " + KEY, KEY)).isInstanceOf(Credential.Malformed.class);
    }

    @Test
    void nothing_isMissing() {
        assertThat(of(null, null)).isEqualTo(new Credential.Missing());
    }

    @Test
    void onlyTheLowerCaseHeaderNameAndTheKeyParameterAreAsked() {
        Map<String, String> asked = new HashMap<>();
        Credential.of(name -> { asked.put("header", name); return null; },
                name -> { asked.put("query", name); return null; });

        assertThat(asked).containsExactlyInAnyOrderEntriesOf(Map.of("header", "authorization", "query", "key"));
    }
}
