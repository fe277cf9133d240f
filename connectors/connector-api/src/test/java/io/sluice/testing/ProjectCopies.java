package io.sluice.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies a Sluice project folder (descriptors, landing area, settings) for a test to run in. */
public final class ProjectCopies {
    private ProjectCopies() {
    }

    /** Copies {@code source} to {@code target}, leaving out its {@code lake} folder; returns {@code target}. */
    public static Path withoutLake(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(p);
                if (relative.startsWith("lake")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
        return target;
    }
}
