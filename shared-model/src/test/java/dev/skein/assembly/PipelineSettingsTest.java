package dev.skein.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {

    @Test
    void autocompleteKeys_whenNotConfigured_areTheDefaults() {
        assertThat(PipelineSettings.fromEnvironment(Map.of()).autocompleteKeys())
                .isEqualTo(PipelineSettings.DEFAULT_AUTOCOMPLETE_KEYS)
                .contains("http.route", "http.request.method", "deployment.environment");
    }

    @Test
    void autocompleteKeys_fromTheEnvironment_areTrimmedWithoutEmptiesOrRepeats() {
        PipelineSettings s = PipelineSettings.fromEnvironment(
                Map.of("SKEIN_AUTOCOMPLETE_KEYS", " http.route, tenant.tier,,http.route ,"));

        assertThat(s.autocompleteKeys()).containsExactly("http.route", "tenant.tier");
    }

    @Test
    void autocompleteKeys_whenConfiguredEmpty_areNone() {
        assertThat(PipelineSettings.fromEnvironment(Map.of("SKEIN_AUTOCOMPLETE_KEYS", " ")).autocompleteKeys())
                .isEmpty();
    }

    @Test
    void autocompleteKey_longerThanTheLimit_isRejected() {
        String longest = "k".repeat(PipelineSettings.MAX_AUTOCOMPLETE_KEY_BYTES);
        assertThat(PipelineSettings.DEFAULTS.withAutocompleteKeys(List.of(longest)).autocompleteKeys())
                .containsExactly(longest);

        assertThatThrownBy(() -> PipelineSettings.fromEnvironment(Map.of("SKEIN_AUTOCOMPLETE_KEYS", longest + "é")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SKEIN_AUTOCOMPLETE_KEYS) must be 1..256 UTF-8 bytes, got 258");
    }

    @Test
    void autocompleteKeys_moreThanTheLimit_areRejected() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < PipelineSettings.MAX_AUTOCOMPLETE_KEYS; i++) keys.add("key" + i);
        assertThat(PipelineSettings.DEFAULTS.withAutocompleteKeys(keys).autocompleteKeys()).hasSize(64);

        keys.add("one.more");
        assertThatThrownBy(() -> PipelineSettings.DEFAULTS.withAutocompleteKeys(keys))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at most 64 autocomplete keys (SKEIN_AUTOCOMPLETE_KEYS), got 65");
    }

    @Test
    void autocompleteKey_empty_isRejected() {
        assertThatThrownBy(() -> PipelineSettings.DEFAULTS.withAutocompleteKeys(List.of("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }
}
