package io.sluice.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each {@code descriptors/invalid/<defect>.yaml|.json} (or folder {@code <defect>/}) is loaded as
 * the only content of a project's {@code descriptors/} folder and must fail with exactly the message in
 * {@code <defect>.expected}.
 */
class DescriptorGoldenTest {

    static Path invalidFolder() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(DescriptorGoldenTest.class.getResource("/descriptors/invalid")).toURI());
    }

    static Stream<String> fixtures() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(invalidFolder())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".expected")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void invalidDescriptorFailsWithTheExpectedMessage(String fixture, @TempDir Path project) throws Exception {
        Path source = invalidFolder().resolve(fixture);
        Path descriptors = project.resolve("descriptors");
        copy(source, Files.isDirectory(source) ? descriptors : descriptors.resolve(fixture));
        String defect = Files.isDirectory(source) ? fixture : fixture.substring(0, fixture.lastIndexOf('.'));
        String expected = Files.readString(invalidFolder().resolve(defect + ".expected"), StandardCharsets.UTF_8).stripTrailing();

        assertThatThrownBy(() -> DescriptorLoader.load(project, descriptors))
                .isInstanceOf(DescriptorException.class)
                .hasMessage(expected)
                .satisfies(e -> assertThat(((DescriptorException) e).problems()).hasSize((int) expected.lines().count()));
    }

    @Test
    void everyFixtureHasItsExpectedMessageAndThereAreEnough() throws Exception {
        List<String> fixtures = fixtures().toList();
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(25);
        for (String fixture : fixtures) {
            String defect = fixture.contains(".") ? fixture.substring(0, fixture.lastIndexOf('.')) : fixture;
            assertThat(invalidFolder().resolve(defect + ".expected")).as(fixture).isRegularFile();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
