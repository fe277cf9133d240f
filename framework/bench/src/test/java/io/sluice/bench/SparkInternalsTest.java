package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The harness measures Sluice through Spark's and Delta's public API only, so that a Spark or Delta upgrade breaks
 * {@code connectors/spark-compat}, not the benchmark (the SQL execution events it reads come through
 * {@code io.sluice.compat.listen.SqlExecutionEvents}).
 */
class SparkInternalsTest {
    private static final Pattern INTERNAL = Pattern.compile(
            "^import\\s+(static\\s+)?(org\\.apache\\.spark\\.sql\\.(delta|catalyst|execution|internal|classic)\\.[\\w.]+)",
            Pattern.MULTILINE);

    @Test
    void theHarnessImportsNoSparkOrDeltaInternals() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = INTERNAL.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    found.add(f.getFileName() + ": " + m.group(2));
                }
            }
        }

        assertThat(found).isEmpty();
        // the pattern sees such an import at all
        assertThat(INTERNAL.matcher("import org.apache.spark.sql.classic.Dataset;").find()).isTrue();
    }

    @Test
    void theHarnessDoesNotReachIntoSparkContextPrivateMembers() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(f, StandardCharsets.UTF_8).contains("listenerBus()")) {
                    found.add(f.getFileName().toString());
                }
            }
        }

        assertThat(found).isEmpty();
    }
}
