package io.sluice.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The schema editors use (docs/) must be the one the loader enforces (the classpath resource). */
class DescriptorSchemaDocumentTest {

    @Test
    void publishedSchemaEqualsTheShippedResource() throws Exception {
        Path published = Path.of(System.getProperty("user.dir")).resolve("../docs/descriptor-schema.json").normalize();
        String shipped;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DescriptorLoader.SCHEMA_RESOURCE)) {
            assertThat(in).as(DescriptorLoader.SCHEMA_RESOURCE).isNotNull();
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(published).isRegularFile();
        assertThat(Files.readString(published, StandardCharsets.UTF_8))
                .as("copy src/main/resources/%s to docs/descriptor-schema.json", DescriptorLoader.SCHEMA_RESOURCE)
                .isEqualTo(shipped);
    }
}
