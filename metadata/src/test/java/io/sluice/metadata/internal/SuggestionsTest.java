package io.sluice.metadata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void suggestsOnlyObviousTypos() {
        List<String> fields = List.of("name", "type", "nullable", "key", "format", "min", "max", "min_length", "max_length");

        assertThat(Suggestions.closest("nulable", fields)).contains("nullable");
        assertThat(Suggestions.closest("fromat", fields)).contains("format");
        assertThat(Suggestions.closest("mni", fields)).contains("min"); // a transposition is one typo
        assertThat(Suggestions.closest("mix", fields)).isEmpty(); // min and max are equally close
        assertThat(Suggestions.closest("schedule", fields)).isEmpty();
        assertThat(Suggestions.closest("name", fields)).isEmpty();
    }

    @Test
    void namesSecretsByTheLastWordOfTheKey() {
        assertThat(DescriptorMapper.namesSecret("password")).isTrue();
        assertThat(DescriptorMapper.namesSecret("client_secret")).isTrue();
        assertThat(DescriptorMapper.namesSecret("apiKey")).isTrue();
        assertThat(DescriptorMapper.namesSecret("sas-token")).isTrue();
        assertThat(DescriptorMapper.namesSecret("token_provider")).isFalse();
        assertThat(DescriptorMapper.namesSecret("user")).isFalse();
    }
}
